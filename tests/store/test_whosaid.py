from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.pipeline import ingest
from bot.store import QueryError, Store, WhosaidHit
from tests.store.conftest import briefing_text
from tests.support.archive import briefing_ids

SEED = (Path(__file__).parents[1] / "corpus" / "seed.txt").read_bytes()

HOSTILE = [
    'root causes"',
    '"root',
    "multi-agent",
    "a:b",
    "AND",
    "root AND",
    "OR OR",
    "NOT",
    "*",
    "(root",
    "root)",
    "don't",
    '"""',
    "''",
    '""',
    "%",
    "\\",
    "-root",
    "+root",
    ".",
    "speaker:Bob",
    "{speaker text}:x",
    "NEAR(root causes)",
    "NEAR(",
    "^root",
    "root*",
    "root NEAR/2 causes",
    "'; DROP TABLE quotes; --",
    '"root causes" OR "x"',
    "text:root",
    "\x01root\x02",
    "🙂 root",
    "root\u200bcauses",
    "\u00a0",
    "OR",
]
REJECTED = ["", "   ", "\t\n", "root\x00causes", "x" * 501]


@pytest.fixture
def seeded(store: Store) -> Store:
    ingest(store, SEED, "seed.txt")
    return store


def test_root_causes_finds_putin_first(seeded: Store) -> None:
    hits = seeded.whosaid("root causes")
    assert hits and hits[0].speaker == "Vladimir Putin"
    top = hits[0]
    assert isinstance(top, WhosaidHit) and top.title == "GET UP TO SPEED" and top.date is not None
    assert top.match is not None and top.quote[top.match[0] : top.match[1]].lower() == "root causes"
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))


def test_stemmed_query_matches(seeded: Store) -> None:
    hits = seeded.whosaid("root cause")
    assert hits and hits[0].speaker == "Vladimir Putin" and "root causes" in hits[0].quote


def test_typo_query_matches(seeded: Store) -> None:
    hits = seeded.whosaid("root cuases")
    assert hits and hits[0].speaker == "Vladimir Putin" and "root causes" in hits[0].quote
    top = seeded.whosaid("maximim presure")[0]
    assert top.speaker == "Ian" and top.match is not None
    assert top.quote[top.match[0] : top.match[1]] == "maximum pressure"


def test_exact_phrase_ranks_above_scattered_words(store: Store) -> None:
    ingest(store, briefing_text("Scattered", "2025-05-01", "Bob said the “causes lie at the root” of it."), "a.txt")
    ingest(store, briefing_text("Exact", "2025-01-01", "Eve said “the root causes matter” then."), "b.txt")
    hits = store.whosaid("root causes")
    assert [h.speaker for h in hits] == ["Eve", "Bob"]
    assert hits[1].match is None


def test_unattributed_quote_is_found_but_ranks_below(store: Store) -> None:
    ingest(
        store,
        briefing_text(
            "Daily note",
            "2025-04-02",
            "A statement read: “Nothing moves until the root causes of the war are addressed by all sides.” "
            "Alice said the plan is “root causes of the war” on Monday.",
        ),
        "n.txt",
    )
    hits = store.whosaid("root causes of the war")
    assert [h.speaker for h in hits] == ["Alice", None]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(seeded: Store, query: str) -> None:
    try:
        hits = seeded.whosaid(query)
    except QueryError:
        return
    assert isinstance(hits, list)
    assert seeded.search_briefings(query) is not None


@pytest.mark.parametrize("query", REJECTED)
def test_invalid_queries_raise_query_error(seeded: Store, query: str) -> None:
    with pytest.raises(QueryError) as info:
        seeded.whosaid(query)
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value) and str(info.value)


def test_search_syntax_is_taken_literally(seeded: Store) -> None:
    hits = seeded.whosaid("speaker:Putin")  # not a column filter: the words "speaker" and "putin" in the quote
    assert hits and all("Putin" in h.quote for h in hits)
    assert seeded.whosaid('"root causes"')[0].speaker == "Vladimir Putin"
    assert seeded.whosaid("root*")[0].speaker == "Vladimir Putin"


def test_concurrent_searches_and_ingests(seeded: Store) -> None:
    def work(i: int) -> int:
        if i % 8 == 0:
            ingest(seeded, briefing_text(f"Note {i}", "2025-06-01", f"Zed{i} said “root causes {i}” here."), f"{i}.txt")
        return len(seeded.whosaid("root causes", limit=3))

    with ThreadPoolExecutor(max_workers=16) as pool:
        counts = list(pool.map(work, range(64)))
    assert all(n >= 1 for n in counts)
    assert len(briefing_ids(seeded)) == 9


@pytest.mark.parametrize("query", ["the of and", "The", "OR", "NOT AND", "was it"])
def test_stopword_only_queries_get_one_answer_on_both_databases(seeded: Store, query: str) -> None:
    """PostgreSQL's english configuration indexes no stopwords; SQLite answers the same."""
    with pytest.raises(QueryError, match="only common words"):
        seeded.whosaid(query)
    with pytest.raises(QueryError, match="only common words"):
        seeded.search_briefings(query)


def test_a_quote_and_its_re_quote_are_one_hit_listing_both_places(seeded: Store) -> None:
    hits = seeded.whosaid("root causes")
    putin = [h for h in hits if h.speaker == "Vladimir Putin"]
    assert len(putin) == 1
    [also] = putin[0].also
    assert also.briefing_id == putin[0].briefing_id and also.section != putin[0].section


def test_invisible_characters_in_a_query_are_ignored(seeded: Store) -> None:
    hits = seeded.whosaid("ro\u200bot cau\u00adses\ufeff")
    assert hits and hits[0].speaker == "Vladimir Putin" and hits[0].match is not None

"""Which quotes the pasted-message search (Store.candidates) and /digest search rank in a large archive:
the newest matches, looked for among the recent rows first, and every match of a rare word. The same
rule on SQLite and PostgreSQL, whatever plan PostgreSQL takes to follow it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.pipeline import ingest
from bot.store import Store
from bot.store.archive import quotes_with_any
from bot.store.db import reading
from bot.store.search import Window, briefing_ids_matching, split_rare
from tests.store.conftest import briefing_text

FILLERS = [f"{a}{b}" for a in ("mor", "tal", "ves", "kir", "dun", "pel") for b in ("ax", "ib", "ot", "uv", "en", "yl")]
NEW_QUOTES = 30
#: "budget" is in more quotes than this window ranks, "zephyr" in fewer.
SMALL = Window(rank=20, recent=NEW_QUOTES)


@pytest.fixture
def archive(store: Store) -> Store:
    """An old quote that says "budget" three times and holds a rare word, in an old briefing titled
    "Budget", then NEW_QUOTES newer quotes that say "budget" once, one newer briefing each."""
    old = "Olga said “the budget, the budget and again the budget, zephyr or not” on Monday."
    ingest(store, briefing_text("Budget zephyr news", "2024-01-02", old), "old.txt")
    for i in range(NEW_QUOTES):
        para = f"Speaker{i} said “a budget of {FILLERS[i]} holds” today."
        ingest(store, briefing_text(f"Budget news {i}", "2025-03-01", para), f"new{i}.txt")
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as conn:  # statistics, as a live archive has them
            conn.execute(text("ANALYZE quotes"))
            conn.execute(text("ANALYZE briefings"))
    return store


def candidates(store: Store, words: list[str], window: Window, limit: int = 10) -> list[str | None]:
    with reading(store.engine) as conn:
        return [h.speaker for h in quotes_with_any(conn, words, limit, window)]


def briefings(store: Store, words: str, window: Window, limit: int = 5) -> list[int]:
    with reading(store.engine) as conn:
        return briefing_ids_matching(conn, words, limit, window)


def oldest_briefing(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT min(id) FROM briefings")).scalar_one())


def test_rare_and_common_words(archive: Store) -> None:
    with reading(archive.engine) as conn:
        assert split_rare(conn, ["budget", "zephyr"], SMALL) == (["zephyr"], ["budget"])
        assert split_rare(conn, ["budget", "zephyr"], Window()) == (["budget", "zephyr"], [])


def test_the_best_match_of_the_whole_archive_when_it_fits_the_window(archive: Store) -> None:
    assert candidates(archive, ["budget"], Window())[0] == "Olga"
    assert len(candidates(archive, ["budget"], Window(), limit=100)) == NEW_QUOTES + 1


def test_a_common_word_is_ranked_among_the_recent_quotes(archive: Store) -> None:
    found = candidates(archive, ["budget", "holds"], SMALL)
    assert "Olga" not in found and len(found) == 10


def test_a_rare_word_is_found_anywhere(archive: Store) -> None:
    assert candidates(archive, ["budget", "zephyr", "holds"], SMALL)[0] == "Olga"
    assert candidates(archive, ["zephyr"], SMALL) == ["Olga"]


def test_with_too_few_recent_matches_the_newest_matches_of_all_are_ranked(archive: Store) -> None:
    """Recent quotes that hold fewer matches than asked for widen the search to the whole archive."""
    assert candidates(archive, ["budget"], Window(rank=20, recent=5))[0] != "Olga"  # 20 newest of all
    assert candidates(archive, ["budget"], Window(rank=40, recent=5))[0] == "Olga"


def test_nothing_matches(archive: Store) -> None:
    assert candidates(archive, ["marmalade", "dirigible"], SMALL) == []
    assert candidates(archive, [], SMALL) == []


def test_briefings_a_common_word_is_ranked_among_the_recent_briefings(archive: Store) -> None:
    everything = Window(rank=100, recent=1000)
    assert briefings(archive, "budget", everything)[0] == oldest_briefing(archive)  # the title and 3 times
    assert oldest_briefing(archive) not in briefings(archive, "budget", Window(rank=10, recent=NEW_QUOTES))
    assert oldest_briefing(archive) not in briefings(archive, "budget", Window(rank=10, recent=1000))


def test_briefings_a_rare_word_is_found_anywhere(archive: Store) -> None:
    recent = Window(rank=10, recent=NEW_QUOTES)
    assert briefings(archive, "zephyr", recent) == [oldest_briefing(archive)]
    assert briefings(archive, "budget zephyr", recent) == [oldest_briefing(archive)]
    assert briefings(archive, "budget", Window(rank=100, recent=3))[0] == oldest_briefing(archive)  # too few


def test_the_plan_never_changes_the_answer(archive: Store) -> None:
    """Statistics change how PostgreSQL finds the window, never what it holds."""
    queries = [["budget"], ["budget", "zephyr"], ["zephyr"], ["holds", "budget", "olga"]]
    windows = [SMALL, Window(rank=20, recent=5), Window(rank=10, recent=1000), Window()]
    before = [candidates(archive, q, w) for q in queries for w in windows]
    found = [briefings(archive, " ".join(q), w) for q in queries for w in windows]
    if archive.engine.dialect.name == "postgresql":
        with archive.engine.begin() as conn:
            conn.execute(text("ANALYZE quotes"))
            conn.execute(text("ANALYZE briefings"))
    assert [candidates(archive, q, w) for q in queries for w in windows] == before
    assert [briefings(archive, " ".join(q), w) for q in queries for w in windows] == found


def test_the_quote_the_words_make_up_ranks_first(archive: Store) -> None:
    """Ranked by the words a quote shares with the message, weighed by how much of the quote they make."""
    for window in (SMALL, Window()):
        with reading(archive.engine) as conn:
            hits = quotes_with_any(conn, ["budget", FILLERS[3], "holds", "today", "speaker3"], 10, window)
        assert FILLERS[3] in hits[0].quote
        assert candidates(archive, ["budget", "again", "zephyr", "monday"], window)[0] == "Olga"

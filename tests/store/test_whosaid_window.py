"""Which matches /whosaid ranks in a large archive: the newest ones, looked for among the recent quotes
first. The same rule on SQLite and PostgreSQL, whatever plan PostgreSQL takes to follow it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.pipeline import ingest
from bot.store import Store, WhosaidHit
from bot.store.db import reading
from bot.store.search import CANDIDATES, Vocabulary, Window, whosaid
from tests.store.conftest import briefing_text

#: Invented words, one per quote, so that no two quotes are the same quote.
FILLERS = [
    f"{a}{b}"
    for a in ("mor", "tal", "ves", "kir", "dun", "pel")
    for b in ("ax", "ib", "ot", "uv", "en", "yl", "ar", "os")
]
NEW_QUOTES = CANDIDATES + 5


@pytest.fixture
def archive(store: Store) -> Store:
    """An old quote that says "budget" three times (the best match there is) and holds a rare word,
    then NEW_QUOTES newer quotes that say "budget" once, each in its own paragraph."""
    old = "Olga said “the budget, the budget and again the budget, zephyr or not” on Monday."
    ingest(store, briefing_text("Old news", "2024-01-02", old), "old.txt")
    paragraphs = [f"Speaker{i} said “a budget of {FILLERS[i]} holds” today." for i in range(NEW_QUOTES)]
    ingest(store, briefing_text("New news", "2025-03-01", *paragraphs), "new.txt")
    return store


def search(store: Store, query: str, window: Window, limit: int = 5) -> list[WhosaidHit]:
    with reading(store.engine) as conn:
        return whosaid(conn, Vocabulary(), query, limit, window)


def newest_id(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT max(id) FROM quotes")).scalar_one())


def test_the_archive_holds_the_quotes(archive: Store) -> None:
    everything = Window(recent=10_000)
    assert search(archive, "zephyr", everything)[0].speaker == "Olga"
    hits = search(archive, "budget", everything, limit=100)
    assert len(hits) == CANDIDATES and hits[0].speaker == "Olga"


def test_a_common_word_is_ranked_among_the_recent_quotes(archive: Store) -> None:
    """The newest NEW_QUOTES quotes hold more than CANDIDATES matches: older ones are not looked at."""
    hits = search(archive, "budget", Window(recent=NEW_QUOTES), limit=100)
    assert "Olga" not in {h.speaker for h in hits} and len(hits) == CANDIDATES


def test_a_rare_word_is_found_anywhere(archive: Store) -> None:
    """Fewer than CANDIDATES matches among the recent quotes: the whole archive is searched."""
    recent = Window(recent=NEW_QUOTES)
    assert [h.speaker for h in search(archive, "zephyr", recent)] == ["Olga"]
    assert search(archive, "budget zephyr", recent)[0].speaker == "Olga"
    assert search(archive, "zephir", recent)[0].speaker == "Olga"  # the typo tier too


def test_with_too_few_recent_matches_the_newest_matches_of_all_are_ranked(archive: Store) -> None:
    """Recent quotes that hold some matches, but fewer than CANDIDATES, widen the search to all."""
    hits = search(archive, "budget", Window(recent=CANDIDATES - 1), limit=100)
    assert hits[0].speaker == "Olga" and len(hits) == CANDIDATES


def test_only_the_newest_matches_are_ranked(archive: Store) -> None:
    hits = search(archive, "budget", Window(rank=10, recent=10_000), limit=100)
    assert len(hits) == 10 and "Olga" not in {h.speaker for h in hits}


def test_the_plan_never_changes_the_answer(archive: Store) -> None:
    """On PostgreSQL the recent matches are found by walking the newest quotes when every word is common
    (as ANALYZE counts them), and through the index otherwise: the answers are the same."""
    queries = ["budget", "budget zephyr", "budget holds", "zephyr", "budgit", "a budget of"]
    windows = [Window(recent=NEW_QUOTES), Window(recent=CANDIDATES - 1), Window(rank=10, recent=10_000)]
    before = [search(archive, q, w, limit=100) for q in queries for w in windows]
    if archive.engine.dialect.name == "postgresql":
        with archive.engine.begin() as conn:
            conn.execute(text("ANALYZE quotes"))
            common = conn.execute(
                text("SELECT most_common_elems::text FROM pg_stats WHERE tablename = 'quotes' AND attname = 'tsv'")
            ).scalar()
        assert common and "budget" in common  # so the walk is taken for "budget"
    assert [search(archive, q, w, limit=100) for q in queries for w in windows] == before
    assert newest_id(archive) >= NEW_QUOTES + 1

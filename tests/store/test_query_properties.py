"""Property tests of the query path: any text a user can type gets answers or a QueryError, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline import ingest
from bot.slack.commands import DigestAction, parse_digest
from bot.store import QueryError, Store
from tests.support.archive import briefing_ids

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed.txt"
SYNTAX = [
    '"',
    "*",
    "NEAR(",
    ")",
    "OR",
    "AND",
    "NOT",
    "^",
    ":",
    "-",
    "+",
    "{",
    "}",
    "speaker:",
    "\x00",
    "'",
    "\\",
    "%",
    "_",
]
queries = st.one_of(
    st.text(max_size=600),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(min_size=1, max_size=12)), max_size=30).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_any_query_gives_hits_or_a_query_error(db_url, query):
    store = _store(db_url)
    try:
        hits = store.whosaid(query, limit=5)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert len(hits) <= 5 and all(h.quote for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=700))
def test_any_digest_command_parses(text):
    import datetime as dt

    command = parse_digest(text, dt.date(2026, 11, 25), frozenset({"feed"}))
    assert command.action in get_args(DigestAction)
    assert command.action != "error" or command.error


_stores: dict[str, Store] = {}


def _store(url: str) -> Store:
    """One store per database for all examples (hypothesis calls the test many times per fixture)."""
    if url not in _stores:
        store = Store.open(url)
        if not briefing_ids(store):
            ingest(store, SEED.read_bytes(), "seed.txt")
        _stores[url] = store
    return _stores[url]

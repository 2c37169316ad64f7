"""Speakers in the archive: from: lookups, the most quoted people, and linking quotes stored earlier."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from bot.pipeline import ingest
from bot.store import QueryError, Store
from bot.store.schema import quotes
from bot.store.speakers import AmbiguousSpeaker
from tests.store.conftest import briefing_text

ONE = briefing_text(
    "Alliance notes",
    "2025-03-10",
    "Ian Brzezinski, a fellow at the institute, joined us.",
    "“NATO has to spend more on air defence,” Brzezinski said.",
    "“Budgets move slowly,” Ian added.",
)
TWO = briefing_text(
    "Markets daily",
    "2025-03-12",
    "Ian Bremmer, who runs a consultancy, was blunt.",
    "“Tariffs are a tax on your own voters,” Bremmer said.",
)
THREE = briefing_text(
    "Alliance notes again",
    "2025-03-14",
    "“NATO summits are theatre, but useful theatre,” says Ian Brzezinski.",
    "“The grid is the real front line,” Ian Brzezinski said later.",
)


@pytest.fixture
def archive(store: Store) -> Store:
    for i, data in enumerate((ONE, TWO, THREE)):
        assert ingest(store, data, f"b{i}.txt")[0].outcome == "new"
    return store


def test_from_a_surname_lists_that_persons_quotes_newest_first(archive: Store):
    hits = archive.whosaid("from:Brzezinski", limit=10)
    assert [h.speaker for h in hits] == ["Ian Brzezinski"] * 4
    assert [h.date for h in hits] == [dt.date(2025, 3, 14)] * 2 + [dt.date(2025, 3, 10)] * 2
    assert "Tariffs" not in " ".join(h.quote for h in hits)


def test_from_with_words_narrows_the_list(archive: Store):
    hits = archive.whosaid("from:Brzezinski NATO", limit=10)
    assert len(hits) == 2 and all("NATO" in h.quote for h in hits)
    assert [h.quote for h in archive.whosaid("from:Ian Brzezinski grid")] == ["The grid is the real front line"]


def test_a_first_name_two_people_share_asks_which_one(archive: Store):
    with pytest.raises(AmbiguousSpeaker) as raised:
        archive.whosaid("from:Ian")
    assert "Ian Brzezinski" in str(raised.value) and "Ian Bremmer" in str(raised.value)
    assert isinstance(raised.value, QueryError)


def test_the_roster_decides_who_a_first_name_is(archive: Store):
    archive.roster = {"Ian": {"full_name": "Ian Bremmer"}}
    with pytest.raises(AmbiguousSpeaker):
        archive.whosaid("from:Ian")  # the briefings name two Ians in full: still two people
    assert [h.speaker for h in archive.whosaid("from:Bremmer")] == ["Ian Bremmer"]


def test_unknown_speaker_and_empty_name(archive: Store):
    assert archive.whosaid("from:Nobody") == []
    with pytest.raises(QueryError):
        archive.whosaid('from:"" grid')


def test_people_counts_quotes_since_a_date(archive: Store):
    people = archive.people(dt.date(2025, 3, 11))
    assert [(p.name, p.quotes) for p in people] == [("Ian Brzezinski", 2), ("Ian Bremmer", 1)]


def test_quotes_stored_before_speakers_existed_are_linked_on_open(db_url: str, clock):  # type: ignore[no-untyped-def]
    store = Store.open(db_url, clock=clock)
    ingest(store, ONE, "one.txt")
    with store.engine.begin() as conn:
        conn.execute(update(quotes).values(speaker_id=None))
    store.close()
    reopened = Store.open(db_url, clock=clock)
    try:
        assert len(reopened.whosaid("from:Brzezinski", limit=10)) == 2
    finally:
        reopened.close()

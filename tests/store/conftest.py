"""Fixtures: every store test runs on a SQLite file and, when DIGEST_TEST_DATABASE_URL is set, on PostgreSQL.

The PostgreSQL half creates one uniquely named database per test session and drops it at the end;
each test starts from empty tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from bot.store import Store
from tests.support.postgres import private_database

TABLES = (
    "deliveries, quotes, briefings, vocab, rejected, subscriptions, schedule_runs, source_state, seen_items, "
    "speakers, rollups, rollup_runs, channel_blocks, pacing, seen_requests"
)
UTC = dt.timezone.utc


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with private_database("digest_store") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/data/digestbot.db"
    url = request.getfixturevalue("pg_url")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            has_schema = conn.execute(text("SELECT to_regclass('public.briefings') IS NOT NULL")).scalar()
            if has_schema:
                conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
    return url


class Clock:
    """A settable clock for ingest times (the store reads time only through it)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2025, 3, 14, 12, 0, tzinfo=UTC))


@pytest.fixture
def store(db_url: str, clock: Clock) -> Iterator[Store]:
    s = Store.open(db_url, clock=clock)
    try:
        yield s
    finally:
        s.close()


def briefing_text(title: str, date: str, *paragraphs: str) -> bytes:
    """A plain-text briefing in the inbox format (first line: date and title)."""
    return ("\n\n".join([f"date {date} {title}", *paragraphs]) + "\n").encode("utf-8")

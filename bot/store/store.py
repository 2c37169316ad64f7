"""The Store: one object, safe to share between threads, over SQLite or PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from bot.store import archive, briefings, rollups, shared, speakers, state
from bot.store.briefings import IngestResult, StoredBriefing
from bot.store.db import StoreUnavailable, make_engine, open_engine, reading, upgrade
from bot.store.outbox import SqlOutbox
from bot.store.rollups import Rollup
from bot.store.search import Vocabulary, WhosaidHit, briefing_ids_matching, whosaid
from bot.store.state import SourceState, Subscription
from bot.understand.model import Briefing
from bot.understand.speakers import Person, parse_from

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Store:
    def __init__(self, engine: Engine, clock: Clock = utc_now, roster: dict[str, Any] | None = None) -> None:
        self.engine = engine
        self._clock = clock
        self._vocabulary = Vocabulary()
        self.outbox = SqlOutbox(engine, clock)
        self.roster: dict[str, Any] = roster or {}  # name -> roster entry (full_name...), for `from:` lookups

    @classmethod
    def open(
        cls, url: str, *, clock: Clock = utc_now, create: bool = True, roster: dict[str, Any] | None = None
    ) -> Store:
        """Open (and create or migrate to the latest schema) the database at `url`; `roster` (name ->
        full_name, title, ...) answers `from:` lookups.

        Raises StoreUnavailable (one line) when it cannot; with `create=False` a missing SQLite file
        is such an error instead of a new empty archive.
        """
        engine = open_engine(url, create=create)
        try:
            upgrade(engine)
            speakers.backfill(engine)
        except OSError as exc:
            engine.dispose()
            raise StoreUnavailable(f"cannot write the database ({exc.strerror or exc})") from None
        except DBAPIError as exc:
            engine.dispose()
            raise StoreUnavailable(
                f"cannot prepare the database ({' '.join(str(exc.orig or exc).split())[:300]})"
            ) from None
        return cls(engine, clock, roster)

    @staticmethod
    def upgrade(url: str) -> None:
        """`alembic upgrade head` on the database at `url` (what `digestbot db upgrade` runs)."""
        engine = make_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()

    def close(self) -> None:
        self.engine.dispose()

    # -- briefings ----------------------------------------------------------------------------
    def save(
        self,
        briefing: Briefing,
        *,
        key: str,
        name: str,
        source: str = "inbox",
        content_type: str | None = None,
        raw: bytes | None = None,
    ) -> IngestResult:
        """Persist one analysed briefing (see `bot.store.briefings.save`)."""
        return briefings.save(
            self.engine, self._clock(), briefing, key=key, name=name, source=source, content_type=content_type, raw=raw
        )

    def reject(
        self, data: bytes, *, name: str, reason: str, source: str = "inbox", content_type: str | None = None
    ) -> IngestResult:
        """Keep a file that holds no briefing, with its reason."""
        return briefings.reject(
            self.engine, self._clock(), data, name=name, source=source, content_type=content_type, reason=reason
        )

    def briefing(self, briefing_id: int) -> StoredBriefing | None:
        return briefings.get(self.engine, briefing_id)

    def latest(self, limit: int = 5) -> list[StoredBriefing]:
        return briefings.latest(self.engine, limit)

    def on_date(self, date: dt.date) -> list[StoredBriefing]:
        return briefings.on_date(self.engine, date)

    def search_briefings(self, words: str, limit: int = 5) -> list[StoredBriefing]:
        with reading(self.engine) as conn:
            found = briefing_ids_matching(conn, words, limit)
        return briefings.many(self.engine, found)

    def briefing_versions(self, source: str | None = None) -> dict[int, int]:
        return briefings.versions(self.engine, source)

    # -- who said it --------------------------------------------------------------------------
    def whosaid(self, query: str, limit: int = 5) -> list[WhosaidHit]:
        """Quotes matching the words, best first; `from:<name> [words]` lists one person's, newest first."""
        with reading(self.engine) as conn:
            if isinstance(query, str) and parse_from(query) is not None:
                return speakers.said_by(conn, query, self.roster, limit)
            return whosaid(conn, self._vocabulary, query, limit)

    def people(self, since: dt.date | None = None) -> list[Person]:
        """The people quoted (in briefings dated on or after `since`), most quoted first."""
        with reading(self.engine) as conn:
            return speakers.people(conn, self.roster, since)

    def candidates(self, words: list[str], limit: int = 50) -> list[WhosaidHit]:
        """Quotes sharing any of the words, for matching a pasted message (bot.understand.match)."""
        with reading(self.engine) as conn:
            return archive.quotes_with_any(conn, words, limit)

    def week(self, start: dt.date, days: int = 7) -> archive.Week:
        """The quotes of the briefings dated from `start` for `days` days, with their briefings."""
        with reading(self.engine) as conn:
            return archive.week(conn, start, days)

    # -- subscriptions, schedules, sources ----------------------------------------------------
    def subscribe(
        self, channel: str, source: str = "*", schedule: str = "asap", timezone: str = "UTC", by: str | None = None
    ) -> Subscription:
        return state.subscribe(self.engine, self._clock(), channel, source, schedule, timezone, by)

    def set_subscriber(self, channel: str, source: str, user: str) -> bool:
        return state.set_subscriber(self.engine, channel, source, user)

    def set_workspace(self, channel: str, team_id: str | None, enterprise_id: str | None = None) -> int:
        return state.set_workspace(self.engine, channel, team_id, enterprise_id)

    def unsubscribe(self, channel: str, source: str = "*") -> bool:
        return state.unsubscribe(self.engine, channel, source)

    def subscriptions(self) -> list[Subscription]:
        return state.all_subscriptions(self.engine)

    def last_run(self, key: str) -> dt.datetime | None:
        return state.last_run(self.engine, key)

    def record_run(self, key: str, fire_key: str, at: dt.datetime) -> bool:
        return state.record_run(self.engine, key, fire_key, at)

    def source_state(self, name: str) -> SourceState:
        return state.get_source_state(self.engine, name)

    def update_source_state(self, name: str, **fields: Any) -> None:
        state.update_source_state(self.engine, name, fields)

    # -- shared between processes: pacing, requests already handled ----------------------------
    def reserve(self, key: str, interval: float, now: dt.datetime, *, wait: bool = True) -> dt.datetime | None:
        return shared.reserve(self.engine, key, interval, now, wait=wait)

    def hold(self, key: str, until: dt.datetime) -> None:
        shared.hold(self.engine, key, until)

    def first_seen(self, key: str, ttl: float) -> bool:
        return shared.first_seen(self.engine, key, self._clock(), ttl)

    def ping(self) -> None:
        """Raise when the database does not answer."""
        with reading(self.engine) as conn:
            conn.exec_driver_sql("SELECT 1")

    # -- weekly roll-ups ----------------------------------------------------------------------
    def subscribe_rollup(self, channel: str, weekday: str = "mon", at: str = "08:00", timezone: str = "UTC") -> Rollup:
        return rollups.subscribe(self.engine, self._clock(), channel, weekday, at, timezone)

    def unsubscribe_rollup(self, channel: str) -> bool:
        return rollups.unsubscribe(self.engine, channel)

    def rollups(self) -> list[Rollup]:
        return rollups.all_rollups(self.engine)

    def rollup_run(self, channel: str, week_start: dt.date) -> int:
        return rollups.run_id(self.engine, self._clock(), channel, week_start)

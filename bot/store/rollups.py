"""Weekly roll-up subscriptions and their runs (one row per channel and week: the outbox key)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select

from bot.store.briefings import upsert_insert
from bot.store.db import reading
from bot.store.schema import rollup_runs, rollups


@dataclass(frozen=True, slots=True)
class Rollup:
    channel: str
    weekday: str  # mon..sun
    at: str  # HH:MM
    timezone: str
    created_at: dt.datetime
    team_id: str | None = None  # the workspace that subscribed (None: the single workspace)
    enterprise_id: str | None = None

    @property
    def cron(self) -> str:
        hour, minute = self.at.split(":")
        return f"{int(minute)} {int(hour)} * * {self.weekday}"


def subscribe(engine: Engine, now: dt.datetime, channel: str, weekday: str, at: str, timezone: str) -> Rollup:
    with engine.begin() as conn:
        stmt = upsert_insert(conn, rollups).values(
            channel=channel, weekday=weekday, at=at, timezone=timezone, created_at=now
        )
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["channel"], set_={"weekday": weekday, "at": at, "timezone": timezone}
            )
        )
        row = conn.execute(select(rollups).where(rollups.c.channel == channel)).one()
    return Rollup(**row._mapping)


def unsubscribe(engine: Engine, channel: str) -> bool:
    with engine.begin() as conn:
        gone = conn.execute(delete(rollups).where(rollups.c.channel == channel).returning(rollups.c.channel))
        return gone.first() is not None


def all_rollups(engine: Engine) -> list[Rollup]:
    with reading(engine) as conn:
        return [Rollup(**r._mapping) for r in conn.execute(select(rollups).order_by(rollups.c.channel))]


def run_id(engine: Engine, now: dt.datetime, channel: str, week_start: dt.date) -> int:
    """The id of the (channel, week) run, created once whoever asks first."""
    with engine.begin() as conn:
        stmt = upsert_insert(conn, rollup_runs).values(channel=channel, week_start=week_start, created_at=now)
        conn.execute(stmt.on_conflict_do_nothing(index_elements=["channel", "week_start"]))
        return conn.execute(
            select(rollup_runs.c.id).where(rollup_runs.c.channel == channel, rollup_runs.c.week_start == week_start)
        ).scalar_one()

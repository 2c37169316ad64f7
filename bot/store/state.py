"""Subscriptions, schedule runs and per-source fetch state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from sqlalchemy import Engine, delete, func, select, update

from bot.store.briefings import upsert_insert
from bot.store.db import reading
from bot.store.schema import deliveries, rollups, schedule_runs, source_state, subscriptions

SOURCE_FIELDS = ("last_success", "last_error", "failures", "next_try", "data")


class SourceState(TypedDict):
    """What the store keeps per source: its health in typed columns, and its own poll state (`data`)."""

    last_success: dt.datetime | None
    last_error: str | None
    failures: int
    next_try: dt.datetime | None
    data: dict[str, Any]  # the source's own state (seen files, entry digests, validators...), {} when new


@dataclass(frozen=True, slots=True)
class Subscription:
    channel: str
    source: str
    schedule: str
    timezone: str
    created_at: dt.datetime
    created_by: str | None = None  # the Slack user who subscribed the channel, when known
    team_id: str | None = None  # the workspace it was subscribed from (None: the single workspace)
    enterprise_id: str | None = None  # that workspace's Enterprise Grid org, if any


def subscribe(
    engine: Engine, at: dt.datetime, channel: str, source: str, schedule: str, timezone: str, by: str | None = None
) -> Subscription:
    changes: dict[str, Any] = {"schedule": schedule, "timezone": timezone}
    if by:
        changes["created_by"] = by
    with engine.begin() as conn:
        stmt = upsert_insert(conn, subscriptions).values(
            channel=channel, source=source, schedule=schedule, timezone=timezone, created_at=at, created_by=by
        )
        conn.execute(stmt.on_conflict_do_update(index_elements=["channel", "source"], set_=changes))
        row = conn.execute(
            select(subscriptions).where(subscriptions.c.channel == channel, subscriptions.c.source == source)
        ).one()
    return Subscription(**row._asdict())


def set_subscriber(engine: Engine, channel: str, source: str, user: str) -> bool:
    """Record who subscribed `channel` to `source`; False when there is no such subscription."""
    with engine.begin() as conn:
        done = conn.execute(
            update(subscriptions)
            .where(subscriptions.c.channel == channel, subscriptions.c.source == source)
            .values(created_by=user)
        )
        return done.rowcount > 0


def set_workspace(engine: Engine, channel: str, team_id: str | None, enterprise_id: str | None) -> int:
    """Record the workspace (and org) a channel's subscriptions, roll-up and deliveries belong to; its
    digests are then posted with that workspace's token. Returns how many rows changed."""
    if not team_id and not enterprise_id:
        return 0
    values = {"team_id": team_id or None, "enterprise_id": enterprise_id or None}
    with engine.begin() as conn:
        done = conn.execute(update(subscriptions).where(subscriptions.c.channel == channel).values(**values)).rowcount
        done += conn.execute(update(rollups).where(rollups.c.channel == channel).values(**values)).rowcount
        return (
            done
            + conn.execute(
                update(deliveries)
                .where(  # e.g. what the subscription just seeded
                    deliveries.c.channel == channel,
                    deliveries.c.team_id.is_(None),
                    deliveries.c.enterprise_id.is_(None),
                )
                .values(**values)
            ).rowcount
        )


def unsubscribe(engine: Engine, channel: str, source: str) -> bool:
    with engine.begin() as conn:
        gone = conn.execute(
            delete(subscriptions)
            .where(subscriptions.c.channel == channel, subscriptions.c.source == source)
            .returning(subscriptions.c.channel)
        )
        return gone.first() is not None


def all_subscriptions(engine: Engine) -> list[Subscription]:
    with reading(engine) as conn:
        rows = conn.execute(select(subscriptions).order_by(subscriptions.c.channel, subscriptions.c.source))
        return [Subscription(**r._asdict()) for r in rows]


def last_run(engine: Engine, key: str) -> dt.datetime | None:
    with reading(engine) as conn:
        return conn.execute(select(func.max(schedule_runs.c.at)).where(schedule_runs.c.key == key)).scalar()


def record_run(engine: Engine, key: str, fire_key: str, at: dt.datetime) -> bool:
    """Record one firing; False when this (key, fire_key) was already recorded, by anyone."""
    with engine.begin() as conn:
        stmt = upsert_insert(conn, schedule_runs).values(key=key, fire_key=fire_key, at=at)
        stmt = stmt.on_conflict_do_nothing(index_elements=["key", "fire_key"]).returning(schedule_runs.c.id)
        return conn.execute(stmt).first() is not None


def get_source_state(engine: Engine, name: str) -> SourceState:
    with reading(engine) as conn:
        row = conn.execute(select(source_state).where(source_state.c.name == name)).first()
    if row is None:
        return SourceState(last_success=None, last_error=None, failures=0, next_try=None, data={})
    return SourceState(
        last_success=row.last_success,
        last_error=row.last_error,
        failures=row.failures or 0,
        next_try=row.next_try,
        data=dict(row.data or {}),
    )


def update_source_state(engine: Engine, name: str, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown source state fields: {', '.join(sorted(unknown))}")
    with engine.begin() as conn:
        stmt = upsert_insert(conn, source_state).values(name=name, **fields)
        if fields:
            stmt = stmt.on_conflict_do_update(index_elements=["name"], set_=fields)
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=["name"])
        conn.execute(stmt)

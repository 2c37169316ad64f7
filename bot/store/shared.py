"""State that every process on one database shares: call pacing and requests already seen.

Pacing keeps one slot per key (`post:C0123`, `read:conversations.history`): a caller reserves the
next free time and pushes the slot on, in one write transaction (BEGIN IMMEDIATE on SQLite, a row
lock on PostgreSQL), so two threads or two bots never both take the same second.
"""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import Engine, delete, select, update

from bot.store.briefings import upsert_insert
from bot.store.schema import pacing, seen_requests

_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
_sweeps = itertools.count()


def reserve(engine: Engine, key: str, interval: float, now: dt.datetime, *, wait: bool = True) -> dt.datetime | None:
    """The time the next call under `key` may start (`now` or later), with the slot after it
    moved `interval` seconds on. With `wait=False` a busy slot gives None and reserves nothing."""
    with engine.begin() as conn:
        conn.execute(
            upsert_insert(conn, pacing).values(key=key, next_at=_EPOCH).on_conflict_do_nothing(index_elements=["key"])
        )
        query = select(pacing.c.next_at).where(pacing.c.key == key)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        slot = max(now, conn.execute(query).scalar_one())
        if not wait and slot > now:
            return None
        conn.execute(update(pacing).where(pacing.c.key == key).values(next_at=slot + dt.timedelta(seconds=interval)))
    return slot


def hold(engine: Engine, key: str, until: dt.datetime) -> None:
    """No call under `key` before `until` (Slack's Retry-After)."""
    with engine.begin() as conn:
        stmt = upsert_insert(conn, pacing).values(key=key, next_at=until)
        conn.execute(
            stmt.on_conflict_do_update(index_elements=["key"], set_={"next_at": until}, where=pacing.c.next_at < until)
        )


def first_seen(engine: Engine, key: str, now: dt.datetime, ttl: float) -> bool:
    """Record `key` for `ttl` seconds; False when it was already recorded and has not expired."""
    expires = now + dt.timedelta(seconds=ttl)
    with engine.begin() as conn:
        if next(_sweeps) % 200 == 0:
            conn.execute(delete(seen_requests).where(seen_requests.c.expires_at < now))
        stmt = upsert_insert(conn, seen_requests).values(key=key, expires_at=expires)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"], set_={"expires_at": expires}, where=seen_requests.c.expires_at < now
        )
        return conn.execute(stmt.returning(seen_requests.c.key)).first() is not None

"""SqlOutbox: the outbox of bot/outbox.py on SQLAlchemy (SQLite and PostgreSQL).

Every transition is one short write transaction (BEGIN IMMEDIATE on SQLite). On PostgreSQL the
claim locks its row with FOR UPDATE SKIP LOCKED, so two processes never take the same delivery.
A new version arriving while a part is `sending` or `unknown` is parked in `extra["next"]` and
applied once the outcome of the in-flight post is known.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    and_,
    case,
    delete,
    exists,
    func,
    not_,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import aliased

from bot.outbox import NOT_INSTALLED, Block, Delivery, Kind, is_workspace, workspace_key
from bot.store.briefings import upsert_insert
from bot.store.db import reading
from bot.store.schema import channel_blocks as cb
from bot.store.schema import deliveries as d
from bot.store.schema import rollups, subscriptions

DUE = ("pending", "update")
KEY = ["channel", "kind", "briefing_id", "part"]  # the unique key of a delivery
RESENDABLE = ("pending", "failed")


def _delivery(row: Row[Any]) -> Delivery:
    return Delivery(
        id=row.id,
        channel=row.channel,
        briefing_id=row.briefing_id,
        briefing_version=row.briefing_version,
        part=row.part,
        payload=json.loads(row.payload),
        state=row.state,
        ts=row.ts,
        thread_ts=row.thread_ts,
        attempts=row.attempts,
        not_before=row.not_before,
        claimed_at=row.claimed_at,
        error=row.error,
        extra=json.loads(row.extra or "{}"),
        failing_since=row.failing_since,
        unknown_since=row.unknown_since or (row.lease_until if row.state == "sending" else None),
        team_id=row.team_id,
        enterprise_id=row.enterprise_id,
        kind=row.kind,
    )


def _same_message(other: Any) -> list[Any]:
    """`other` (an alias of deliveries) is a part of the same digest or roll-up in the same channel."""
    return [other.c.channel == d.c.channel, other.c.kind == d.c.kind, other.c.briefing_id == d.c.briefing_id]


def _in_scope(team_id: Any, enterprise_id: Any) -> Any:
    """Deliveries a workspace block of (team_id, enterprise_id) stops: the workspace's own (the whole org's
    when team_id is NULL, every one's when both are), and always those from before workspaces were recorded.
    The arguments are a block row's columns or values."""

    def match(block: Any, column: Any) -> Any:
        if isinstance(block, ColumnElement):
            return or_(block.is_(None), column == block)
        return true() if block is None else column == block

    return or_(
        and_(d.c.team_id.is_(None), d.c.enterprise_id.is_(None)),
        and_(match(team_id, d.c.team_id), match(enterprise_id, d.c.enterprise_id)),
    )


def _covered() -> Any:
    """A block that stops the delivery: its channel's, or its workspace's."""
    return or_(cb.c.channel == d.c.channel, and_(cb.c.channel.like("*%"), _in_scope(cb.c.team_id, cb.c.enterprise_id)))


def _workspace_of(conn: Connection, channel: str) -> tuple[str | None, str | None]:
    """The workspace a channel was subscribed from (its subscription's, else its roll-up's)."""
    for table in (subscriptions, rollups):
        row = conn.execute(
            select(table.c.team_id, table.c.enterprise_id)
            .where(table.c.channel == channel, or_(table.c.team_id.is_not(None), table.c.enterprise_id.is_not(None)))
            .limit(1)
        ).first()
        if row is not None:
            return row.team_id, row.enterprise_id
    return None, None


class SqlOutbox:
    def __init__(self, engine: Engine, now: Callable[[], dt.datetime]) -> None:
        self._engine = engine
        self._now = now

    # -- planning -----------------------------------------------------------------------------
    def enqueue(
        self, channel: str, briefing_id: int, version: int, parts: list[dict[str, Any]], kind: Kind = "digest"
    ) -> list[int]:
        """Plan the parts of one digest (or roll-up); returns the delivery ids of the parts ([] for a seeded briefing).

        A newer version replaces the payload: sent parts move to `update`, pending and failed parts stay
        or become pending, in-flight parts get the new payload once their outcome is known. Parts beyond
        the new part count that were never sent are marked failed ("superseded").
        """
        at = self._now()
        with self._engine.begin() as conn:
            existing = {
                r.part: r
                for r in conn.execute(
                    select(d).where(d.c.channel == channel, d.c.kind == kind, d.c.briefing_id == briefing_id)
                )
            }
            if existing.get(0) is not None and existing[0].state == "seeded":
                return []
            workspace = _workspace_of(conn, channel)
            out = []
            for part, payload in enumerate(parts):
                row = existing.get(part)
                if row is None:
                    out.append(self._insert(conn, (channel, kind, briefing_id, part), version, payload, at, workspace))
                else:
                    self._revise(conn, row, version, payload, at)
                    out.append(row.id)
            for part, row in existing.items():
                if part >= len(parts) and row.briefing_version < version and row.state in RESENDABLE:
                    conn.execute(
                        update(d)
                        .where(d.c.id == row.id)
                        .values(
                            state="failed",
                            error=f"superseded by version {version}",
                            briefing_version=version,
                            updated_at=at,
                        )
                    )
            return out

    def _insert(
        self,
        conn: Connection,
        key: tuple[str, Kind, int, int],
        version: int,
        payload: dict[str, Any],
        at: dt.datetime,
        workspace: tuple[str | None, str | None],
    ) -> int:
        values = dict(
            zip(KEY, key, strict=True),
            briefing_version=version,
            payload=json.dumps(payload),
            state="pending",
            attempts=0,
            extra="{}",
            created_at=at,
            updated_at=at,
            team_id=workspace[0],
            enterprise_id=workspace[1],
        )
        conn.execute(upsert_insert(conn, d).values(**values).on_conflict_do_nothing(index_elements=KEY))
        return conn.execute(select(d.c.id).where(*(d.c[k] == v for k, v in zip(KEY, key, strict=True)))).scalar_one()

    def _revise(self, conn: Connection, row: Row[Any], version: int, payload: dict[str, Any], at: dt.datetime) -> None:
        if version <= row.briefing_version or row.state == "seeded":
            return
        body = json.dumps(payload)
        values: dict[str, Any] = {"briefing_version": version, "updated_at": at}
        if row.state in ("sent", "update"):
            values.update(state="update", payload=body, not_before=None, error=None)
        elif row.state in RESENDABLE:
            values.update(state="pending", payload=body, error=None)
        elif row.state == "blocked":  # still waiting for its channel: it will post the new version
            values.update(payload=body)
        else:  # sending / unknown: the old payload may be on its way to Slack
            extra = json.loads(row.extra or "{}")
            extra["next"] = {"version": version, "payload": payload}
            values = {"extra": json.dumps(extra), "updated_at": at}
        conn.execute(update(d).where(d.c.id == row.id).values(**values))

    def seed(self, channel: str, briefing_ids: list[int]) -> int:
        """Mark briefings as already seen by the channel; returns how many were newly seeded."""
        at = self._now()
        count = 0
        with self._engine.begin() as conn:
            for briefing_id in dict.fromkeys(briefing_ids):
                stmt = (
                    upsert_insert(conn, d)
                    .values(
                        channel=channel,
                        kind="digest",
                        briefing_id=briefing_id,
                        briefing_version=0,
                        part=0,
                        payload="{}",
                        state="seeded",
                        attempts=0,
                        extra="{}",
                        created_at=at,
                        updated_at=at,
                    )
                    .on_conflict_do_nothing(index_elements=KEY)
                    .returning(d.c.id)
                )
                count += len(conn.execute(stmt).all())
        return count

    # -- sending ------------------------------------------------------------------------------
    def claim(self, now: dt.datetime, lease_seconds: float = 120) -> Delivery | None:
        head = aliased(d)
        head_sent = exists().where(
            *_same_message(head),
            head.c.part == 0,
            head.c.ts.is_not(None),
            head.c.state.in_(("sent", "update")),
        )
        blocked = exists().where(_covered())
        due = (
            select(d.c.id)
            .where(
                d.c.state.in_(DUE),
                or_(d.c.not_before.is_(None), d.c.not_before <= now),
                or_(d.c.part == 0, head_sent),
                not_(blocked),
            )
            .order_by(d.c.id)
            .limit(1)
        )
        with self._engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True, of=d)
            found = conn.execute(due).scalar_one_or_none()
            if found is None:
                return None
            thread_ts = select(head.c.ts).where(*_same_message(head), head.c.part == 0).scalar_subquery()
            row = conn.execute(
                update(d)
                .where(d.c.id == found, d.c.state.in_(DUE))
                .values(
                    state="sending",
                    claimed_at=now,
                    lease_until=now + dt.timedelta(seconds=lease_seconds),
                    attempts=d.c.attempts + 1,
                    updated_at=now,
                    thread_ts=case((d.c.part > 0, func.coalesce(d.c.thread_ts, thread_ts)), else_=d.c.thread_ts),
                )
                .returning(*d.c)
            ).first()
        return _delivery(row) if row is not None else None

    def mark_sent(self, delivery_id: int, ts: str) -> None:
        at = self._now()
        with self._engine.begin() as conn:
            row = conn.execute(select(d).where(d.c.id == delivery_id)).first()
            if row is None:
                return
            values: dict[str, Any] = dict(
                state="sent", ts=ts, lease_until=None, error=None, updated_at=at, failing_since=None, unknown_since=None
            )
            if _apply_held_version(row, values):
                values["state"] = "update"
            conn.execute(update(d).where(d.c.id == delivery_id).values(**values))
            if row.part == 0:
                conn.execute(
                    update(d)
                    .where(
                        d.c.channel == row.channel,
                        d.c.kind == row.kind,
                        d.c.briefing_id == row.briefing_id,
                        d.c.part > 0,
                        d.c.thread_ts.is_(None),
                    )
                    .values(thread_ts=ts)
                )

    def mark_pending(self, delivery_id: int, not_before: dt.datetime, error: str | None = None) -> None:
        """Back to the queue; a part that already has a `ts` (an update) goes back to `update`."""
        at = self._now()
        with self._engine.begin() as conn:
            row = conn.execute(select(d).where(d.c.id == delivery_id)).first()
            if row is None:
                return
            values: dict[str, Any] = dict(
                state="update" if row.ts else "pending",
                not_before=not_before,
                error=error,
                lease_until=None,
                updated_at=at,
                unknown_since=None,
            )
            if error and row.failing_since is None:
                values["failing_since"] = at
            _apply_held_version(row, values)
            conn.execute(update(d).where(d.c.id == delivery_id).values(**values))

    def mark_unknown(self, delivery_id: int, error: str) -> None:
        at = self._now()
        self._set(
            delivery_id,
            state="unknown",
            error=error,
            lease_until=None,
            unknown_since=at,
            failing_since=func.coalesce(d.c.failing_since, at),
        )

    def mark_failed(self, delivery_id: int, error: str) -> None:
        self._set(
            delivery_id,
            state="failed",
            error=error,
            lease_until=None,
            failing_since=func.coalesce(d.c.failing_since, self._now()),
        )

    def _set(self, delivery_id: int, **values: Any) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(d).where(d.c.id == delivery_id).values(updated_at=self._now(), **values))

    # -- blocked until something is fixed -----------------------------------------------------
    def block(
        self,
        delivery_id: int | None,
        channel: str,
        reason: str,
        team_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> bool:
        """The delivery waits in `blocked`, and so does everything else for `channel` (a workspace_key: for
        every channel of that workspace) until `unblock`. True when this starts a new block (nobody was told yet)."""
        at = self._now()
        with self._engine.begin() as conn:
            if delivery_id is not None:
                conn.execute(
                    update(d)
                    .where(d.c.id == delivery_id)
                    .values(
                        state="blocked",
                        error=reason,
                        lease_until=None,
                        updated_at=at,
                        failing_since=func.coalesce(d.c.failing_since, at),
                    )
                )
            stmt = upsert_insert(conn, cb).values(
                channel=channel, reason=reason, since=at, team_id=team_id, enterprise_id=enterprise_id
            )
            return (
                conn.execute(stmt.on_conflict_do_nothing(index_elements=["channel"]).returning(cb.c.channel)).first()
                is not None
            )

    def pause_workspace(self, team_id: str | None, enterprise_id: str | None, reason: str) -> bool:
        """Hold every delivery of one workspace (team_id None: of the whole org) until `resume_workspace`."""
        return self.block(None, workspace_key(team_id, enterprise_id), reason, team_id, enterprise_id)

    def resume_workspace(self, team_id: str | None, enterprise_id: str | None, org: bool = False) -> int:
        """A workspace (org: every workspace of the org) installed the app (again): lift its workspace
        blocks, and those of rows from before workspaces were recorded, and retry deliveries that waited
        for an installation at once. Returns how many deliveries were re-queued."""
        mine = cb.c.enterprise_id == enterprise_id if org else cb.c.team_id == team_id
        legacy = and_(cb.c.team_id.is_(None), cb.c.enterprise_id.is_(None))
        lifted = self._lift(and_(cb.c.channel.like("*%"), or_(mine, legacy)), None)
        with self._engine.begin() as conn:
            return (
                lifted
                + conn.execute(
                    update(d)
                    .where(d.c.state.in_(DUE), d.c.error == NOT_INSTALLED)
                    .values(not_before=None, updated_at=self._now())
                ).rowcount
            )

    def unblock(self, channel: str | None = None, reasons: frozenset[str] | None = None) -> int:
        """Lift the blocks of `channel` (None: all) with one of `reasons` (None: any); their blocked
        deliveries go back to the queue. Returns how many deliveries were re-queued."""
        return self._lift(cb.c.channel == channel if channel is not None else None, reasons)

    def _lift(self, which: Any, reasons: frozenset[str] | None) -> int:
        at = self._now()
        with self._engine.begin() as conn:
            gone = delete(cb)
            if which is not None:
                gone = gone.where(which)
            if reasons is not None:
                gone = gone.where(cb.c.reason.in_(reasons))
            lifted = conn.execute(gone.returning(cb.c.channel, cb.c.team_id, cb.c.enterprise_id)).all()
            if not lifted:
                return 0
            scopes: list[Any] = [d.c.channel.in_([r.channel for r in lifted if not is_workspace(r.channel)])]
            for r in (r for r in lifted if is_workspace(r.channel)):
                scope = _in_scope(r.team_id, r.enterprise_id)
                scopes.append(and_(scope, d.c.error.in_(reasons)) if reasons is not None else scope)
            requeue = (
                update(d)
                .where(d.c.state == "blocked", or_(*scopes))
                .values(state=case((d.c.ts.is_not(None), "update"), else_="pending"), not_before=None, updated_at=at)
            )
            return conn.execute(requeue).rowcount

    def retry(self, channel: str | None = None) -> int:
        """Re-queue blocked and failed deliveries (never superseded parts) and lift the blocks."""
        lifted = self.unblock(channel)
        at = self._now()
        query = update(d).where(
            d.c.state.in_(("blocked", "failed")), not_(func.coalesce(d.c.error, "").like("superseded%"))
        )
        if channel is not None:
            query = query.where(d.c.channel == channel)
        with self._engine.begin() as conn:
            return (
                lifted
                + conn.execute(
                    query.values(
                        state=case((d.c.ts.is_not(None), "update"), else_="pending"), not_before=None, updated_at=at
                    )
                ).rowcount
            )

    def blocks(self) -> list[Block]:
        """Every block, with how many deliveries wait behind it."""
        waiting = (
            select(func.count()).where(d.c.state.in_(("pending", "update", "blocked")), _covered()).scalar_subquery()
        )
        with reading(self._engine) as conn:
            rows = conn.execute(select(cb, waiting.label("waiting")).order_by(cb.c.since)).all()
        return [Block(r.channel, r.reason, r.since, r.notified_at, r.waiting, r.team_id, r.enterprise_id) for r in rows]

    def mark_notified(self, channel: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(cb).where(cb.c.channel == channel).values(notified_at=self._now()))

    def troubled(self, failing_before: dt.datetime, failed_after: dt.datetime) -> list[Delivery]:
        """Deliveries that need a look: blocked, failing since before `failing_before`, or failed after
        `failed_after`."""
        query = (
            select(d)
            .where(
                or_(
                    d.c.state == "blocked",
                    and_(
                        d.c.state.in_(("pending", "update", "sending", "unknown")), d.c.failing_since < failing_before
                    ),
                    and_(
                        d.c.state == "failed",
                        d.c.updated_at > failed_after,
                        not_(func.coalesce(d.c.error, "").like("superseded%")),
                    ),
                )
            )
            .order_by(d.c.id)
        )
        with reading(self._engine) as conn:
            return [_delivery(r) for r in conn.execute(query)]

    # -- reading ------------------------------------------------------------------------------
    def unknown(self, now: dt.datetime) -> list[Delivery]:
        expired = and_(d.c.state == "sending", d.c.lease_until < now)
        with reading(self._engine) as conn:
            rows = conn.execute(select(d).where(or_(d.c.state == "unknown", expired)).order_by(d.c.id)).all()
        return [_delivery(r) for r in rows]

    def channel_counts(self, channel: str) -> dict[str, int]:
        """How many of `channel`'s deliveries are in each state (seeded ones left out)."""
        query = (
            select(d.c.state, func.count().label("n"))
            .where(d.c.channel == channel, d.c.state != "seeded")
            .group_by(d.c.state)
        )
        with reading(self._engine) as conn:
            return {str(r.state): int(r.n) for r in conn.execute(query)}

    def counts(self) -> dict[str, int]:
        with reading(self._engine) as conn:
            rows = conn.execute(select(d.c.state, func.count().label("n")).group_by(d.c.state))
            return {str(r.state): int(r.n) for r in rows}

    def planned(self, channel: str, kind: Kind = "digest") -> dict[int, tuple[int, str]]:
        """briefing_id -> (version, state) of part 0 of every digest (or roll-up) planned for `channel`."""
        query = select(d.c.briefing_id, d.c.briefing_version, d.c.state).where(
            d.c.channel == channel, d.c.kind == kind, d.c.part == 0
        )
        with reading(self._engine) as conn:
            return {row.briefing_id: (row.briefing_version, row.state) for row in conn.execute(query)}

    def posted(self, briefing_ids: list[int], channel: str | None = None) -> dict[int, tuple[str, str]]:
        """briefing_id -> (channel, ts) of a posted digest, preferring `channel`'s own post."""
        return {bid: (ch, ts) for bid, (ch, ts, _, _) in self.posted_in_workspaces(briefing_ids, channel).items()}

    def posted_in_workspaces(
        self, briefing_ids: list[int], channel: str | None = None
    ) -> dict[int, tuple[str, str, str | None, str | None]]:
        """briefing_id -> (channel, ts, team_id, enterprise_id) of a posted digest, preferring `channel`'s own post."""
        if not briefing_ids:
            return {}
        query = (
            select(d.c.briefing_id, d.c.channel, d.c.ts, d.c.team_id, d.c.enterprise_id)
            .where(d.c.kind == "digest", d.c.briefing_id.in_(briefing_ids), d.c.part == 0, d.c.ts.is_not(None))
            .order_by(d.c.id)
        )
        found: dict[int, tuple[str, str, str | None, str | None]] = {}
        with reading(self._engine) as conn:
            for row in conn.execute(query):
                if row.briefing_id not in found or row.channel == channel:
                    found[row.briefing_id] = (row.channel, row.ts, row.team_id, row.enterprise_id)
        return found

    def deliveries(self, channel: str | None = None) -> list[Delivery]:
        query = select(d).order_by(d.c.id)
        if channel is not None:
            query = query.where(d.c.channel == channel)
        with reading(self._engine) as conn:
            return [_delivery(r) for r in conn.execute(query)]

    def get(self, delivery_id: int) -> Delivery | None:
        with reading(self._engine) as conn:
            row = conn.execute(select(d).where(d.c.id == delivery_id)).first()
        return _delivery(row) if row is not None else None


def _apply_held_version(row: Any, values: dict[str, Any]) -> bool:
    """Move a version that arrived while the part was in flight into `values`; True when there was one."""
    extra = json.loads(row.extra or "{}")
    held = extra.pop("next", None)
    values["extra"] = json.dumps(extra)
    if held is None:
        return False
    values.update(payload=json.dumps(held["payload"]), briefing_version=held["version"])
    return True

"""The contract between the store's outbox and the Slack sender.

Exactly-once posting (Slack has no idempotency key) rests on four parts: a unique claim per
(channel, kind, id, part) committed before the HTTP call, an outbox state machine, message metadata
on every post, and reconciliation against the channel history after any uncertain outcome.

States of a delivery::

    pending --claim--> sending --ok--> sent
       ^                  |--429/5xx-before-send--> pending (not_before = retry time)
       |                  |--timeout/reset/5xx/internal_error--> unknown --reconcile--> sent | pending
       |                  |--blocked until fixed (not_in_channel, is_archived, invalid_auth...)--> blocked
       |                  '--permanent error (invalid_blocks, msg_too_long...)--> failed
       '---- unblock (the bot joined, the channel was unarchived, the token works) / `deliveries retry` ----'
    seeded   (recorded when a channel subscribes; never posted)
    update   (sent, but the briefing was corrected: the sender calls chat.update on `ts`)

A `sending` row whose lease expired (the process died mid-post) is treated as `unknown`, never as
`pending`: the post may have reached Slack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

METADATA_EVENT_TYPE = "digestbot_digest_v1"  # letters, digits, _ and - only: a period drops the metadata
WORKSPACE = "*"  # the channel of a block that stops every channel (the token was rejected)
NOT_INSTALLED = "app_not_installed"  # the error of a delivery whose workspace has no installation (yet)


def workspace_key(team_id: str | None = None, enterprise_id: str | None = None) -> str:
    """The `channel` of a block that stops one workspace (or org): WORKSPACE when it is the only one."""
    if not team_id and not enterprise_id:
        return WORKSPACE
    return f"{WORKSPACE}{enterprise_id or ''}:{team_id or ''}"


def is_workspace(channel: str) -> bool:
    """A block of a whole workspace (or of every workspace), not of one channel."""
    return channel.startswith(WORKSPACE)


#: What a delivery posts: a briefing's digest (its id is the briefing's) or a weekly roll-up (its id
#: is the `rollup_runs` row of its channel and week).
Kind = Literal["digest", "rollup"]


def digest_metadata(briefing_id: int, version: int, part: int, kind: Kind = "digest") -> dict[str, Any]:
    """The message metadata planned with every part and sent with it; reconciliation finds posts by it.
    A digest's payload has no `kind` (as posted before roll-ups had one)."""
    payload: dict[str, Any] = {"briefing_id": briefing_id, "version": version, "part": part}
    if kind != "digest":
        payload["kind"] = kind
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": payload}


def with_metadata(
    parts: list[dict[str, Any]], briefing_id: int, version: int, kind: Kind = "digest"
) -> list[dict[str, Any]]:
    """The parts as planned, stored and sent: each with the metadata that finds it in the channel history."""
    return [{**part, "metadata": digest_metadata(briefing_id, version, i, kind)} for i, part in enumerate(parts)]


#: The states drawn above.
DeliveryState = Literal["pending", "sending", "sent", "unknown", "failed", "seeded", "update"]


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    channel: str
    briefing_id: int  # with kind "rollup": the id of its rollup_runs row
    briefing_version: int
    part: int  # 0 is the top-level message; 1.. are thread replies under part 0
    payload: dict[str, Any]  # {"text", "blocks", "metadata", ...}: exactly what chat.postMessage is sent
    state: DeliveryState
    ts: str | None = None
    thread_ts: str | None = None  # for part > 0: the ts of part 0 once it is sent
    attempts: int = 0
    not_before: dt.datetime | None = None
    claimed_at: dt.datetime | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    failing_since: dt.datetime | None = None  # the first failed attempt since the last success
    unknown_since: dt.datetime | None = None  # when the outcome of its post became uncertain
    team_id: str | None = None  # the workspace it is posted in (None: the single workspace)
    enterprise_id: str | None = None  # its Enterprise Grid org, if any
    kind: Kind = "digest"


@dataclass(frozen=True, slots=True)
class Block:
    """A channel (or WORKSPACE) the bot cannot post to until someone fixes `reason`."""

    channel: str
    reason: str
    since: dt.datetime
    notified_at: dt.datetime | None = None
    waiting: int = 0  # deliveries waiting behind it
    team_id: str | None = None  # for a workspace block: which workspace (None with enterprise_id: the whole org)
    enterprise_id: str | None = None


class Outbox(Protocol):
    def enqueue(
        self, channel: str, briefing_id: int, version: int, parts: list[dict[str, Any]], kind: Kind = "digest"
    ) -> list[int]:
        """Plan the parts of one digest (or roll-up) for a channel; idempotent per (channel, kind, id, part).

        A newer `version` of an already sent part moves it to `update` with the new payload.
        """

    def seed(self, channel: str, briefing_ids: list[int]) -> int:
        """Record briefings as already seen by `channel` (state `seeded`) so they are never posted."""

    def claim(self, now: dt.datetime, lease_seconds: float = 120) -> Delivery | None:
        """Take the next due delivery (pending or update, not_before <= now, part 0 before its replies)
        and mark it `sending` with a lease, in one write transaction (BEGIN IMMEDIATE on SQLite)."""

    def mark_sent(self, delivery_id: int, ts: str) -> None: ...

    def mark_pending(self, delivery_id: int, not_before: dt.datetime, error: str | None = None) -> None: ...

    def mark_unknown(self, delivery_id: int, error: str) -> None: ...

    def mark_failed(self, delivery_id: int, error: str) -> None: ...

    def unknown(self, now: dt.datetime) -> list[Delivery]:
        """Deliveries whose outcome is uncertain: `unknown`, plus `sending` whose lease expired."""

    def counts(self) -> dict[str, int]:
        """How many deliveries are in each state (for status output and tests)."""

    def block(
        self,
        delivery_id: int | None,
        channel: str,
        reason: str,
        team_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> bool:
        """Hold the delivery and the rest of `channel` (or a workspace) in `blocked` until `unblock`;
        True when this starts a new block."""

    def blocks(self) -> list[Block]:
        """The blocks in force."""

    def unblock(self, channel: str | None = None, reasons: frozenset[str] | None = None) -> int:
        """Lift the blocks of `channel` (None: all) with one of `reasons` (None: any); how many deliveries resume."""


class PostedDigests(Protocol):
    def posted_in_workspaces(
        self, briefing_ids: list[int], channel: str | None = None
    ) -> dict[int, tuple[str, str, str | None, str | None]]: ...


@dataclass
class Permalinks:
    """Links to posted digests, each on its own workspace's URL: `team_url` (auth.test of the one
    token) or, with installs by OAuth, `team_urls(team_id, enterprise_id)`. The slash commands and
    the weekly roll-ups share one instance, so the URL learned at start reaches both."""

    team_url: str | None = None
    team_urls: Callable[[str | None, str | None], str | None] | None = None

    def __call__(self, posted: PostedDigests, briefing_ids: list[int], channel: str | None = None) -> dict[int, str]:
        """briefing_id -> link to its digest (`channel`'s own post first)."""
        if not (self.team_url or self.team_urls) or not briefing_ids:
            return {}
        links = {}
        for bid, (ch, ts, team, org) in posted.posted_in_workspaces(briefing_ids, channel).items():
            base = self.team_url or (self.team_urls(team, org) if self.team_urls else None)
            if base:
                links[bid] = f"{base.rstrip('/')}/archives/{ch}/p{ts.replace('.', '')}"
        return links

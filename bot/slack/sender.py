"""Posts due outbox deliveries to Slack and settles uncertain ones against the channel history.

Every outcome of a post is classified (see bot/outbox.py): sent, rejected-before-processing (retry
later), uncertain (reconcile before any new attempt), blocked until someone fixes something (the bot
is not in the channel, the channel is archived, the token was rejected: the delivery waits and
resumes when the cause is gone) or permanent (failed; `digestbot deliveries retry` re-queues it).
A delivery that already has a `ts` was posted once, so it is only ever updated in place with
`chat.update`, which is safe to repeat.

Posts to one channel are at least `min_interval` apart and history reads stay within a budget per
method and workspace; both are reserved through a pacer that the store shares between threads and
processes. With installs by OAuth every delivery is posted with its own workspace's token (`clients`).
"""

from __future__ import annotations

import datetime as dt
import http.client
import logging
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox import METADATA_EVENT_TYPE, NOT_INSTALLED, WORKSPACE, Delivery, Outbox, is_workspace, workspace_key

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

#: `ok:false` errors after which the message may still have been posted.
UNCERTAIN_ERRORS = frozenset({"internal_error", "fatal_error", "service_unavailable", "request_timeout"})
RATE_LIMITED_ERRORS = frozenset({"ratelimited", "rate_limited"})
#: Errors that stop posting to one channel until someone acts (invite, unarchive, grant access).
BLOCKED_CHANNEL_ERRORS = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
        "team_access_not_granted",
        "ekm_access_denied",
        "channel_is_archived",
    }
)
#: Errors that stop posting everywhere until the token or the app's scopes are fixed.
BLOCKED_TOKEN_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "missing_scope",
        "not_allowed_token_type",
        "no_permission",
        "org_login_required",
        "app_missing_action_url",
    }
)
#: Without a measured offset between our clock and Slack's, look this much further back in the history.
UNKNOWN_SKEW_MARGIN = 900.0
_POST_FIELDS = ("text", "blocks", "metadata", "attachments", "unfurl_links", "unfurl_media", "icon_emoji", "username")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # "sent" | "retry" | "unknown" | "blocked" | "failed"
    ts: str | None = None
    delay: float = 0.0  # for "retry": seconds before the next attempt
    error: str | None = None


def classify(exc: Exception, attempts: int = 0) -> Outcome:
    """What a failed Web API call says about whether the request took effect."""
    if isinstance(exc, SlackApiError):
        return _classify_api_error(exc, attempts)
    if isinstance(exc, URLError) and isinstance(exc.reason, (ConnectionRefusedError, socket.gaierror)):
        return Outcome("retry", delay=backoff(attempts), error=f"connection: {type(exc.reason).__name__}")
    if isinstance(exc, (TimeoutError, ConnectionError, http.client.HTTPException, URLError, OSError, ValueError)):
        return Outcome("unknown", error=f"transport: {type(exc).__name__}")
    return Outcome("unknown", error=f"unexpected: {type(exc).__name__}")


def _classify_api_error(exc: SlackApiError, attempts: int) -> Outcome:
    status = exc.response.status_code
    data = exc.response.data if isinstance(exc.response.data, dict) else {}
    error = str(data.get("error") or f"http_{status}")
    if status == 429 or error in RATE_LIMITED_ERRORS:
        return Outcome("retry", delay=retry_after(exc.response.headers), error="ratelimited")
    if status >= 500 or error in UNCERTAIN_ERRORS:
        return Outcome("unknown", error=error)
    if error in BLOCKED_CHANNEL_ERRORS or error in BLOCKED_TOKEN_ERRORS:
        return Outcome("blocked", error=error)
    return Outcome("failed", error=error)


def block_scope(channel: str, error: str) -> str:
    """The channel a blocking error stops: its own, or every channel (WORKSPACE) for token errors."""
    return WORKSPACE if error in BLOCKED_TOKEN_ERRORS else channel


def retry_after(headers: Any, default: float = 60.0) -> float:
    for name, value in dict(headers or {}).items():
        if name.lower() == "retry-after":
            value = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                return default
    return default


def backoff(attempts: int, base: float = 5.0, cap: float = 300.0) -> float:
    return min(cap, base * 2 ** max(0, attempts))


class Pacer(Protocol):
    """Reserves call slots (see bot/store/shared.py); the store's is shared between processes."""

    def reserve(self, key: str, interval: float, now: dt.datetime, *, wait: bool = True) -> dt.datetime | None: ...

    def hold(self, key: str, until: dt.datetime) -> None: ...


class LocalPacer:
    """The same slots for one process (a sender without a shared store)."""

    def __init__(self) -> None:
        self._next: dict[str, dt.datetime] = {}
        self._lock = threading.Lock()

    def reserve(self, key: str, interval: float, now: dt.datetime, *, wait: bool = True) -> dt.datetime | None:
        with self._lock:
            slot = max(now, self._next.get(key, now))
            if not wait and slot > now:
                return None
            self._next[key] = slot + dt.timedelta(seconds=interval)
            return slot

    def hold(self, key: str, until: dt.datetime) -> None:
        with self._lock:
            self._next[key] = max(until, self._next.get(key, until))


class Sender:
    def __init__(
        self,
        outbox: Outbox,
        client: WebClient,
        clock: Clock = utc_now,
        *,
        min_interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        first_look_seconds: float = 10.0,
        settle_seconds: float = 120.0,
        history_margin: float = 60.0,
        reads_per_minute: float = 1.0,
        pacer: Pacer | None = None,
        on_blocked: Callable[[str, str], None] | None = None,
        clients: Callable[[str | None, str | None], WebClient | None] | None = None,
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.clock = clock
        self.min_interval = min_interval  # between posts to one channel
        self.sleep = sleep
        self.first_look_seconds = first_look_seconds  # a post this fresh may not show in the history yet
        self.settle_seconds = settle_seconds  # "not in the history" counts only this long after the doubt began
        self.history_margin = history_margin
        self.reads_per_minute = reads_per_minute  # per method, for the whole workspace
        self.pacer: Pacer = pacer or LocalPacer()
        self.on_blocked = on_blocked  # (channel or a workspace key, error): a new block, nobody told yet
        self.clients = clients  # (team_id, enterprise_id) -> that workspace's client, None when not installed
        self.skew: float | None = None  # Slack's clock minus ours, in seconds, once measured
        self._cursors: dict[tuple[str, str | None], str] = {}
        self._joined: set[str] = set()
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Claim nothing more (a post in flight finishes and is recorded)."""
        self._stopping.set()

    # -- delivering ---------------------------------------------------------------------------

    def deliver_due(self, max_items: int = 100) -> int:
        """Claim and send due deliveries; returns how many were confirmed sent."""
        sent = 0
        for _ in range(max_items):
            if self._stopping.is_set():
                break
            delivery = self.outbox.claim(self.clock())
            if delivery is None:
                break
            sent += self.deliver(delivery) == "sent"
        return sent

    def deliver(self, d: Delivery) -> str:
        """Send one claimed delivery and record the outcome; returns the outcome kind."""
        if d.part > 0 and not d.thread_ts and not d.ts:
            self.outbox.mark_pending(d.id, self.clock() + dt.timedelta(seconds=60), "waiting for part 0")
            return "retry"
        client = self.client_for(d.team_id, d.enterprise_id)
        if client is None:  # the workspace has no installation (yet): installing it retries at once
            self.outbox.mark_pending(d.id, self.clock() + dt.timedelta(seconds=60), NOT_INSTALLED)
            return "retry"
        self._pace(d.channel)
        try:
            outcome = self._call(d, client)
        except Exception as exc:  # classified below; any unexpected failure counts as uncertain
            outcome = classify(exc, d.attempts)
        if (
            outcome.kind == "blocked"
            and outcome.error == "not_in_channel"
            and self.join(d.channel, d.team_id, d.enterprise_id)
        ):
            outcome = Outcome("retry", error="joined the channel")  # a public channel: post again at once
        self._record(d, outcome)
        return outcome.kind

    def client_for(self, team_id: str | None, enterprise_id: str | None) -> WebClient | None:
        """The client with the token of the workspace (or org) a row belongs to."""
        return self.client if self.clients is None else self.clients(team_id, enterprise_id)

    def join(self, channel: str, team_id: str | None = None, enterprise_id: str | None = None) -> bool:
        """conversations.join (public channels only, once per process); True when the bot is now in."""
        client = self.client_for(team_id, enterprise_id)
        if channel in self._joined or client is None:
            return False
        self._joined.add(channel)
        try:
            client.conversations_join(channel=channel)
        except Exception as exc:
            log.info("could not join %s: %s", channel, classify(exc).error)
            return False
        log.info("joined %s so its history can be read", channel)
        return True

    def _call(self, d: Delivery, client: WebClient) -> Outcome:
        args: dict[str, Any] = {k: d.payload[k] for k in _POST_FIELDS if k in d.payload}  # exactly what was planned
        if d.ts:
            response = client.chat_update(channel=d.channel, ts=d.ts, **args)
        else:
            if d.part > 0:
                args["thread_ts"] = d.thread_ts
            response = client.chat_postMessage(channel=d.channel, **args)
        warnings = (response.get("response_metadata") or {}).get("warnings")
        if warnings:
            log.warning("delivery %s posted with warnings %s", d.id, warnings)
        if not d.ts:
            self.skew = float(response["ts"]) - self.clock().timestamp()  # Slack stamped it just now
        return Outcome("sent", ts=str(response["ts"]))

    def observe(self, response: Any) -> None:
        """Measure Slack's clock against ours from a response's Date header (whole seconds)."""
        headers = getattr(response, "headers", None) or {}
        for name, value in dict(headers).items():
            if name.lower() == "date":
                try:
                    slack = parsedate_to_datetime(value[0] if isinstance(value, list) else value)
                except (TypeError, ValueError, IndexError):
                    return
                self.skew = (slack - self.clock()).total_seconds()
                return

    def _record(self, d: Delivery, outcome: Outcome) -> None:
        now = self.clock()
        if outcome.kind == "sent":
            assert outcome.ts is not None
            self.outbox.mark_sent(d.id, outcome.ts)
        elif outcome.kind == "blocked":
            error = outcome.error or "blocked"
            scope = block_scope(d.channel, error)
            if scope == WORKSPACE:  # the token of this delivery's workspace: only that workspace waits
                scope = workspace_key(d.team_id, d.enterprise_id)
            if self.outbox.block(d.id, scope, error, d.team_id, d.enterprise_id) and self.on_blocked is not None:
                try:
                    self.on_blocked(scope, error)
                except Exception:
                    log.exception("could not report the block of %s", scope)
        elif outcome.kind == "retry" or (outcome.kind == "unknown" and d.ts):
            # chat.update is idempotent: an uncertain update is simply repeated later.
            delay = outcome.delay if outcome.kind == "retry" else backoff(d.attempts)
            self.outbox.mark_pending(d.id, now + dt.timedelta(seconds=delay), outcome.error)
        elif outcome.kind == "unknown":
            self.outbox.mark_unknown(d.id, outcome.error or "unknown")
        else:
            self.outbox.mark_failed(d.id, outcome.error or "failed")
        if outcome.kind != "sent":
            log.warning("delivery %s to %s: %s (%s)", d.id, d.channel, outcome.kind, outcome.error)

    def _pace(self, channel: str) -> None:
        """Wait for this channel's next slot, reserved across threads (and processes, with the store)."""
        now = self.clock()
        slot = self.pacer.reserve(f"post:{channel}", self.min_interval, now)
        wait = (slot - now).total_seconds() if slot else 0.0
        if wait > 0:
            self.sleep(wait)

    # -- reconciling --------------------------------------------------------------------------

    def reconcile(self) -> int:
        """Settle uncertain deliveries from the channel history; returns how many were settled.

        Found (our metadata with the same briefing, version and part) -> sent. Not found counts only
        in a read that starts `settle_seconds` after the outcome became uncertain (Slack may store a
        post after our client gave up and show it later); then -> pending. Reads are budgeted per
        method for the whole workspace, as Slack counts them. A rejected token is re-checked here.
        """
        now = self.clock()
        self._recheck_token()
        settled = 0
        for key, group in _by_thread(self.outbox.unknown(now)).items():
            updates = [d for d in group if d.ts]
            for d in updates:  # already posted once: an update is repeated, never re-posted
                self.outbox.mark_pending(d.id, now)
                settled += 1
            fresh = [d for d in group if not d.ts and self._age(d, now) >= self.first_look_seconds]
            method = "conversations.replies" if key[1] else "conversations.history"
            client = self.client_for(group[0].team_id, group[0].enterprise_id)
            if not fresh or client is None or not self._spend(method, now, group[0].team_id):
                continue
            settled += self._settle(key, fresh, now, client)
        return settled

    def _recheck_token(self) -> None:
        """A workspace's rejected token that works again (a transient rejection, or a new install) lifts
        that workspace's block."""
        for block in self.outbox.blocks():
            client = self.client_for(block.team_id, block.enterprise_id) if is_workspace(block.channel) else None
            if client is None:  # a channel's block, or a workspace with no installation to check
                continue
            try:
                self.observe(client.auth_test())
            except Exception as exc:
                log.warning("the bot token of %s is still not accepted: %s", block.channel, classify(exc).error)
                continue
            lifted = self.outbox.unblock(block.channel)
            log.info("the bot token of %s works again: %d deliveries resume", block.channel, lifted)

    def _settle(self, key: tuple[str, str | None], group: list[Delivery], now: dt.datetime, client: WebClient) -> int:
        try:
            messages, cursor = self._read(key, group, client)
        except Exception as exc:  # the read failed: leave them unknown and try again later
            self._read_failed(key, exc, now, group[0])
            return 0
        found = _found_ts(messages)
        settled = 0
        for d in group:
            ts = found.get((d.kind, d.briefing_id, d.briefing_version, d.part))
            if ts:
                self.outbox.mark_sent(d.id, ts)
                settled += 1
            elif not cursor and self._doubt(d, now) >= self.settle_seconds:  # the whole window: never posted
                self.outbox.mark_pending(d.id, now, "not found in channel history")
                settled += 1
        if cursor:
            self._cursors[key] = cursor
        else:
            self._cursors.pop(key, None)
        return settled

    def _read_failed(self, key: tuple[str, str | None], exc: Exception, now: dt.datetime, d: Delivery) -> None:
        outcome = classify(exc)
        log.warning("history read for %s failed: %s", key[0], outcome.error)
        self._cursors.pop(key, None)
        if outcome.kind == "retry" and outcome.error == "ratelimited":
            method = "conversations.replies" if key[1] else "conversations.history"
            self.pacer.hold(read_key(method, d.team_id), now + dt.timedelta(seconds=outcome.delay))
        elif outcome.error == "not_in_channel":
            self.join(key[0], d.team_id, d.enterprise_id)  # a public channel we post to: join to read it

    def _read(self, key: tuple[str, str | None], group: list[Delivery], client: WebClient) -> tuple[list[dict], str]:
        channel, thread = key
        claimed = [d.claimed_at or self.clock() for d in group]
        skew, margin = (self.skew, self.history_margin) if self.skew is not None else (0.0, UNKNOWN_SKEW_MARGIN)
        args: dict[str, Any] = {
            "channel": channel,
            "include_all_metadata": True,
            "oldest": f"{min(claimed).timestamp() + skew - margin:.6f}",
            "limit": 15,
        }
        if self._cursors.get(key):
            args["cursor"] = self._cursors[key]
        if thread:
            response = client.conversations_replies(ts=thread, **args)
        else:
            response = client.conversations_history(**args)
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or ""
        return list(response.get("messages") or []), cursor if response.get("has_more") else ""

    def _spend(self, method: str, now: dt.datetime, team_id: str | None = None) -> bool:
        """Take a read of `method` from the workspace's budget, if one is free now."""
        return self.pacer.reserve(read_key(method, team_id), 60.0 / self.reads_per_minute, now, wait=False) is not None

    @staticmethod
    def _age(d: Delivery, now: dt.datetime) -> float:
        return (now - d.claimed_at).total_seconds() if d.claimed_at else float("inf")

    @staticmethod
    def _doubt(d: Delivery, now: dt.datetime) -> float:
        """Seconds since the outcome of its post became uncertain."""
        since = d.unknown_since or d.claimed_at
        return (now - since).total_seconds() if since else float("inf")


def read_key(method: str, team_id: str | None) -> str:
    """The pacing key of a workspace's history reads (Slack counts them per method and workspace)."""
    return f"read:{method}" if team_id is None else f"read:{team_id}:{method}"


def _by_thread(deliveries: Iterable[Delivery]) -> dict[tuple[str, str | None], list[Delivery]]:
    """Top-level posts are found in conversations.history, replies only in their thread."""
    groups: dict[tuple[str, str | None], list[Delivery]] = defaultdict(list)
    for d in deliveries:
        groups[(d.channel, d.thread_ts if d.part > 0 else None)].append(d)
    return groups


def _found_ts(messages: Iterable[dict[str, Any]]) -> dict[tuple[str, int, int, int], str]:
    """(kind, id, version, part) -> ts of each of our posts in `messages`, by their metadata."""
    found: dict[tuple[str, int, int, int], str] = {}
    for m in messages:
        meta = m.get("metadata") or {}
        payload = meta.get("event_payload") or {}
        if meta.get("event_type") != METADATA_EVENT_TYPE:
            continue
        try:
            kind = str(payload.get("kind") or "digest")
            key = (kind, int(payload["briefing_id"]), int(payload["version"]), int(payload["part"]))
        except (KeyError, TypeError, ValueError):
            continue
        found.setdefault(key, str(m["ts"]))
    return found

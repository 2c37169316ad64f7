"""Posts due outbox deliveries to Slack and settles uncertain ones against the channel history.

Every outcome of a post is classified (see bot/outbox.py): sent, rejected-before-processing (retry
later), uncertain (reconcile before any new attempt) or permanent (failed). A delivery that already
has a `ts` was posted once, so it is only ever updated in place with `chat.update`, which is safe to
repeat.
"""

from __future__ import annotations

import datetime as dt
import http.client
import logging
import socket
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox import METADATA_EVENT_TYPE, Delivery, Outbox

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

#: `ok:false` errors after which the message may still have been posted.
UNCERTAIN_ERRORS = frozenset({"internal_error", "fatal_error", "service_unavailable", "request_timeout"})
RATE_LIMITED_ERRORS = frozenset({"ratelimited", "rate_limited"})
_POST_FIELDS = ("text", "blocks", "metadata", "attachments", "unfurl_links", "unfurl_media", "icon_emoji", "username")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # "sent" | "retry" | "unknown" | "failed"
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
    return Outcome("failed", error=error)


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


class Sender:
    def __init__(
        self,
        outbox: Outbox,
        client: WebClient,
        clock: Clock = utc_now,
        *,
        min_interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        settle_seconds: float = 10.0,
        history_margin: float = 60.0,
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.clock = clock
        self.min_interval = min_interval  # between posts to one channel
        self.sleep = sleep
        self.settle_seconds = settle_seconds  # a post this fresh may not show in the history yet
        self.history_margin = history_margin
        self._last_post: dict[str, dt.datetime] = {}
        self._reads: dict[str, deque[dt.datetime]] = defaultdict(deque)
        self._cursors: dict[tuple[str, str | None], str] = {}

    # -- delivering ---------------------------------------------------------------------------

    def deliver_due(self, max_items: int = 100) -> int:
        """Claim and send due deliveries; returns how many were confirmed sent."""
        sent = 0
        for _ in range(max_items):
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
        self._pace(d.channel)
        try:
            outcome = self._call(d)
        except Exception as exc:  # classified below; any unexpected failure counts as uncertain
            outcome = classify(exc, d.attempts)
        finally:
            self._last_post[d.channel] = self.clock()
        self._record(d, outcome)
        return outcome.kind

    def _call(self, d: Delivery) -> Outcome:
        args = {k: d.payload[k] for k in _POST_FIELDS if k in d.payload}  # exactly what was planned
        if d.ts:
            response = self.client.chat_update(channel=d.channel, ts=d.ts, **args)
        else:
            thread = {"thread_ts": d.thread_ts} if d.part > 0 else {}
            response = self.client.chat_postMessage(channel=d.channel, **thread, **args)
        warnings = (response.get("response_metadata") or {}).get("warnings")
        if warnings:
            log.warning("delivery %s posted with warnings %s", d.id, warnings)
        return Outcome("sent", ts=str(response["ts"]))

    def _record(self, d: Delivery, outcome: Outcome) -> None:
        now = self.clock()
        if outcome.kind == "sent":
            assert outcome.ts is not None
            self.outbox.mark_sent(d.id, outcome.ts)
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
        last = self._last_post.get(channel)
        if last is None:
            return
        wait = self.min_interval - (self.clock() - last).total_seconds()
        if wait > 0:
            self.sleep(wait)

    # -- reconciling --------------------------------------------------------------------------

    def reconcile(self, channel_limit_per_minute: int = 1) -> int:
        """Settle uncertain deliveries from the channel history; returns how many were settled.

        Found (our metadata with the same briefing, version and part) -> sent; not found -> pending.
        History reads are budgeted per channel because non-Marketplace apps get one a minute.
        """
        now = self.clock()
        settled = 0
        for key, group in _by_thread(self.outbox.unknown(now)).items():
            channel = key[0]
            updates = [d for d in group if d.ts]
            for d in updates:  # already posted once: an update is repeated, never re-posted
                self.outbox.mark_pending(d.id, now)
                settled += 1
            fresh = [d for d in group if not d.ts and self._age(d, now) >= self.settle_seconds]
            if not fresh or not self._spend(channel, now, channel_limit_per_minute):
                continue
            settled += self._settle(key, fresh, now)
        return settled

    def _settle(self, key: tuple[str, str | None], group: list[Delivery], now: dt.datetime) -> int:
        try:
            messages, cursor = self._read(key, group)
        except Exception as exc:  # the read failed: leave them unknown and try again later
            log.warning("history read for %s failed: %s", key[0], classify(exc).error)
            return 0
        found = _found_ts(messages)
        settled = 0
        for d in group:
            ts = found.get((d.briefing_id, d.briefing_version, d.part))
            if ts:
                self.outbox.mark_sent(d.id, ts)
                settled += 1
            elif not cursor:  # the whole window was read: it was never posted
                self.outbox.mark_pending(d.id, now, "not found in channel history")
                settled += 1
        if cursor:
            self._cursors[key] = cursor
        else:
            self._cursors.pop(key, None)
        return settled

    def _read(self, key: tuple[str, str | None], group: list[Delivery]) -> tuple[list[dict], str]:
        channel, thread = key
        claimed = [d.claimed_at or self.clock() for d in group]
        args: dict[str, Any] = {
            "channel": channel,
            "include_all_metadata": True,
            "oldest": f"{min(claimed).timestamp() - self.history_margin:.6f}",
            "limit": 15,
        }
        if self._cursors.get(key):
            args["cursor"] = self._cursors[key]
        if thread:
            response = self.client.conversations_replies(ts=thread, **args)
        else:
            response = self.client.conversations_history(**args)
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or ""
        return list(response.get("messages") or []), cursor if response.get("has_more") else ""

    def _spend(self, channel: str, now: dt.datetime, per_minute: int) -> bool:
        reads = self._reads[channel]
        while reads and (now - reads[0]).total_seconds() >= 60:
            reads.popleft()
        if len(reads) >= per_minute:
            return False
        reads.append(now)
        return True

    @staticmethod
    def _age(d: Delivery, now: dt.datetime) -> float:
        return (now - d.claimed_at).total_seconds() if d.claimed_at else float("inf")


def _by_thread(deliveries: Iterable[Delivery]) -> dict[tuple[str, str | None], list[Delivery]]:
    """Top-level posts are found in conversations.history, replies only in their thread."""
    groups: dict[tuple[str, str | None], list[Delivery]] = defaultdict(list)
    for d in deliveries:
        groups[(d.channel, d.thread_ts if d.part > 0 else None)].append(d)
    return groups


def _found_ts(messages: Iterable[dict[str, Any]]) -> dict[tuple[int, int, int], str]:
    found: dict[tuple[int, int, int], str] = {}
    for m in messages:
        meta = m.get("metadata") or {}
        payload = meta.get("event_payload") or {}
        if meta.get("event_type") != METADATA_EVENT_TYPE:
            continue
        try:
            key = (int(payload["briefing_id"]), int(payload["version"]), int(payload["part"]))
        except (KeyError, TypeError, ValueError):
            continue
        found.setdefault(key, str(m["ts"]))
    return found

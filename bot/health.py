"""What /healthz reports: whether the bot can do its work (liveness) and what needs a person.

The HTTP status is for liveness only: 503 when a restart may help (the database does not answer,
Slack rejects the token, the Socket Mode connection stays down). Everything a person should look at
(deliveries blocked or failing for longer than the alert delay, a start that hangs on Slack) makes
the body's "ok" false with one reason each, while the status stays 200 so an orchestrator never
restarts a bot that a restart cannot help.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.outbox import is_workspace
from bot.render.blocked import advice, where

FAILED_WINDOW = dt.timedelta(days=1)  # a permanent failure is reported for a day (or until retried)


@dataclass
class Lifecycle:
    """The running bot's state: starting (checking Slack, first round) -> running -> stopping."""

    started_at: dt.datetime
    phase: str = "starting"
    waiting_for: str | None = "auth.test"  # what the start waits for, while starting
    fatal: str | None = None  # why the bot stops (a rejected token at start)
    connected: Callable[[], bool] | None = None  # Socket Mode: is the WebSocket up?
    disconnected_since: dt.datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def report(
    store: Any, lifecycle: Lifecycle, mode: str, now: dt.datetime, alert_seconds: float, installed: bool = False
) -> dict[str, Any]:
    """The /healthz body: {"ok", "live", "mode", "phase", "reasons", "deliveries", "blocked"}.

    A rejected token makes the bot not live when it has one token (a restart with a new one fixes it);
    with OAuth installs it needs a person, not a restart: installing the app again lifts the block."""
    down: list[str] = []  # the bot cannot do its work
    attention: list[str] = []  # a person should look
    counts: dict[str, int] = {}
    blocked: list[dict[str, Any]] = []
    alert = dt.timedelta(seconds=alert_seconds)
    try:
        store.ping()
        counts = store.outbox.counts()
        blocks = store.outbox.blocks()
        troubled = store.outbox.troubled(now - alert, now - FAILED_WINDOW)
    except Exception as exc:  # noqa: BLE001 - a health check reports, it never raises
        down.append(f"the database does not answer ({type(exc).__name__})")
        blocks, troubled = [], []
    for b in blocks:
        blocked.append({"channel": b.channel, "reason": b.reason, "since": b.since.isoformat(), "waiting": b.waiting})
        line = f"deliveries to {_plain(b.channel)} blocked since {b.since:%Y-%m-%d %H:%M} UTC ({b.reason}): {_plain_advice(b.channel, b.reason)}"
        (down if is_workspace(b.channel) and not installed else attention).append(line)
    attention += _failing(troubled)
    if lifecycle.phase == "starting" and lifecycle.waiting_for and now - lifecycle.started_at > alert:
        attention.append(f"still starting: waiting for {lifecycle.waiting_for}")
    if _socket_down(lifecycle, now, alert):
        down.append("the Socket Mode connection to Slack is down")
    return {
        "ok": not down and not attention,
        "live": not down,
        "mode": mode,
        "phase": lifecycle.phase,
        "reasons": down + attention,
        "deliveries": counts,
        "blocked": blocked,
    }


def _failing(troubled: list[Any]) -> list[str]:
    """One line per (channel, state, error) of deliveries failing or failed, not counting blocked ones."""
    groups = Counter((d.channel, d.state, d.error or "?") for d in troubled if d.state != "blocked")
    lines = []
    for (channel, state, error), n in sorted(groups.items()):
        what = "failed for good" if state == "failed" else "failing"
        fix = "; `digestbot deliveries retry` re-queues them once fixed" if state == "failed" else ""
        lines.append(f"{n} deliveries to {channel} {what} ({error}){fix}")
    return lines


def _socket_down(lifecycle: Lifecycle, now: dt.datetime, alert: dt.timedelta) -> bool:
    if lifecycle.connected is None:
        return False
    with lifecycle.lock:
        if lifecycle.connected():
            lifecycle.disconnected_since = None
            return False
        lifecycle.disconnected_since = lifecycle.disconnected_since or now
        return now - lifecycle.disconnected_since > alert


def _plain(channel: str) -> str:
    return "every channel" if is_workspace(channel) else channel


def _plain_advice(channel: str, reason: str) -> str:
    """The advice without mrkdwn channel links (the body is read by people and scripts, not Slack)."""
    return advice(channel, reason).replace(where(channel), _plain(channel)).replace("`", "")

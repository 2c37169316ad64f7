"""Polling a source without letting it fail the caller: errors are recorded, retries back off."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from bot.sources.base import Item, Source, SourceError

log = logging.getLogger(__name__)

HEALTH = "health"  # reserved key in a source's state; the rest belongs to the source
FIRST_DELAY = dt.timedelta(minutes=1)
MAX_DELAY = dt.timedelta(hours=1)


@dataclass(frozen=True)
class PollOutcome:
    items: list[Item]
    state: dict
    error: str | None = None
    skipped: bool = False  # still backing off after earlier failures; nothing was fetched
    health: dict = field(default_factory=dict)


def next_try_after(failures: int, now: dt.datetime) -> dt.datetime:
    """1 minute after the first failure, doubling per further failure, at most 1 hour."""
    if failures <= 0:
        return now
    delay = min(FIRST_DELAY * (2 ** min(failures - 1, 16)), MAX_DELAY)
    return now + delay


def poll_safely(source: Source, state: dict | None, now: dt.datetime) -> PollOutcome:
    """Poll `source` unless it is backing off. Never raises.

    `state[HEALTH]` holds failures, last_error, last_error_at, last_success and next_try (ISO strings).
    On failure the source's own state is kept as it was, so nothing is lost or skipped.
    """
    state = dict(state or {})
    health = dict(state.pop(HEALTH, {}) or {})
    next_try = health.get("next_try")
    if next_try and now < dt.datetime.fromisoformat(next_try):
        return PollOutcome([], {**state, HEALTH: health}, None, skipped=True, health=health)
    try:
        items, new_state = source.poll(state)
    except SourceError as exc:
        return _failed(state, health, str(exc), now)
    except Exception as exc:  # a broken source must not stop the others
        log.exception("source %s failed unexpectedly", getattr(source, "name", "?"))
        return _failed(state, health, f"unexpected {type(exc).__name__}: {_one_line(exc)}", now)
    health = {"failures": 0, "last_success": now.isoformat(), **_keep(health, "last_error", "last_error_at")}
    return PollOutcome(list(items), {**new_state, HEALTH: health}, None, health=health)


def _failed(state: dict, health: dict, reason: str, now: dt.datetime) -> PollOutcome:
    failures = int(health.get("failures", 0)) + 1
    health = {
        **_keep(health, "last_success"),
        "failures": failures,
        "last_error": _one_line(reason),
        "last_error_at": now.isoformat(),
        "next_try": next_try_after(failures, now).isoformat(),
    }
    return PollOutcome([], {**state, HEALTH: health}, health["last_error"], health=health)


def _keep(health: dict, *keys: str) -> dict:
    return {k: health[k] for k in keys if k in health}


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:500]

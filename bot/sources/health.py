"""Polling a source without letting it fail the caller: errors are recorded, retries back off."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from bot.sources.base import Item, Source, SourceError

log = logging.getLogger(__name__)

FIRST_DELAY = dt.timedelta(minutes=1)
MAX_DELAY = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Health:
    """How a source has been doing; the store keeps it in typed columns beside the source's own state."""

    failures: int = 0
    last_error: str | None = None
    last_success: dt.datetime | None = None
    next_try: dt.datetime | None = None  # set while backing off after failures


@dataclass(frozen=True)
class PollOutcome:
    items: list[Item]
    state: dict
    error: str | None = None
    skipped: bool = False  # still backing off after earlier failures; nothing was fetched
    health: Health = field(default_factory=Health)


def next_try_after(failures: int, now: dt.datetime) -> dt.datetime:
    """1 minute after the first failure, doubling per further failure, at most 1 hour."""
    if failures <= 0:
        return now
    delay = min(FIRST_DELAY * (2 ** min(failures - 1, 16)), MAX_DELAY)
    return now + delay


def poll_safely(source: Source, state: dict | None, now: dt.datetime, health: Health | None = None) -> PollOutcome:
    """Poll `source` unless it is backing off (`health` is how its earlier polls went). Never raises.

    On failure the source's own state is kept as it was, so nothing is lost or skipped.
    """
    state = dict(state or {})
    health = health or Health()
    if health.next_try and now < health.next_try:
        return PollOutcome([], state, None, skipped=True, health=health)
    try:
        items, new_state = source.poll(state)
    except SourceError as exc:
        return _failed(state, health, str(exc), now)
    except Exception as exc:  # a broken source must not stop the others
        log.exception("source %s failed unexpectedly", getattr(source, "name", "?"))
        return _failed(state, health, f"unexpected {type(exc).__name__}: {_one_line(exc)}", now)
    ok = Health(failures=0, last_error=health.last_error, last_success=now)
    return PollOutcome(list(items), dict(new_state), None, health=ok)


def _failed(state: dict, health: Health, reason: str, now: dt.datetime) -> PollOutcome:
    failures = health.failures + 1
    failed = Health(failures, _one_line(reason), health.last_success, next_try_after(failures, now))
    return PollOutcome([], state, failed.last_error, health=failed)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:500]

"""What a user typed after `/digest`, as plain data (the help texts are in bot/render/replies.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from dateutil import parser as _parser

from bot.render.mrkdwn import escape

MAX_QUERY = 500
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NAMES = {**{d: d for d in WEEKDAYS}, **{f.rstrip("s"): d for f, d in zip(_FULL_DAYS, WEEKDAYS, strict=True)}}


DigestAction = Literal[
    "latest",
    "date",
    "search",
    "subscribe",
    "unsubscribe",
    "sources",
    "speakers",
    "subscribe_weekly",
    "unsubscribe_weekly",
    "status",
    "help",
    "error",
]


@dataclass(frozen=True, slots=True)
class DigestCommand:
    action: DigestAction
    date: dt.date | None = None
    words: str = ""
    schedule: str = "asap"
    timezone: str | None = None
    source: str = "*"
    error: str | None = None


def parse_digest(text: str, today: dt.date, sources: frozenset[str] = frozenset()) -> DigestCommand:
    """Parse `/digest` text; anything unclear becomes an `error` command with a helpful message."""
    text = " ".join((text or "").replace("\x00", " ").split())
    if len(text) > MAX_QUERY:
        return DigestCommand("error", error=f"That is {len(text):,} characters; keep it under {MAX_QUERY}.")
    word, _, rest = text.partition(" ")
    word = word.lower()
    if word in ("", "latest", "last", "new"):
        return DigestCommand("latest")
    if word in ("help", "?", "-h", "--help"):
        return DigestCommand("help")
    if word in ("search", "find"):
        if not rest.strip():
            return DigestCommand("error", error="Tell me what to look for: `/digest search grid budget`.")
        return DigestCommand("search", words=rest)
    if word == "subscribe" and rest.split()[:1] == ["weekly"]:
        return _weekly(rest.split()[1:])
    if word == "subscribe":
        return _subscribe(rest, sources)
    if word in ("unsubscribe", "stop") and rest.strip().lower() == "weekly":
        return DigestCommand("unsubscribe_weekly")
    if word in ("unsubscribe", "stop"):
        return DigestCommand("unsubscribe", source=rest.strip() or "*")
    if word == "status":
        return DigestCommand("status")
    if word == "sources":
        return DigestCommand("sources")
    if word in ("speakers", "people", "who"):
        return DigestCommand("speakers")
    day = _day(text, today)
    if day:
        return DigestCommand("date", date=day)
    return DigestCommand(
        "error", error=f"I don't know `{_short(text)}`. Try `/digest latest`, `/digest 2025-06-02` or `/digest help`."
    )


def _subscribe(rest: str, sources: frozenset[str]) -> DigestCommand:
    words = rest.split()
    source = "*"
    if words and words[0] in sources:
        source = words.pop(0)
    timezone = None
    if words and "/" in words[-1] or (words and words[-1].upper() == "UTC"):
        timezone = words.pop()
    schedule = " ".join(words) or "asap"
    return DigestCommand("subscribe", schedule=schedule, timezone=timezone, source=source)


def _weekly(words: list[str]) -> DigestCommand:
    """`weekly [mon] [08:00] [Europe/Berlin]` -> schedule "mon 08:00" (defaults: Monday, 08:00)."""
    day, at, timezone = "mon", "08:00", None
    for w in words:
        low = w.lower()
        if low.rstrip("s") in _DAY_NAMES:
            day = _DAY_NAMES[low.rstrip("s")]
        elif re.fullmatch(r"\d{1,2}(:\d{2})?", low):
            hour, _, minute = low.partition(":")
            if int(hour) > 23 or int(minute or 0) > 59:
                return DigestCommand(
                    "error", error=f"`{_short(w)}` is not a time of day; use 24-hour time, e.g. 08:00."
                )
            at = f"{int(hour):02d}:{int(minute or 0):02d}"
        elif "/" in w or low == "utc":
            timezone = w
        else:
            return DigestCommand(
                "error",
                error=(f"I don't know `{_short(w)}`. Example: `/digest subscribe weekly mon 08:00 Europe/Berlin`."),
            )
    return DigestCommand("subscribe_weekly", schedule=f"{day} {at}", timezone=timezone)


def _day(text: str, today: dt.date) -> dt.date | None:
    lowered = text.lower()
    if lowered == "today":
        return today
    if lowered == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        parsed = _parser.parse(text, default=dt.datetime(today.year, today.month, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date()


def _short(text: str, limit: int = 40) -> str:
    """The user's words, short and inert inside mrkdwn (no pings, no links)."""
    text = text.replace("`", "'")
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")

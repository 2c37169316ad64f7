"""What a user typed after `/digest`, as plain data; help texts for the slash commands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil import parser as _parser

from bot.render.digest import escape

MAX_QUERY = 500

DIGEST_HELP = """\
*`/digest` shows and manages the briefing digests of this channel.*
• `/digest latest` – the newest digest
• `/digest 2025-06-02` (or `yesterday`, `June 2`) – the digests of a day
• `/digest search <words>` – briefings that mention the words
• `/digest subscribe` – post new digests here as they arrive
• `/digest subscribe 0 8 * * mon-fri Europe/Berlin` – post at 08:00 on weekdays (cron, optional timezone)
• `/digest subscribe <source>` – follow one source only (see `/digest sources`)
• `/digest unsubscribe` – stop posting here
• `/digest sources` – the sources and their health
• `/digest status` – this channel's subscription and deliveries (and what to do when they are blocked)
• `/digest help` – this text
Ask who said something with `/whosaid <phrase>`, e.g. `/whosaid root causes`."""

WHOSAID_HELP = """\
*`/whosaid <phrase>` finds who said it in the briefings.*
Type a few words from the quote, e.g. `/whosaid root causes`. Exact phrases rank first, then quotes \
with all the words, then near spellings (`root cuases` still works). Only you see the answer; \
the *Share in channel* button posts it for everyone."""


@dataclass(frozen=True, slots=True)
class DigestCommand:
    action: str  # latest | date | search | subscribe | unsubscribe | sources | status | help | error
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
    if word == "subscribe":
        return _subscribe(rest, sources)
    if word in ("unsubscribe", "stop"):
        return DigestCommand("unsubscribe", source=rest.strip() or "*")
    if word == "status":
        return DigestCommand("status")
    if word == "sources":
        return DigestCommand("sources")
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

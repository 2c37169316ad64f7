"""Reads over the archive for the pasted-message matcher and the weekly roll-up."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Connection, func, select, text
from sqlalchemy.exc import DBAPIError

from bot.store.schema import briefings, quotes, speakers
from bot.store.search import CONTROL
from bot.understand.model import WhosaidHit

log = logging.getLogger(__name__)
MAX_WORDS = 40


@dataclass(frozen=True, slots=True)
class WeekQuote:
    briefing_id: int
    speaker: str | None  # the resolved name (full when the briefing gives it)
    speaker_id: int | None
    text: str
    section: str | None


@dataclass(frozen=True, slots=True)
class WeekBriefing:
    id: int
    title: str
    date: dt.date


@dataclass(slots=True)
class Week:
    start: dt.date
    days: int
    briefings: list[WeekBriefing] = field(default_factory=list)
    quotes: list[WeekQuote] = field(default_factory=list)


def _date(value: object) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value if isinstance(value, dt.date) else None


def _speaker_name() -> ColumnElement[str]:
    return func.coalesce(speakers.c.name, quotes.c.speaker)


def quotes_with_any(conn: Connection, words: Sequence[str], limit: int = 50) -> list[WhosaidHit]:
    """Quotes containing any of the words (stemmed), most relevant first; the speaker is the resolved name."""
    words = [w for w in dict.fromkeys(CONTROL.sub(" ", w).strip().lower() for w in words) if w][:MAX_WORDS]
    if not words:
        return []
    try:
        if conn.dialect.name == "sqlite":
            match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
            found = conn.execute(
                text("SELECT rowid, rank FROM quotes_fts WHERE quotes_fts MATCH :m ORDER BY rank LIMIT :n"),
                {"m": match, "n": limit},
            ).all()
        else:
            params: dict[str, object] = {f"w{i}": w for i, w in enumerate(words)}
            tsq = " || ".join(f"plainto_tsquery('english', :w{i})" for i in range(len(words)))
            params["n"] = limit
            found = conn.execute(
                text(
                    f"SELECT id, ts_rank(tsv, query) AS rank FROM quotes, ({'SELECT ' + tsq} AS query) AS t "  # noqa: S608 - tsq names bound parameters only
                    "WHERE tsv @@ query ORDER BY rank DESC, id LIMIT :n"
                ),
                params,
            ).all()
    except DBAPIError:
        log.exception("candidate search failed")
        return []
    order = {row[0]: i for i, row in enumerate(found)}
    if not order:
        return []
    rows = conn.execute(
        select(
            quotes.c.id,
            quotes.c.text,
            quotes.c.section,
            quotes.c.briefing_id,
            _speaker_name().label("speaker"),
            briefings.c.title,
            briefings.c.date,
        )
        .join(briefings, briefings.c.id == quotes.c.briefing_id)
        .outerjoin(speakers, speakers.c.id == quotes.c.speaker_id)
        .where(quotes.c.id.in_(list(order)))
    ).all()
    rows = sorted(rows, key=lambda r: order[r.id])
    return [WhosaidHit(r.speaker, r.text, r.title, _date(r.date), r.section, 0.0, r.briefing_id) for r in rows]


def week(conn: Connection, start: dt.date, days: int = 7) -> Week:
    """The briefings dated in [start, start + days) and their quotes, in date order."""
    end = start + dt.timedelta(days=days)
    out = Week(start, days)
    in_week = (briefings.c.sort_date >= start, briefings.c.sort_date < end)
    for row in conn.execute(
        select(briefings.c.id, briefings.c.title, briefings.c.sort_date)
        .where(*in_week)
        .order_by(briefings.c.sort_date, briefings.c.ingested_at, briefings.c.id)
    ):
        out.briefings.append(WeekBriefing(row.id, row.title, _date(row.sort_date)))  # type: ignore[arg-type]
    rows = conn.execute(
        select(
            quotes.c.briefing_id, _speaker_name().label("speaker"), quotes.c.speaker_id, quotes.c.text, quotes.c.section
        )
        .join(briefings, briefings.c.id == quotes.c.briefing_id)
        .outerjoin(speakers, speakers.c.id == quotes.c.speaker_id)
        .where(*in_week)
        .order_by(briefings.c.sort_date, briefings.c.id, quotes.c.position)
    )
    out.quotes = [WeekQuote(r.briefing_id, r.speaker, r.speaker_id or None, r.text, r.section) for r in rows]
    return out

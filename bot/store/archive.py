"""Reads over the archive for the pasted-message matcher and the weekly roll-up."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Connection, func, select, text
from sqlalchemy.exc import DBAPIError

from bot.store.schema import briefings, quotes, speakers
from bot.store.search import CONTROL, WINDOW, Window, fts5_any, recent_floor, split_rare, words_of
from bot.store.stopwords import STOPWORDS
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


def quotes_with_any(
    conn: Connection, words: Sequence[str], limit: int = 50, window: Window = WINDOW
) -> list[WhosaidHit]:
    """Quotes containing any of the words (stemmed), most relevant first; the speaker is the resolved name.

    Ranking scores every match, and a pasted message's words include common ones, so only a window
    is ranked, as for /whosaid (bot.store.search.Window): the newest `window.rank` matches among the
    newest `window.recent` quotes, or in the whole archive when those hold fewer than `limit`; and
    every match of the message's rare words (fewer than `window.rank` quotes hold each), wherever it
    stands, since those are what tell one quote from another."""
    words = [w for w in dict.fromkeys(CONTROL.sub(" ", w).strip().lower() for w in words) if w][:MAX_WORDS]
    if not words or limit <= 0:
        return []
    try:
        floor = recent_floor(conn, window)
        if conn.dialect.name == "sqlite":
            found = _any_sqlite(conn, words, limit, window, floor)
        else:
            found = _any_postgres(conn, words, limit, window, floor)
    except DBAPIError:
        log.exception("candidate search failed")
        return []
    order = {id_: i for i, id_ in enumerate(found)}
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


_SQLITE_WINDOW = text(
    "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :m AND rowid > :floor ORDER BY rowid DESC LIMIT :w"
)
_SQLITE_TEXTS = text("SELECT id, text FROM quotes WHERE id IN (SELECT value FROM json_each(:ids))")


def _any_sqlite(conn: Connection, words: list[str], limit: int, window: Window, floor: int) -> list[int]:
    """The window's ids (FTS5 walks its index backwards from the newest match), then ranked (_shared)."""
    rare, common = split_rare(conn, words, window)
    params = {"m": fts5_any(words), "w": window.rank, "floor": floor}
    ids: list[int] = [r[0] for r in conn.execute(_SQLITE_WINDOW, params)] if common else []
    if len(ids) < limit and common:
        ids = [r[0] for r in conn.execute(_SQLITE_WINDOW, params | {"floor": 0})]
    if rare:
        ids += [r[0] for r in conn.execute(_SQLITE_WINDOW, params | {"m": fts5_any(rare), "floor": 0})]
    if not ids:
        return []
    wanted = {w for w in words if w not in STOPWORDS}
    scored = [
        (_shared(words_of(r.text), wanted), int(r.id))
        for r in conn.execute(_SQLITE_TEXTS, {"ids": json.dumps(sorted(set(ids)))})
    ]
    scored.sort(key=lambda s: (-s[0], -s[1]))
    return [id_ for _, id_ in scored[:limit]]


def _shared(quote_words: list[str], wanted: set[str]) -> float:
    """How much of a quote the words make up: the words it shares with them, times the share of its
    own (distinct, indexed) words those are. A quote a message contains scores its length; a long
    quote that shares a few common words, or a short one that shares one, score little."""
    own = {w for w in quote_words if w not in STOPWORDS}
    shared = len(own & wanted)
    return shared * shared / max(len(own), 1)


#: The window as for /whosaid: the common words' newest matches by walking the primary key back to
#: the floor (the index would read every quote's entry for each), the rare words' through the index
#: over the whole archive, and the older quotes, through the index, only when the recent ones hold
#: fewer than :n matches. Then the window is ranked as on SQLite (_shared), by lexemes. The CTEs that take the
#: index have no ORDER BY ... LIMIT of their own, so the planner never walks the whole table backwards.
_PG_ANY_RECENT = (
    "recent AS MATERIALIZED (SELECT s.id, s.tsv FROM (SELECT id, tsv FROM quotes WHERE id > :floor "
    "ORDER BY id DESC OFFSET 0) AS s, ({wq}) AS wq WHERE s.tsv @@ wq.query LIMIT :w)"
)
_PG_ANY_OLDER = (
    "older AS MATERIALIZED (SELECT id, tsv FROM quotes, ({wq}) AS wq WHERE id <= :floor "
    "AND tsv @@ wq.query AND (SELECT count(*) FROM recent) < :n)"
)
_PG_ANY_RARE = "rare AS MATERIALIZED (SELECT id, tsv FROM quotes, ({rq}) AS rq WHERE tsv @@ rq.query)"
_PG_ANY = (
    "WITH {parts}, win AS MATERIALIZED ({union}) "
    "SELECT id FROM (SELECT DISTINCT ON (win.id) win.id, length(win.tsv) AS own, "
    "length(win.tsv) - length(ts_delete(win.tsv, m.lexemes)) AS shared FROM win, "
    "(SELECT tsvector_to_array(to_tsvector('english', :all)) AS lexemes) AS m) AS r "
    "ORDER BY shared * shared / greatest(own, 1)::float8 DESC, id DESC LIMIT :n"
)


def _any_postgres(conn: Connection, words: list[str], limit: int, window: Window, floor: int) -> list[int]:
    rare, common = split_rare(conn, words, window)
    params: dict[str, object] = {"n": limit, "w": window.rank, "floor": floor, "all": " ".join(words)}
    wq = _or_query(words, "w", params)
    parts, union = [], []
    if common:
        parts += [_PG_ANY_RECENT.format(wq=wq), _PG_ANY_OLDER.format(wq=wq)]
        union += ["SELECT id, tsv FROM recent", "(SELECT id, tsv FROM older ORDER BY id DESC LIMIT :w)"]
    if rare:
        parts.append(_PG_ANY_RARE.format(rq=_or_query(rare, "r", params)))
        union.append("(SELECT id, tsv FROM rare ORDER BY id DESC LIMIT :w)")
    if not union:
        return []  # only words with no lexeme, such as `the`: nothing matches them
    sql = _PG_ANY.format(parts=", ".join(parts), union=" UNION ALL ".join(union))
    return [int(r[0]) for r in conn.execute(text(sql), params)]


def _or_query(words: Sequence[str], prefix: str, params: dict[str, object]) -> str:
    """SELECT ... AS query: any of the words (bound parameters only: no user text reaches the SQL)."""
    for i, w in enumerate(words):
        params[f"{prefix}{i}"] = w
    return "SELECT " + " || ".join(f"plainto_tsquery('english', :{prefix}{i})" for i in range(len(words))) + " AS query"


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

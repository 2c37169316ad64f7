"""Briefings: ingest (verbatim bytes + parsed record), versioning by (source, item_key), reads."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.understand.analyze import analyze_bytes
from bot.understand.model import Briefing, BriefingError
from bot.store.db import reading
from bot.store.schema import briefings, quotes, rejected, vocab
from bot.store.search import words_of

log = logging.getLogger(__name__)
MAX_VOCAB_WORD = 40


@dataclass(frozen=True, slots=True)
class IngestResult:
    outcome: str  # "new" | "updated" | "unchanged" | "rejected"
    briefing_id: int | None
    version: int
    title: str
    name: str
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class StoredBriefing:
    id: int
    version: int
    source: str
    item_key: str
    ingested_at: dt.datetime
    briefing: Briefing


@dataclass(frozen=True, slots=True)
class Rejected:
    id: int
    source: str
    name: str
    content_type: str | None
    reason: str
    size: int
    rejected_at: dt.datetime


def upsert_insert(conn: Connection, table):  # type: ignore[no-untyped-def]
    """INSERT with ON CONFLICT support for the connection's dialect."""
    return (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(table)


def content_hash(record: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the record, without the identity fields (source, item_key)
    so the same briefing arriving under another name is recognised."""
    content = {k: v for k, v in record.items() if k not in ("source", "item_key")}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def ingest(
    engine: Engine,
    now: Callable[[], dt.datetime],
    data: bytes,
    name: str,
    *,
    source: str = "inbox",
    content_type: str | None = None,
    item_key: str | None = None,
) -> list[IngestResult]:
    try:
        found = analyze_bytes(data, name, content_type)
    except BriefingError as exc:
        return [_reject(engine, now(), data, name, source, content_type, str(exc))]
    except Exception as exc:  # noqa: BLE001 - a briefing that trips a bug is kept and reported, never lost
        log.exception("analysing %s failed", name)
        reason = f"could not be analysed ({type(exc).__name__}); kept for a later version to retry"
        return [_reject(engine, now(), data, name, source, content_type, reason)]
    if not found:
        return [_reject(engine, now(), data, name, source, content_type, "no briefing found in the file")]
    results = []
    for i, briefing in enumerate(found):
        key = briefing.item_key or item_key or (name if len(found) == 1 else f"{name}#{i}")
        if not briefing.link and key.startswith(("https://", "http://")):
            briefing.link = key  # a web page's address is its link
        record = briefing.to_record()
        raw = data if len(found) == 1 else _canonical(record).encode("utf-8")
        results.append(_store_retrying(engine, now, briefing, record, raw, name, source, key, content_type))
    return results


def _store_retrying(engine: Engine, now: Callable[[], dt.datetime], *args: Any) -> IngestResult:
    """Store one briefing; on PostgreSQL two processes may insert the same key at once, and the
    loser retries (then finds the row and reports unchanged or updated)."""
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                return _store_one(conn, now(), *args)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _reject(
    engine: Engine, at: dt.datetime, data: bytes, name: str, source: str, content_type: str | None, reason: str
) -> IngestResult:
    with engine.begin() as conn:
        conn.execute(
            insert(rejected).values(
                source=source, name=name, content_type=content_type, reason=reason, raw=data, size=len(data),
                rejected_at=at,
            )
        )
    return IngestResult("rejected", None, 0, "", name, reason)


def _store_one(
    conn: Connection,
    at: dt.datetime,
    briefing: Briefing,
    record: dict[str, Any],
    raw: bytes,
    name: str,
    source: str,
    key: str,
    content_type: str | None,
) -> IngestResult:
    digest = content_hash(record)
    row = conn.execute(
        select(briefings.c.id, briefings.c.version, briefings.c.content_hash).where(
            briefings.c.source == source, briefings.c.item_key == key
        )
    ).first()
    fields = {
        "title": briefing.title,
        "date": briefing.date,
        "sort_date": briefing.date or at.date(),
        "body": "\n".join(p for s in briefing.sections for p in ([s.heading] if s.heading else []) + s.paragraphs),
        "record": _canonical(record),
        "raw": raw,
        "content_type": content_type,
        "content_hash": digest,
        "name": name,
        "updated_at": at,
    }
    if row is not None:
        if row.content_hash == digest:
            return IngestResult("unchanged", row.id, row.version, briefing.title, name)
        conn.execute(update(briefings).where(briefings.c.id == row.id).values(version=row.version + 1, **fields))
        _index_quotes(conn, row.id, briefing, replace=True)
        return IngestResult("updated", row.id, row.version + 1, briefing.title, name)
    same = conn.execute(
        select(briefings.c.id, briefings.c.version).where(briefings.c.content_hash == digest).limit(1)
    ).first()
    if same is not None:
        return IngestResult("unchanged", same.id, same.version, briefing.title, name)
    new_id = conn.execute(
        insert(briefings).values(source=source, item_key=key, version=1, ingested_at=at, **fields)
        .returning(briefings.c.id)
    ).scalar_one()
    _index_quotes(conn, new_id, briefing, replace=False)
    return IngestResult("new", new_id, 1, briefing.title, name)


def _index_quotes(conn: Connection, briefing_id: int, briefing: Briefing, *, replace: bool) -> None:
    if replace:
        conn.execute(delete(quotes).where(quotes.c.briefing_id == briefing_id))
    rows = [
        {"briefing_id": briefing_id, "position": i, "speaker": q.asserted_speaker, "text": q.text, "section": q.section}
        for i, q in enumerate(briefing.quotes)
    ]
    if rows:
        conn.execute(insert(quotes), rows)
    words = sorted({w for q in briefing.quotes for w in words_of(q.text) if len(w) <= MAX_VOCAB_WORD})
    if words:
        conn.execute(upsert_insert(conn, vocab).on_conflict_do_nothing(index_elements=["word"]), [{"word": w} for w in words])


_COLUMNS = (briefings.c.id, briefings.c.version, briefings.c.source, briefings.c.item_key, briefings.c.ingested_at,
            briefings.c.record)


def _stored(row) -> StoredBriefing:  # type: ignore[no-untyped-def]
    return StoredBriefing(row.id, row.version, row.source, row.item_key, row.ingested_at,
                          Briefing.from_record(json.loads(row.record)))


def get(engine: Engine, briefing_id: int) -> StoredBriefing | None:
    with reading(engine) as conn:
        row = conn.execute(select(*_COLUMNS).where(briefings.c.id == briefing_id)).first()
    return _stored(row) if row else None


def many(engine: Engine, ids: list[int]) -> list[StoredBriefing]:
    """Briefings by id, in the order given (missing ids skipped)."""
    if not ids:
        return []
    with reading(engine) as conn:
        rows = {r.id: r for r in conn.execute(select(*_COLUMNS).where(briefings.c.id.in_(ids)))}
    return [_stored(rows[i]) for i in ids if i in rows]


def latest(engine: Engine, limit: int = 5) -> list[StoredBriefing]:
    order = (briefings.c.sort_date.desc(), briefings.c.ingested_at.desc(), briefings.c.id.desc())
    with reading(engine) as conn:
        rows = conn.execute(select(*_COLUMNS).order_by(*order).limit(limit)).all()
    return [_stored(r) for r in rows]


def on_date(engine: Engine, date: dt.date) -> list[StoredBriefing]:
    with reading(engine) as conn:
        rows = conn.execute(
            select(*_COLUMNS).where(briefings.c.date == date).order_by(briefings.c.ingested_at, briefings.c.id)
        ).all()
    return [_stored(r) for r in rows]


def ids(engine: Engine, source: str | None = None) -> list[int]:
    query = select(briefings.c.id).order_by(briefings.c.id)
    if source is not None:
        query = query.where(briefings.c.source == source)
    with reading(engine) as conn:
        return list(conn.execute(query).scalars())


def versions(engine: Engine, source: str | None = None) -> dict[int, int]:
    """Every briefing's current version, by id (what the digest planner compares with the outbox)."""
    query = select(briefings.c.id, briefings.c.version).order_by(briefings.c.id)
    if source is not None:
        query = query.where(briefings.c.source == source)
    with reading(engine) as conn:
        return {row.id: row.version for row in conn.execute(query)}


def rejected_list(engine: Engine, limit: int = 20) -> list[Rejected]:
    query = select(
        rejected.c.id, rejected.c.source, rejected.c.name, rejected.c.content_type, rejected.c.reason,
        rejected.c.size, rejected.c.rejected_at,
    ).order_by(rejected.c.id.desc()).limit(limit)
    with reading(engine) as conn:
        return [Rejected(*r) for r in conn.execute(query)]

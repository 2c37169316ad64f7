"""Briefings: persisting analysed briefings (verbatim bytes + record), versioning by (source, item_key), reads.

The store never analyses: the pipeline reads a file into Briefings and hands them over."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import Connection, Engine, Row, Table, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from bot.store.db import reading
from bot.store.schema import briefings, quotes, rejected, vocab
from bot.store.search import words_of
from bot.store.speakers import speaker_ids
from bot.understand.model import Briefing

MAX_VOCAB_WORD = 40


IngestOutcome = Literal["new", "updated", "unchanged", "rejected"]
INGEST_OUTCOMES: tuple[IngestOutcome, ...] = get_args(IngestOutcome)  # in the order reports list them


@dataclass(frozen=True, slots=True)
class IngestResult:
    outcome: IngestOutcome
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


def upsert_insert(conn: Connection, table: Table) -> Any:
    """INSERT with ON CONFLICT support for the connection's dialect."""
    return (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(table)


def content_hash(record: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the record, without the identity fields (source, item_key)
    so the same briefing arriving under another name is recognised."""
    content = {k: v for k, v in record.items() if k not in ("source", "item_key")}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def save(
    engine: Engine,
    at: dt.datetime,
    briefing: Briefing,
    *,
    key: str,
    name: str,
    source: str,
    content_type: str | None = None,
    raw: bytes | None = None,
) -> IngestResult:
    """Persist one analysed briefing under (source, key): new, updated (a new version) or unchanged.

    `raw` is the verbatim bytes it was read from; None (one item of a multi-briefing file) keeps its
    canonical record instead.
    """
    record = briefing.to_record()
    canonical = _canonical(record)
    data = raw if raw is not None else canonical.encode("utf-8")
    return _store_retrying(engine, at, briefing, record, canonical, data, name, source, key, content_type)


def reject(
    engine: Engine, at: dt.datetime, data: bytes, *, name: str, source: str, content_type: str | None, reason: str
) -> IngestResult:
    """Keep a file that holds no briefing, with the one-line reason, so nothing is lost."""
    with engine.begin() as conn:
        conn.execute(
            insert(rejected).values(
                source=source,
                name=name,
                content_type=content_type,
                reason=reason,
                raw=data,
                size=len(data),
                rejected_at=at,
            )
        )
    return IngestResult("rejected", None, 0, "", name, reason)


def _store_retrying(engine: Engine, at: dt.datetime, *args: Any) -> IngestResult:
    """Store one briefing; on PostgreSQL two processes may insert the same key at once, and the
    loser retries (then finds the row and reports unchanged or updated)."""
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                return _store_one(conn, at, *args)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _store_one(
    conn: Connection,
    at: dt.datetime,
    briefing: Briefing,
    record: dict[str, Any],
    canonical: str,
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
        "record": canonical,
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
    new_id: int = conn.execute(
        insert(briefings)
        .values(source=source, item_key=key, version=1, ingested_at=at, **fields)
        .returning(briefings.c.id)
    ).scalar_one()
    _index_quotes(conn, new_id, briefing, replace=False)
    return IngestResult("new", new_id, 1, briefing.title, name)


def _index_quotes(conn: Connection, briefing_id: int, briefing: Briefing, *, replace: bool) -> None:
    if replace:
        conn.execute(delete(quotes).where(quotes.c.briefing_id == briefing_id))
    ids = speaker_ids(conn, briefing)
    rows = [
        {
            "briefing_id": briefing_id,
            "position": i,
            "speaker": q.asserted_speaker,
            "text": q.text,
            "section": q.section,
            "speaker_id": ids.get(q.asserted_speaker or "", 0 if q.asserted_speaker else None),
        }
        for i, q in enumerate(briefing.quotes)
    ]
    if rows:
        conn.execute(insert(quotes), rows)
    words = sorted({w for q in briefing.quotes for w in words_of(q.text) if len(w) <= MAX_VOCAB_WORD})
    if words:
        conn.execute(
            upsert_insert(conn, vocab).on_conflict_do_nothing(index_elements=["word"]), [{"word": w} for w in words]
        )


_COLUMNS = (
    briefings.c.id,
    briefings.c.version,
    briefings.c.source,
    briefings.c.item_key,
    briefings.c.ingested_at,
    briefings.c.record,
)


def _stored(row: Row[Any]) -> StoredBriefing:
    return StoredBriefing(
        row.id, row.version, row.source, row.item_key, row.ingested_at, Briefing.from_record(json.loads(row.record))
    )


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


def versions(engine: Engine, source: str | None = None) -> dict[int, int]:
    """Every briefing's current version, by id (what the digest planner compares with the outbox)."""
    query = select(briefings.c.id, briefings.c.version).order_by(briefings.c.id)
    if source is not None:
        query = query.where(briefings.c.source == source)
    with reading(engine) as conn:
        return {row.id: row.version for row in conn.execute(query)}

"""Speakers in the archive: one row per resolved name, quotes linked to it, and `from:` lookups.

Which names are the same person is decided in bot.understand.speakers (pure); this module stores
the per-briefing resolution (`quotes.speaker_id`) and reads quotes back by person.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, Engine, func, select, update

from bot.store.db import reading
from bot.store.schema import briefings, quotes, speakers
from bot.store.search import QueryError, query_words, words_of
from bot.understand.model import Briefing, WhosaidHit
from bot.understand.speakers import (
    Person,
    Speaker,
    extend_name,
    group_people,
    match_people,
    name_key,
    parse_from,
    resolve_labels,
)

log = logging.getLogger(__name__)
MAX_LISTED = 200


class AmbiguousSpeaker(QueryError):
    """`from:` a name several people share; the message lists them and how to pick one."""

    def __init__(self, name: str, people: Sequence[Person]) -> None:
        shown = [
            f"{p.name} ({p.quotes} quote{'s' if p.quotes != 1 else ''}{'' if p.full else ', no full name given'})"
            for p in people[:6]
        ]
        options = ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]
        example = next((p.name for p in people if p.full), people[0].name)
        super().__init__(f'“{name}” could be {options}. Say which one, e.g. from:"{example}".')
        self.people = list(people)


def speaker_ids(conn: Connection, briefing: Briefing) -> dict[str, int]:
    """Each speaker label of the briefing -> the id of its resolved name (rows created as needed)."""
    labels = [q.asserted_speaker for q in briefing.quotes if q.asserted_speaker]
    if not labels:
        return {}
    resolved = resolve_labels(labels, [briefing.title, *(p for s in briefing.sections for p in s.paragraphs)])
    ids: dict[str, int] = {}
    for label, name in resolved.items():
        key = name_key(name)[:300]
        if not key:
            continue
        found = conn.execute(select(speakers.c.id).where(speakers.c.key == key)).scalar()
        if found is None:
            from bot.store.briefings import upsert_insert

            stmt = upsert_insert(conn, speakers).values(key=key, name=name[:500])
            conn.execute(stmt.on_conflict_do_nothing(index_elements=["key"]))
            found = conn.execute(select(speakers.c.id).where(speakers.c.key == key)).scalar_one()
        ids[label] = found
    return ids


def backfill(engine: Engine, batch: int = 200) -> int:
    """Link quotes stored before speakers existed (or by an older bot) to their speakers."""
    done = 0
    while True:
        with reading(engine) as conn:
            ids: list[int] = list(
                conn.execute(
                    select(quotes.c.briefing_id)
                    .where(quotes.c.speaker.is_not(None), quotes.c.speaker_id.is_(None))
                    .distinct()
                    .limit(batch)
                ).scalars()
            )
        if not ids:
            return done
        for briefing_id in ids:
            with engine.begin() as conn:
                record = conn.execute(select(briefings.c.record).where(briefings.c.id == briefing_id)).scalar()
                if record is None:
                    continue
                for label, speaker_id in speaker_ids(conn, Briefing.from_record(json.loads(record))).items():
                    conn.execute(
                        update(quotes)
                        .where(quotes.c.briefing_id == briefing_id, quotes.c.speaker == label)
                        .values(speaker_id=speaker_id)
                    )
                # labels that resolve to nothing (empty after normalising) must not be retried forever
                conn.execute(
                    update(quotes)
                    .where(
                        quotes.c.briefing_id == briefing_id,
                        quotes.c.speaker_id.is_(None),
                        quotes.c.speaker.is_not(None),
                    )
                    .values(speaker_id=0)
                )
            done += 1


def stored_speakers(conn: Connection, since: dt.date | None = None) -> list[Speaker]:
    """Every speaker with the number of its quotes (in briefings dated on or after `since`)."""
    query = select(speakers.c.id, speakers.c.name, func.count(quotes.c.id)).join(
        quotes, quotes.c.speaker_id == speakers.c.id
    )
    if since is not None:
        query = query.join(briefings, briefings.c.id == quotes.c.briefing_id).where(briefings.c.sort_date >= since)
    query = query.group_by(speakers.c.id, speakers.c.name)
    return [Speaker(r[0], r[1], r[2]) for r in conn.execute(query)]


def people(conn: Connection, roster: Mapping[str, object], since: dt.date | None = None) -> list[Person]:
    return group_people(stored_speakers(conn, since), roster)


def said_by(conn: Connection, query: str, roster: Mapping[str, object], limit: int = 5) -> list[WhosaidHit]:
    """`from:<name> [words]`: what one person said, newest first, optionally only quotes with the words.

    Raises AmbiguousSpeaker when the name fits several people, QueryError for unusable input.
    """
    parsed = parse_from(query)
    if parsed is None:
        raise QueryError("Say whose quotes you want, e.g. from:Ian")
    if not name_key(parsed.name):
        raise QueryError('Say whose quotes you want after from:, e.g. from:Ian or from:"Ian Bremmer"')
    everyone = people(conn, roster)
    parsed = extend_name(parsed, everyone)
    words = query_words(parsed.words) if parsed.words.strip() else []
    found = match_people(parsed.name, everyone, parsed.exact)
    if not found:
        return []
    if len(found) > 1:
        raise AmbiguousSpeaker(parsed.name, found)
    person = found[0]
    rows = conn.execute(
        select(quotes.c.text, quotes.c.section, quotes.c.briefing_id, briefings.c.title, briefings.c.date)
        .join(briefings, briefings.c.id == quotes.c.briefing_id)
        .where(quotes.c.speaker_id.in_(person.speaker_ids))
        .order_by(
            briefings.c.sort_date.desc(), briefings.c.ingested_at.desc(), briefings.c.id.desc(), quotes.c.position
        )
    )
    hits: list[WhosaidHit] = []
    for row in rows:
        match = _words_span(row.text, words)
        if words and match is None:
            continue
        date = dt.date.fromisoformat(row.date) if isinstance(row.date, str) else row.date
        hits.append(
            WhosaidHit(person.name, row.text, row.title, date, row.section, 1.0, row.briefing_id, match or None)
        )
        if len(hits) >= min(limit, MAX_LISTED):
            break
    return hits


def _words_span(text: str, words: list[str]) -> tuple[int, int] | None:
    """Where the first query word stands in the quote, when every word is there (ending-tolerant)."""
    if not words:
        return (0, 0)
    present = words_of(text)
    for w in words:
        stem = w[: max(3, len(w) - 2)]
        if not any(p == w or (len(w) >= 4 and p.startswith(stem)) for p in present):
            return None
    first = words[0][: max(3, len(words[0]) - 2)].lower()
    at = text.lower().find(first)
    if at < 0:
        return (0, 0)
    end = at
    while end < len(text) and (text[end].isalnum() or text[end] in "-’'"):
        end += 1
    return (at, end)

"""Understanding: one file's bytes in, its analysed Briefings out (`read`, the one way in).

parse (formats) -> repair echoes -> tidy link spaces -> find and attribute quotes
-> split a long text without headings by topic -> summarize
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.understand.attribute.attribute import Found, attribute
from bot.understand.clean import repair_sections
from bot.understand.model import Briefing, Document, Quote, Section
from bot.understand.parse import parse
from bot.understand.parse.feed import FeedEntry, entry_document
from bot.understand.summarize import summarize_document
from bot.understand.text import tidy
from bot.understand.topics import needs_split, split_topics


def analyze(doc: Document, roster: Mapping[str, object] | None = None) -> Briefing:
    """Analyse one document. `roster` (name -> details) only adds names known to be people."""
    cleaned = repair_sections([s.paragraphs for s in doc.sections])
    sections = [
        Section(raw.heading, [tidy(p) for p in paras]) for raw, paras in zip(doc.sections, cleaned, strict=True)
    ]
    sections = [s for s in sections if s.paragraphs or s.heading]
    flat = [p for s in sections for p in s.paragraphs]
    found = attribute(flat, known=set(roster or ()))
    topical = not any(s.heading for s in sections)
    if needs_split(sections):
        sections = split_topics(sections, _speakers_by_paragraph(found, len(flat)))
        topical = True
    where = [(si, pi) for si, s in enumerate(sections) for pi in range(len(s.paragraphs))]
    quotes = [_quote(f, where, sections) for f in found]
    by_section: list[list[tuple[Quote, Found]]] = [[] for _ in sections]
    for q, f in zip(quotes, found, strict=True):
        by_section[q.section_index].append((q, f))
    summarize_document(sections, by_section, topical=topical)
    return Briefing(
        source=doc.source,
        title=doc.title,
        date=doc.date,
        sections=sections,
        quotes=quotes,
        link=doc.link,
        item_key=doc.item_key,
    )


def read(
    data: bytes, name: str, content_type: str | None = None, roster: Mapping[str, object] | None = None
) -> list[Briefing]:
    """Parse and analyse one file's bytes (a feed gives one briefing per item).

    The bot, `digestbot analyze`, `ingest`, `post` and `preview` all read through here.
    Raises BriefingError with a one-line reason when the file holds no readable briefing.
    """
    return [analyze(doc, roster) for doc in parse(data, name, content_type)]


def read_entry(entry: FeedEntry, name: str, roster: Mapping[str, object] | None = None) -> Briefing:
    """Analyse one entry of a feed that was already parsed (a feed source's item), without parsing it again."""
    return analyze(entry_document(entry, name), roster)


def _quote(f: Found, where: list[tuple[int, int]], sections: list[Section]) -> Quote:
    si, pi = where[f.para]
    return Quote(
        text=f.text,
        speaker=f.speaker,
        section=sections[si].heading,
        section_index=si,
        paragraph_index=pi,
        start=f.span.start,
        end=f.span.end,
        how=f.how if f.speaker else "none",
        confidence=f.confidence if f.speaker else 0.0,
    )


def _speakers_by_paragraph(found: list[Found], paragraphs: int) -> list[set[str]]:
    out: list[set[str]] = [set() for _ in range(paragraphs)]
    for f in found:
        if f.speaker and not f.scare and not f.term:
            out[f.para].add(f.speaker)
    return out

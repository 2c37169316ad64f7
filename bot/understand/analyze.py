"""The pipeline: a parsed Document in, an analysed Briefing out.

    parse (formats) -> repair echoes -> tidy link spaces -> find and attribute quotes -> summarize
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.understand.attribute.attribute import Found, attribute
from bot.understand.clean import repair_sections
from bot.understand.parse import parse
from bot.understand.model import Briefing, Document, Quote, Section
from bot.understand.summarize import summarize
from bot.understand.text import tidy


def analyze(doc: Document, roster: Mapping[str, object] | None = None) -> Briefing:
    """Analyse one document. `roster` (name -> details) only adds names known to be people."""
    cleaned = repair_sections([s.paragraphs for s in doc.sections])
    sections = [
        Section(raw.heading, [tidy(p) for p in paras])
        for raw, paras in zip(doc.sections, cleaned, strict=True)
    ]
    sections = [s for s in sections if s.paragraphs or s.heading]
    where = [(si, pi) for si, s in enumerate(sections) for pi in range(len(s.paragraphs))]
    flat = [p for s in sections for p in s.paragraphs]
    found = attribute(flat, known=set(roster or ()))
    quotes = [_quote(f, where, sections) for f in found]
    by_section: list[list[tuple[Quote, Found]]] = [[] for _ in sections]
    for q, f in zip(quotes, found):
        by_section[q.section_index].append((q, f))
    for section, pairs in zip(sections, by_section):
        section.bullets = summarize(section, pairs)
    _fit_budget(sections, by_section, sum(len(p.split()) for p in flat))
    return Briefing(
        source=doc.source,
        title=doc.title,
        date=doc.date,
        sections=sections,
        quotes=quotes,
        link=doc.link,
        item_key=doc.item_key,
    )


def analyze_bytes(data: bytes, name: str, content_type: str | None = None) -> list[Briefing]:
    """Parse and analyse one file's bytes (a feed gives one briefing per item)."""
    return [analyze(doc) for doc in parse(data, name, content_type)]


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


def _fit_budget(sections: list[Section], by_section: list[list[tuple[Quote, Found]]], total_words: int) -> None:
    """Keep the digest within about 40% of the briefing's words by tightening bullets."""
    budget = max(40, int(total_words * 0.4))
    for cap in (35, 28, 22, 16, 12):
        used = sum(len(b.text.split()) for s in sections for b in s.bullets)
        if used <= budget:
            return
        for section, pairs in zip(sections, by_section):
            section.bullets = summarize(section, pairs, cap=cap)

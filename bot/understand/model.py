"""Plain data that flows through the pipeline.

`Document` is what a format parser produces (text as found, echoes and all);
`Briefing` is what analysis makes of it (cleaned paragraphs, attributed quotes, bullets).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


class BriefingError(ValueError):
    """A briefing that cannot be read or parsed; the message says why, in one line."""


@dataclass(slots=True)
class RawSection:
    heading: str | None
    paragraphs: list[str]


@dataclass(slots=True)
class Document:
    """One briefing as a format parser found it."""

    title: str
    date: dt.date | None
    sections: list[RawSection]
    source: str = ""
    link: str | None = None
    #: Stable identity of the item at its source (feed guid, Message-ID, file name);
    #: a corrected briefing keeps its key and changes its content.
    item_key: str | None = None


@dataclass(slots=True, frozen=True)
class Quote:
    text: str  # the words inside the quote marks, verbatim
    speaker: str | None
    section: str | None  # heading of the section it stands in
    section_index: int
    paragraph_index: int  # within the section
    start: int  # offsets of `text` in the cleaned paragraph
    end: int
    #: How the speaker was found ("cue", "continuation", "pronoun", "role", "requote", ...; "guess"
    #: when nothing in the text ties the quote to the speaker; "none" without a speaker).
    how: str = "none"
    confidence: float = 0.0  # 0-1: how likely the speaker is right

    @property
    def asserted_speaker(self) -> str | None:
        """The speaker to state as fact: none for a guess."""
        return None if self.how == "guess" else self.speaker

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "section": self.section,
            "how": self.how,
            "confidence": self.confidence,
        }


@dataclass(slots=True, frozen=True)
class Bullet:
    text: str
    speakers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speakers": list(self.speakers)}


@dataclass(slots=True)
class Section:
    heading: str | None
    paragraphs: list[str]
    bullets: list[Bullet] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "paragraphs": list(self.paragraphs),
            "bullets": [b.to_dict() for b in self.bullets],
        }


@dataclass(slots=True)
class Briefing:
    """An analysed briefing: the unit the store keeps and the digest renders."""

    source: str
    title: str
    date: dt.date | None
    sections: list[Section]
    quotes: list[Quote]
    link: str | None = None
    item_key: str | None = None

    @property
    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for q in self.quotes:
            if q.asserted_speaker:
                seen.setdefault(q.asserted_speaker)
        return list(seen)

    def word_count(self) -> int:
        return sum(len(p.split()) for s in self.sections for p in s.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `digestbot analyze --format json`."""
        return {
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "link": self.link,
            "sections": [s.to_dict() for s in self.sections],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    def to_record(self) -> dict[str, Any]:
        """A lossless dict for storage (adds quote positions and the item key)."""
        d = self.to_dict()
        d["item_key"] = self.item_key
        d["quotes"] = [
            {
                "text": q.text,
                "speaker": q.speaker,
                "section": q.section,
                "section_index": q.section_index,
                "paragraph_index": q.paragraph_index,
                "start": q.start,
                "end": q.end,
                "how": q.how,
                "confidence": q.confidence,
            }
            for q in self.quotes
        ]
        return d

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> Briefing:
        return cls(
            source=d["source"],
            title=d["title"],
            date=dt.date.fromisoformat(d["date"]) if d.get("date") else None,
            link=d.get("link"),
            item_key=d.get("item_key"),
            sections=[
                Section(
                    heading=s["heading"],
                    paragraphs=list(s["paragraphs"]),
                    bullets=[Bullet(b["text"], tuple(b.get("speakers") or ())) for b in s.get("bullets") or []],
                )
                for s in d["sections"]
            ],
            quotes=[
                Quote(
                    text=q["text"],
                    speaker=q.get("speaker"),
                    section=q.get("section"),
                    section_index=q.get("section_index", 0),
                    paragraph_index=q.get("paragraph_index", 0),
                    start=q.get("start", 0),
                    end=q.get("end", 0),
                    how=q.get("how") or ("cue" if q.get("speaker") else "none"),
                    confidence=q.get("confidence", 1.0 if q.get("speaker") else 0.0),
                )
                for q in d["quotes"]
            ],
        )


@dataclass(frozen=True, slots=True)
class Appearance:
    """Another place the same quote stands: a re-quote later in the briefing, or another briefing."""

    title: str
    date: dt.date | None
    section: str | None
    briefing_id: int


@dataclass(frozen=True, slots=True)
class WhosaidHit:
    """A stored quote that answers a `/whosaid` query, with the briefing it was said in."""

    speaker: str | None
    quote: str
    title: str
    date: dt.date | None
    section: str | None
    score: float  # higher is better
    briefing_id: int
    match: tuple[int, int] | None = None  # span of the matched phrase inside `quote`
    also: tuple[Appearance, ...] = ()  # the same words by the same speaker elsewhere, best first

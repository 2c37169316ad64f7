"""A document as the attribution sees it: sentences with their quotes, speech cues and mentions,
and what it finds (`Found`: a quote, its speaker, and how the speaker was found)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.understand.attribute.cues import Cue, find_cues, find_mentions, find_persons
from bot.understand.attribute.nonspeech import is_nickname
from bot.understand.attribute.quotes import Span, find_spans, single_marks_quote
from bot.understand.attribute.sentences import Item, items, split


@dataclass(slots=True)
class Sentence:
    para: int  # running paragraph number in the document
    text: str
    spans: list[Span]
    items: list[Item]
    cues: list[Cue] = field(default_factory=list)
    mentions: list[tuple[int, str, bool]] = field(default_factory=list)  # (pos, label, is_subject)
    persons: set[str] = field(default_factory=set)  # names the sentence shows to be people


@dataclass(slots=True)
class Found:
    """A quote found in paragraph `para` of the document, with its speaker (or None)."""

    para: int
    span: Span
    text: str
    speaker: str | None
    scare: bool = False
    term: bool = False  # a quoted term (`a “solidarity pool”`): no quote unless someone said it before
    sentence: tuple[int, int] = (0, 0)  # the sentence's offsets in the paragraph
    how: str = "none"  # how the speaker was found (see `bot.understand.attribute.confidence`)
    confidence: float = 0.0


def to_sentences(paragraphs: list[str]) -> list[Sentence]:
    out = []
    singles = single_marks_quote(paragraphs)
    for pi, text in enumerate(paragraphs):
        spans = [s for s in find_spans(text, singles) if not is_nickname(text, s)]
        seq = items(text, spans)
        for part in split(text, spans, seq):
            sent = Sentence(pi, text, spans, part)
            sent.cues = find_cues(part)
            sent.mentions = find_mentions(part)
            sent.persons = find_persons(part, sent.mentions)
            out.append(sent)
    return out

"""Condense a section into 1-4 bullets that name each speaker and keep their words verbatim.

A bullet is either a sentence of the section itself (when it names everyone it quotes and is short)
or `Speaker: “key quote”`, the quote cut at a word boundary and marked with an ellipsis when long.
Every speaker quoted in the section appears in its block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understand.attribute.attribute import Found
from bot.understand.model import Bullet, Quote, Section

MAX_BULLETS = 4
DEFAULT_CAP = 45  # words per bullet
_OPEN, _CLOSE = "“", "”"
_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class _Unit:
    """One sentence of the section that holds attributed quotes."""

    text: str
    speakers: list[str]
    quotes: list[Quote]
    names_all: bool


def summarize(section: Section, quotes: list[tuple[Quote, Found]], cap: int = DEFAULT_CAP) -> list[Bullet]:
    attributed = [(q, f) for q, f in quotes if q.asserted_speaker]  # a guessed speaker is not stated
    if not attributed:
        return _lead_bullet(section, cap)
    units = _units(section, attributed)
    order = list(dict.fromkeys(q.speaker for q, _ in attributed))
    bullets: list[Bullet] = []
    covered: set[str] = set()
    for speaker in order:
        if speaker in covered:
            continue
        if len(bullets) == MAX_BULLETS - 1 and len([s for s in order if s not in covered]) > 1:
            rest = [s for s in order if s not in covered]
            bullets.append(_combined(rest, attributed, max(6, cap // len(rest))))
            break
        unit = _best_unit(units, speaker, covered, cap)
        if unit is not None:
            bullets.append(Bullet(unit.text, tuple(unit.speakers)))
            covered.update(unit.speakers)
        else:
            bullets.append(Bullet(_template(speaker, _key_quote(speaker, attributed), cap), (speaker,)))
            covered.add(speaker)
    return bullets


def _units(section: Section, attributed: list[tuple[Quote, Found]]) -> list[_Unit]:
    by_sentence: dict[tuple[int, tuple[int, int]], list[tuple[Quote, Found]]] = {}
    for q, f in attributed:
        by_sentence.setdefault((q.paragraph_index, f.sentence), []).append((q, f))
    units = []
    for (pi, (start, end)), members in by_sentence.items():
        text = section.paragraphs[pi][start:end]
        speakers = list(dict.fromkeys(q.speaker for q, _ in members))
        outside = _outside_quotes(section.paragraphs[pi], start, end, [q for q, _ in members])
        names_all = all(any(part in outside for part in s.split()) for s in speakers)
        balanced = text.count(_OPEN) == text.count(_CLOSE) and text.count('"') % 2 == 0
        if balanced:
            units.append(_Unit(text, speakers, [q for q, _ in members], names_all))
    return units


def _outside_quotes(text: str, start: int, end: int, quotes: list[Quote]) -> str:
    chars = list(text[start:end])
    for q in quotes:
        for i in range(max(q.start, start), min(q.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _best_unit(units: list[_Unit], speaker: str, covered: set[str], cap: int) -> _Unit | None:
    fitting = [u for u in units if speaker in u.speakers and u.names_all and len(u.text.split()) <= cap]
    if not fitting:
        return None
    return max(fitting, key=lambda u: (len(set(u.speakers) - covered), sum(len(q.text) for q in u.quotes)))


def _key_quote(speaker: str, attributed: list[tuple[Quote, Found]]) -> str:
    """The speaker's most substantial quote in the section."""
    return max((q.text for q, _ in attributed if q.speaker == speaker), key=lambda t: len(t.split()))


def _template(speaker: str, quote: str, cap: int) -> str:
    return f"{speaker}: {_OPEN}{_cut(quote, max(4, cap - len(speaker.split()) - 1))}{_CLOSE}"


def _combined(speakers: list[str], attributed: list[tuple[Quote, Found]], cap: int) -> Bullet:
    parts = [_template(s, _key_quote(s, attributed), cap) for s in speakers]
    return Bullet("; ".join(parts), tuple(speakers))


def _cut(text: str, max_words: int) -> str:
    """At most about `max_words` words, verbatim, ending at a clause break when one is near,
    with an ellipsis marking what was left out. A quote only a few words over is kept whole."""
    ends = [m.end() for m in _WORD.finditer(text)]
    if len(ends) <= max_words + 3:
        return text
    cut = ends[max_words - 1]
    for n in range(max_words, int(max_words * 0.6), -1):
        if text[ends[n - 1]:ends[n - 1] + 1] in (",", ";", ":", "—", "–"):
            cut = ends[n - 1]
            break
    return text[:cut].rstrip(" ,;:—–-") + " …"


def _lead_bullet(section: Section, cap: int) -> list[Bullet]:
    if not section.paragraphs:
        return []
    first = section.paragraphs[0]
    end = _first_sentence_end(first)
    sentence = first[:end].strip()
    if len(sentence.split()) > cap:
        sentence = _cut(sentence, cap)
    if sentence.count(_OPEN) != sentence.count(_CLOSE) or sentence.count('"') % 2:
        cut = max(sentence.rfind(_OPEN), sentence.rfind('"'))
        sentence = sentence[:cut].rstrip() + " …" if cut > 0 else sentence.replace(_OPEN, "").replace('"', "")
    return [Bullet(sentence)]


def _first_sentence_end(text: str) -> int:
    depth = 0
    for i, c in enumerate(text):
        if c == _OPEN:
            depth += 1
        elif c == _CLOSE:
            depth = max(0, depth - 1)
        elif c in ".!?" and depth == 0 and (i + 1 == len(text) or text[i + 1] == " ") and i > 20:
            return i + 1
    return len(text)

"""Condense each section into a short bullet block that names who said what, word for word.

A bullet is either a sentence of the section itself (when it names everyone it quotes and is short),
the section's lead sentence, or `Speaker: “key quote”`, the quote cut at a word boundary and marked
with an ellipsis when long. The rules hold for every document, with or without headings:

- at most `CAP` (45) words a bullet and 1–4 bullets a section; a text without headings that stays
  one section gets a budget that grows with its length;
- the first section opens with the document's lead sentence: the news itself;
- every person quoted appears with one of their quotes: in each section they are quoted in when
  the document has its own headings, once (where they are quoted most) when its sections were
  found by topic. When a block cannot hold them all, the most quoted come first;
- the digest stays within about 40% of the document's words.

A quote whose speaker is only a guess (`how == "guess"`) is never shown as said by anyone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.understand.attribute.attribute import Found
from bot.understand.model import Bullet, Quote, Section

MAX_BULLETS = 4
CAP = 45  # words a bullet, never more
DEFAULT_CAP = CAP
BUDGET_SHARE = 0.4  # of the document's words
MIN_BUDGET = 40
TIGHTER_CAPS = (35, 28, 22, 16, 12)
#: A text without headings that stays one section: one bullet per this many words, up to GROWN_MAX.
WORDS_PER_BULLET = 110
GROWN_MAX = 12
MIN_PART = 11  # words of one speaker's part in a shared bullet
MIN_LEAD_WORDS = 6  # shorter paragraphs (captions, labels, separators) never lead
SHORT_QUOTE = 4  # words: a quote this short says little without the words of its own sentence
_OPEN, _CLOSE = "“", "”"
_WORD = re.compile(r"\S+")
# 'WASHINGTON (Wire) — ', 'FLINT, Mich., Oct. 4 (Wire) — ': a dateline before the lead sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z.'’-]{2,}\b[^—–―]{0,60}?\s(?:—|–|―|--)\s+(?=\S)")

# 'Sen.', 'Mr.', 'U.S.', 'J.': a full stop that ends no sentence.
_ABBREVIATION = re.compile(r"^[(\[]?(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z]?)$")

Pair = tuple[Quote, Found]


@dataclass(slots=True)
class _Unit:
    """One sentence of the section that holds attributed quotes."""

    text: str
    speakers: list[str]
    quotes: list[Quote]
    names_all: bool
    pos: tuple[int, int]


@dataclass(slots=True)
class Plan:
    """What one section's block must hold."""

    speakers: list[str]  # the people to name, most important first
    lead: bool = False  # open with the section's lead sentence
    optional_lead: bool = False  # ... unless the budget is short (a briefing's lede with quotes)
    max_bullets: int = MAX_BULLETS
    fill: bool = False  # spare room goes to lead sentences (of the section, then of later paragraphs)


def asserted(q: Quote) -> bool:
    """A quote the digest may show as said by its speaker (never a guessed one)."""
    return bool(q.asserted_speaker)


def summarize(section: Section, quotes: list[Pair], cap: int = CAP, *, plan: Plan | None = None) -> list[Bullet]:
    """One section's block. Without a plan: every speaker quoted in the section, first quoted first."""
    attributed = [(q, f) for q, f in quotes if asserted(q)]
    if plan is None:
        plan = Plan(list(dict.fromkeys(q.speaker for q, _ in attributed if q.speaker)))
    return [b for _, b in sorted(_block(section, attributed, plan, cap), key=lambda x: x[0])]


def summarize_document(sections: list[Section], by_section: list[list[Pair]], *, topical: bool) -> None:
    """Write every section's bullets under the rules above. `topical`: the sections were found by
    topic (or the text has no headings at all), so each person is named once, not per section."""
    rank = _rank([p for pairs in by_section for p in pairs])
    plans = _plans(sections, by_section, rank, topical)
    words = sum(len(p.split()) for s in sections for p in s.paragraphs)
    budget = max(MIN_BUDGET, int(words * BUDGET_SHARE))
    # Quotes are shortened first, the lead sentence last; a briefing's lede may go without it.
    caps = [(cap, CAP) for cap in (CAP, *TIGHTER_CAPS)] + [(TIGHTER_CAPS[-1], cap) for cap in TIGHTER_CAPS[1:]]
    attempts = [(True, *c) for c in caps[:3]] if any(p.optional_lead for p in plans) else []
    attributed = [[p for p in pairs if asserted(p[0])] for pairs in by_section]
    units = [_units(s, pairs) for s, pairs in zip(sections, attributed, strict=False)]
    for optional, cap, lead_cap in attempts + [(False, *c) for c in caps]:
        blocks = [
            _block(s, pairs, plan, cap, optional, lead_cap, u)
            for s, pairs, plan, u in zip(sections, attributed, plans, units, strict=False)
        ]
        if _words(blocks) <= budget:
            break
    _trim(blocks, budget, rank)
    _fill(sections, blocks, plans, budget, lead_cap)
    for section, block in zip(sections, blocks, strict=False):
        section.bullets = [b for _, b in sorted(block, key=lambda x: x[0])]


# ---------------------------------------------------------------------------------------------
# planning


def _rank(pairs: list[Pair]) -> dict[str, int]:
    """Speakers by importance: the most quoted first, then the first quoted."""
    counts = Counter(q.speaker for q, _ in pairs if asserted(q))
    order = list(dict.fromkeys(q.speaker for q, _ in pairs if asserted(q)))
    ranked = sorted(order, key=lambda s: (-counts[s], order.index(s)))
    return {s: i for i, s in enumerate(ranked) if s}


def _plans(sections: list[Section], by_section: list[list[Pair]], rank: dict[str, int], topical: bool) -> list[Plan]:
    here = [Counter(q.speaker for q, _ in pairs if asserted(q)) for pairs in by_section]
    home = {s: max(range(len(sections)), key=lambda i: (here[i][s], -i)) for s in rank}
    plans = []
    for i, section in enumerate(sections):
        people = [s for s in rank if (home[s] == i if topical else here[i][s])]
        grown = MAX_BULLETS
        if topical and len(sections) == 1:
            words = sum(len(p.split()) for p in section.paragraphs)
            grown = max(MAX_BULLETS, min(GROWN_MAX, words // WORDS_PER_BULLET))
        lead = i == 0 or not people
        plans.append(
            Plan(people, lead, optional_lead=lead and bool(people) and not topical, max_bullets=grown, fill=topical)
        )
    return plans


# ---------------------------------------------------------------------------------------------
# one block


def _block(
    section: Section,
    attributed: list[Pair],
    plan: Plan,
    cap: int,
    optional: bool = True,
    lead_cap: int = CAP,
    units: list[_Unit] | None = None,
) -> list[tuple[tuple[int, int], Bullet]]:
    units = _units(section, attributed) if units is None else units
    items: list[tuple[tuple[int, int], Bullet]] = []
    covered: set[str] = set()
    if (plan.lead and (optional or not plan.optional_lead)) or not plan.speakers:
        lead = _lead(section, units, lead_cap)
        if lead is not None:
            items.append(lead)
            covered.update(lead[1].speakers)
    todo = [s for s in plan.speakers if s not in covered]
    while todo and len(items) < plan.max_bullets:
        if len(todo) > 1 and len(items) == plan.max_bullets - 1:
            items.append(_shared(todo, attributed, cap, units))
            break
        speaker = todo[0]
        unit = _best_unit(units, speaker, covered, cap)
        if unit is not None:
            items.append((unit.pos, Bullet(unit.text, tuple(unit.speakers))))
            covered.update(unit.speakers)
        else:
            quote = _key_quote(speaker, attributed, cap - len(speaker.split()))
            around = _around(units, quote, cap) if len(quote.text.split()) <= SHORT_QUOTE else None
            text = around if around else _template(speaker, quote.text, cap)
            items.append(((quote.paragraph_index, quote.start), Bullet(text, (speaker,))))
            covered.add(speaker)
        todo = [s for s in todo if s not in covered]
    return items


def _units(section: Section, attributed: list[Pair]) -> list[_Unit]:
    by_sentence: dict[tuple[int, tuple[int, int]], list[Pair]] = {}
    for q, f in attributed:
        by_sentence.setdefault((q.paragraph_index, f.sentence), []).append((q, f))
    units = []
    for (pi, (start, end)), members in by_sentence.items():
        if pi >= len(section.paragraphs):
            continue
        text = section.paragraphs[pi][start:end]
        speakers = list(dict.fromkeys(q.speaker for q, _ in members if q.speaker))
        outside = _outside_quotes(section.paragraphs[pi], start, end, [q for q, _ in members])
        names_all = all(any(part in outside for part in s.split()) for s in speakers)
        if _balanced(text):
            units.append(_Unit(text, speakers, [q for q, _ in members], names_all, (pi, start)))
    return units


def _outside_quotes(text: str, start: int, end: int, quotes: list[Quote]) -> str:
    out = text[start:end]
    for q in quotes:
        a, b = max(q.start, start) - start, min(q.end, end) - start
        if a < b:
            out = out[:a] + " " * (b - a) + out[b:]
    return out


def _best_unit(units: list[_Unit], speaker: str, covered: set[str], cap: int) -> _Unit | None:
    fitting = [u for u in units if speaker in u.speakers and u.names_all and len(u.text.split()) <= cap]
    if not fitting:
        return None
    return max(fitting, key=lambda u: (len(set(u.speakers) - covered), sum(len(q.text) for q in u.quotes)))


def _around(units: list[_Unit], quote: Quote, cap: int) -> str | None:
    """A short quote in the words of its sentence, up to the quote (cut after it when the sentence
    is longer than `cap`), when that names its speaker: `Lee called the plan “dead on arrival” …`
    rather than `Lee: “dead on arrival”`."""
    unit = next((u for u in units if quote in u.quotes and u.names_all), None)
    if unit is None or quote.speaker is None:
        return None
    end = quote.end - unit.pos[1]
    while end < len(unit.text) and unit.text[end] in _CLOSE + '"’':
        end += 1
    words = [m.end() for m in _WORD.finditer(unit.text)]
    if len(words) <= cap:
        text = unit.text
    else:
        upto = next((i for i, w in enumerate(words) if w >= end), len(words))
        if upto + 2 > cap:
            return None
        text = unit.text[: words[upto]].rstrip(" ,;:—–-") + " …"
    named = _outside_quotes(text, 0, len(text), [q for q in unit.quotes if q.end - unit.pos[1] <= len(text)])
    if not _balanced(text) or not any(part in named for part in quote.speaker.split()):
        return None
    return text


def _key_quote(speaker: str, attributed: list[Pair], room: int) -> Quote:
    """The speaker's most substantial quote in the section, whole when one of some length fits."""
    quotes = [q for q, _ in attributed if q.speaker == speaker]
    longest = max(quotes, key=lambda q: len(q.text.split()))
    fitting = [q for q in quotes if len(q.text.split()) <= room]
    best = max(fitting, key=lambda q: len(q.text.split()), default=None)
    if best is not None and len(best.text.split()) >= min(8, len(longest.text.split())):
        return best
    return longest


def _template(speaker: str, quote: str, cap: int) -> str:
    room = max(3, cap - len(speaker.split()))
    return f"{speaker}: {_OPEN}{_cut(quote, room, grace=max(0, min(3, CAP - cap)))}{_CLOSE}"


def _shared(
    speakers: list[str], attributed: list[Pair], cap: int, units: list[_Unit]
) -> tuple[tuple[int, int], Bullet]:
    """One bullet for several speakers, the most important first, as many as fit in `cap` words."""
    n = max(1, min(len(speakers), cap // MIN_PART))
    while True:
        chosen = speakers[:n]
        share = cap // n - 1  # words of each part, the joining ';' included
        parts, positions = [], []
        for s in chosen:
            quote = _key_quote(s, attributed, share - len(s.split()))
            around = _around(units, quote, share) if len(quote.text.split()) <= SHORT_QUOTE else None
            parts.append(around.rstrip(".") if around else _template(s, quote.text, share))
            positions.append((quote.paragraph_index, quote.start))
        text = "; ".join(parts)
        if len(text.split()) <= cap or n == 1:
            return min(positions), Bullet(text, tuple(chosen))
        n -= 1


def _cut(text: str, max_words: int, grace: int = 3) -> str:
    """At most about `max_words` words, verbatim, ending at a clause break when one is near,
    with an ellipsis marking what was left out. A quote `grace` words over is kept whole."""
    ends = [m.end() for m in _WORD.finditer(text)]
    if len(ends) <= max_words + grace:
        return text
    max_words = max(1, max_words - 1)  # room for the ellipsis
    cut = ends[max_words - 1]
    for n in range(max_words, int(max_words * 0.6), -1):
        if text[ends[n - 1] : ends[n - 1] + 1] in (",", ";", ":", "—", "–"):
            cut = ends[n - 1]
            break
    return text[:cut].rstrip(" ,;:—–-") + " …"


# ---------------------------------------------------------------------------------------------
# lead sentences


def _lead(
    section: Section, units: list[_Unit], cap: int, paragraph: int | None = None
) -> tuple[tuple[int, int], Bullet] | None:
    """The first sentence of the section's first real paragraph (or of `paragraph`)."""
    indexes = [paragraph] if paragraph is not None else range(len(section.paragraphs))
    for pi in indexes:
        text = section.paragraphs[pi]
        if len(text.split()) < MIN_LEAD_WORDS and (paragraph is not None or pi + 1 < len(section.paragraphs)):
            continue
        end = _first_sentence_end(text)
        unit = next(
            (u for u in units if u.pos == (pi, 0) and u.names_all and u.text.strip() == text[:end].strip()), None
        )
        if unit is not None and len(unit.text.split()) <= cap:
            return (pi, -1), Bullet(unit.text, tuple(unit.speakers))
        m = _DATELINE.match(text)
        sentence = text[m.end() if m and m.end() < end else 0 : end].strip()
        if len(sentence.split()) > cap:
            sentence = _cut(sentence, cap, grace=0)
        if not _balanced(sentence):
            cut = max(sentence.rfind(_OPEN), sentence.rfind('"'))
            sentence = sentence[:cut].rstrip() + " …" if cut > 0 else sentence.replace(_OPEN, "").replace('"', "")
        if sentence.strip(" …"):
            return (pi, -1), Bullet(sentence)
        if paragraph is not None:
            return None
    return None


def _first_sentence_end(text: str) -> int:
    depth = 0
    for i, c in enumerate(text):
        if c == _OPEN:
            depth += 1
        elif c == _CLOSE:
            depth = max(0, depth - 1)
        elif c in ".!?" and depth == 0 and (i + 1 == len(text) or text[i + 1] == " "):
            before = text[:i].rsplit(" ", 1)[-1]
            if c != "." or not _ABBREVIATION.match(before) and (i > 20 or before.islower()):
                return i + 1
    return len(text)


def _balanced(text: str) -> bool:
    return text.count(_OPEN) == text.count(_CLOSE) and text.count('"') % 2 == 0


# ---------------------------------------------------------------------------------------------
# the budget


def _words(blocks: Sequence[list[tuple[tuple[int, int], Bullet]]]) -> int:
    return sum(len(b.text.split()) for block in blocks for _, b in block)


def _trim(blocks: list[list[tuple[tuple[int, int], Bullet]]], budget: int, rank: dict[str, int]) -> None:
    """Over budget even with short bullets: drop the least important bullets, keeping one a
    section and every lead of a first section. A bullet whose people are all named in another
    bullet goes first, so that nobody quoted drops out of the digest while a repeat stays."""

    def weight(item: tuple[tuple[int, int], Bullet]) -> tuple[bool, float]:
        speakers = item[1].speakers
        repeat = bool(speakers) and all(named[s] > 1 for s in speakers)
        return repeat, min((rank.get(s, len(rank)) for s in speakers), default=len(rank) + 1)

    used = _words(blocks)
    while used > budget:
        named = Counter(s for block in blocks for _, bullet in block for s in bullet.speakers)
        droppable = [
            (weight(item), bi, ii)
            for bi, block in enumerate(blocks)
            if len(block) > 1
            for ii, item in enumerate(block)
            if not (bi == 0 and item[0][1] == -1)
        ]
        if not droppable:
            return
        _, bi, ii = max(droppable)
        used -= len(blocks[bi].pop(ii)[1].text.split())


def _fill(
    sections: list[Section],
    blocks: list[list[tuple[tuple[int, int], Bullet]]],
    plans: list[Plan],
    budget: int,
    cap: int,
) -> None:
    """Spare room in a text without headings: the lead sentence of a section that has none, then
    (in a text that stays one section) the lead sentences of paragraphs spread over it."""
    used = _words(blocks)
    for section, block, plan in zip(sections, blocks, plans, strict=False):
        if not plan.fill:
            continue
        taken = {pos[0] for pos, _ in block}
        candidates: list[int | None] = [None] if not any(pos[1] == -1 for pos, _ in block) else []
        if len(sections) == 1:
            n = len(section.paragraphs)
            step = max(1, n // max(1, plan.max_bullets))
            candidates += list(range(step, n, step))
        for pi in candidates:
            if len(block) >= plan.max_bullets:
                break
            if pi in taken:
                continue
            lead = _lead(section, [], cap, paragraph=pi)
            if lead is None or lead[0][0] in taken or used + len(lead[1].text.split()) > budget:
                continue
            block.append(lead)
            taken.add(lead[0][0])
            used += len(lead[1].text.split())

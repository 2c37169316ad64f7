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
_TURN_LABEL = re.compile(r"[A-Z][A-Z.'’ -]{1,40}:\s+(?=\S)")  # `PENCE: ` opening a transcript turn
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
    words: int  # of `text` (0 when it does not name all its speakers: never a bullet)
    weight: int  # characters quoted (likewise)
    item: tuple[tuple[int, int], Bullet] | None = None  # the unit as a bullet, with its place, once made


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
    return [b for _, b in sorted(_Material(section, attributed, plan).block(cap), key=lambda x: x[0])]


def summarize_document(sections: list[Section], by_section: list[list[Pair]], *, topical: bool) -> None:
    """Write every section's bullets under the rules above. `topical`: the sections were found by
    topic (or the text has no headings at all), so each person is named once, not per section."""
    attributed = [[p for p in pairs if asserted(p[0])] for pairs in by_section]
    rank = _rank([p for pairs in attributed for p in pairs])
    plans = _plans(sections, attributed, rank, topical)
    words = sum(len(p.split()) for s in sections for p in s.paragraphs)
    budget = max(MIN_BUDGET, int(words * BUDGET_SHARE))
    # Quotes are shortened first, the lead sentence last; a briefing's lede may go without it.
    caps = [(cap, CAP) for cap in (CAP, *TIGHTER_CAPS)] + [(TIGHTER_CAPS[-1], cap) for cap in TIGHTER_CAPS[1:]]
    attempts = [(True, *c) for c in caps[:3]] if any(p.optional_lead for p in plans) else []
    materials = [_Material(s, pairs, plan) for s, pairs, plan in zip(sections, attributed, plans, strict=False)]
    # Each try only sums the words of blocks cached by what they depend on; the blocks are built once.
    for optional, cap, lead_cap in attempts + [(False, *c) for c in caps]:
        if _fits(materials, budget, cap, optional, lead_cap):
            break
    blocks = [m.block(cap, optional, lead_cap) for m in materials]
    used = sum(m.words(cap, optional, lead_cap) or 0 for m in materials)
    used = _trim(blocks, budget, rank, used)
    _fill(sections, blocks, plans, budget, lead_cap, used)
    for section, block in zip(sections, blocks, strict=False):
        section.bullets = [b for _, b in sorted(block, key=lambda x: x[0])]


def _fits(materials: list[_Material], budget: int, cap: int, optional: bool, lead_cap: int) -> bool:
    """Whether the blocks for these settings stay within `budget` words. Blocks already built count
    first and the others are built (the most people first) only until the budget is overrun."""
    used, unknown = 0, []
    for m in materials:
        n = m.words(cap, optional, lead_cap, build=False)
        if n is None:
            unknown.append(m)
        else:
            used += n
    if used > budget:
        return False
    for m in sorted(unknown, key=lambda m: -m.last):
        used += m.words(cap, optional, lead_cap) or 0
        if used > budget:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# planning


def _rank(attributed: list[Pair]) -> dict[str, int]:
    """Speakers by importance: the most quoted first, then the first quoted."""
    counts = Counter(q.speaker for q, _ in attributed)
    order = list(counts)  # in the order first quoted
    ranked = sorted(order, key=lambda s: -counts[s])  # stable: the first quoted first among equals
    return {s: i for i, s in enumerate(ranked) if s}


def _plans(sections: list[Section], attributed: list[list[Pair]], rank: dict[str, int], topical: bool) -> list[Plan]:
    here = [Counter(q.speaker for q, _ in pairs) for pairs in attributed]
    home: dict[str | None, int] = {}  # where each is quoted most, the first such section
    for i, counts in enumerate(here):
        for s, n in counts.items():
            if s not in home or n > here[home[s]][s]:
                home[s] = i
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

Item = tuple[tuple[int, int], Bullet]


class _Material:
    """One section's quotes and quoting sentences, indexed once, and the pieces of its block
    cached by what they depend on: the block is tried at several caps, most pieces recur."""

    __slots__ = (
        "_by_speaker",
        "_ends",
        "_fitting",
        "_key",
        "_leads",
        "_parts",
        "_qwords",
        "_rests",
        "_spoken",
        "_unit_of",
        "_units_of",
        "_whole",
        "last",
        "plan",
        "section",
        "units",
    )

    def __init__(self, section: Section, attributed: list[Pair], plan: Plan) -> None:
        self.section = section
        self.plan = plan
        self.units = _units(section, attributed)
        self.last = len(plan.speakers)  # the words of the block last built: the next is about as long
        self._by_speaker: dict[str, list[Quote]] = {}
        self._qwords: dict[int, int] = {}
        for q, _ in attributed:
            self._qwords[id(q)] = len(q.text.split())
            if q.speaker:
                self._by_speaker.setdefault(q.speaker, []).append(q)
        self._unit_of: dict[int, _Unit] = {}
        self._units_of: dict[str, list[_Unit]] = {}
        for u in self.units:
            if u.names_all:
                for q in u.quotes:
                    self._unit_of.setdefault(id(q), u)
                for s in u.speakers:
                    self._units_of.setdefault(s, []).append(u)
        self._leads: dict[int, tuple[Item | None, int]] = {}
        self._rests: dict[tuple[int, bool, tuple[str, ...]], tuple[list[Item], int]] = {}
        self._key: dict[tuple[str, int], Quote] = {}
        self._fitting: dict[tuple[str, int], list[_Unit]] = {}
        self._spoken: dict[tuple[str, int], tuple[Item, int]] = {}
        self._whole: dict[int, tuple[Item, int]] = {}
        self._ends: dict[int, list[int]] = {}  # where each word of a quote ends
        self._parts: dict[tuple[tuple[str, ...], int], tuple[Item, int]] = {}

    def _lead_on(self, optional: bool) -> bool:
        plan = self.plan
        return (plan.lead and (optional or not plan.optional_lead)) or not plan.speakers

    def _lead(self, lead_cap: int) -> tuple[Item | None, int]:
        got = self._leads.get(lead_cap)
        if got is None:
            lead = _lead(self.section, self.units, lead_cap)
            got = self._leads[lead_cap] = (lead, len(lead[1].text.split()) if lead else 0)
        return got

    def _rest(self, cap: int, lead: Item | None) -> tuple[list[Item], int]:
        key = (cap, lead is not None, lead[1].speakers if lead else ())
        got = self._rests.get(key)
        if got is None:
            got = self._rests[key] = self._build(cap, lead)
            self.last = got[1]
        return got

    def words(self, cap: int, optional: bool = True, lead_cap: int = CAP, *, build: bool = True) -> int | None:
        """The words of the block `block` gives for these settings (None when not built yet and not `build`)."""
        lead, n = self._lead(lead_cap) if self._lead_on(optional) else (None, 0)
        if not build:
            rest = self._rests.get((cap, lead is not None, lead[1].speakers if lead else ()))
            return None if rest is None else n + rest[1]
        return n + self._rest(cap, lead)[1]

    def block(self, cap: int, optional: bool = True, lead_cap: int = CAP) -> list[Item]:
        """The bullets (with the place each stands for) that name the plan's speakers in `cap` words each."""
        lead = self._lead(lead_cap)[0] if self._lead_on(optional) else None
        return ([lead] if lead else []) + self._rest(cap, lead)[0]

    def _build(self, cap: int, lead: Item | None) -> tuple[list[Item], int]:
        plan = self.plan
        items: list[Item] = []
        words = 0
        covered: set[str] = set(lead[1].speakers) if lead else set()
        count = 1 if lead else 0
        todo = [s for s in plan.speakers if s not in covered]
        while todo and count < plan.max_bullets:
            if len(todo) > 1 and count == plan.max_bullets - 1:
                item, n = self._shared(todo, cap)
                items.append(item)
                return items, words + n
            speaker = todo[0]
            unit = self._best_unit(speaker, covered, cap) if speaker in self._units_of else None
            if unit is not None:
                if unit.item is None:
                    unit.item = (unit.pos, Bullet(unit.text, tuple(unit.speakers)))
                items.append(unit.item)
                words += unit.words
                covered.update(unit.speakers)
                todo = [s for s in todo if s not in covered]
            else:
                item, n = self._spoken_part(speaker, cap)
                items.append(item)
                words += n
                covered.add(speaker)
                del todo[0]
            count += 1
        return items, words

    def _best_unit(self, speaker: str, covered: set[str], cap: int) -> _Unit | None:
        fitting = self._fitting.get((speaker, cap))
        if fitting is None:
            fitting = self._fitting[(speaker, cap)] = [u for u in self._units_of[speaker] if u.words <= cap]
        if len(fitting) < 2:
            return fitting[0] if fitting else None
        return max(fitting, key=lambda u: (len(set(u.speakers) - covered), u.weight))

    def _key_quote(self, speaker: str, room: int) -> Quote:
        """The speaker's most substantial quote in the section, whole when one of some length fits."""
        got = self._key.get((speaker, room))
        if got is None:
            words = self._qwords
            longest, most, best, fits = None, -1, None, -1  # the first of the most words (that fit)
            for q in self._by_speaker[speaker]:
                n = words[id(q)]
                if n > most:
                    longest, most = q, n
                if fits < n <= room:
                    best, fits = q, n
            assert longest is not None
            got = best if best is not None and fits >= min(8, most) else longest
            self._key[(speaker, room)] = got
        return got

    def _spoken_part(self, speaker: str, cap: int) -> tuple[Item, int]:
        """The speaker's key quote in at most `cap` words: in the words of its sentence when short,
        else `Speaker: “quote”`; with the place it stands for and its words."""
        got = self._spoken.get((speaker, cap))
        if got is None:
            ns = len(speaker.split())
            quote = self._key_quote(speaker, cap - ns)
            qwords = self._qwords[id(quote)]
            unit = self._unit_of.get(id(quote)) if qwords <= SHORT_QUOTE else None
            text = _around(unit, quote, cap) if unit is not None else None
            if text is None and qwords <= max(3, cap - ns) + max(0, min(3, CAP - cap)):
                whole = self._whole.get(id(quote))  # short enough to be kept whole at this cap
                if whole is None:
                    text = _template(speaker, quote.text, cap)
                    whole = self._whole[id(quote)] = (
                        ((quote.paragraph_index, quote.start), Bullet(text, (speaker,))),
                        len(text.split()),
                    )
                got = whole
            else:
                if text is None:
                    ends = self._ends.get(id(quote))
                    if ends is None:
                        ends = self._ends[id(quote)] = [m.end() for m in _WORD.finditer(quote.text)]
                    text = _template(speaker, quote.text, cap, ends)
                got = (((quote.paragraph_index, quote.start), Bullet(text, (speaker,))), len(text.split()))
            self._spoken[(speaker, cap)] = got
        return got

    def _shared(self, speakers: list[str], cap: int) -> tuple[Item, int]:
        """One bullet for several speakers, the most important first, as many as fit in `cap` words."""
        n = max(1, min(len(speakers), cap // MIN_PART))
        key = (tuple(speakers[:n]), cap)  # those after the first n never make it in
        got = self._parts.get(key)
        if got is not None:
            return got
        if n == 1:  # one speaker's part alone, as a bullet of its own
            (pos, bullet), words = self._spoken_part(speakers[0], cap - 1)
            text = bullet.text.rstrip(".")
            if text != bullet.text:
                bullet, words = Bullet(text, bullet.speakers), len(text.split())
            got = self._parts[key] = ((pos, bullet), words)
            return got
        while True:
            chosen = speakers[:n]
            share = cap // n - 1  # words of each part, the joining ';' included
            parts: list[str] = []
            positions = []
            for s in chosen:
                (pos, bullet), _ = self._spoken_part(s, share)
                part = bullet.text.rstrip(".")  # a `Speaker: “...”` part ends with its quote mark
                if parts and part.startswith(s[:1].upper() + s[1:] + ":"):
                    part = s[:1] + part[1:]  # `…; the designer: “...”`: a capital only opens the line
                parts.append(part)
                positions.append(pos)
            text = "; ".join(parts)
            words = len(text.split())
            if words <= cap or n == 1:
                got = self._parts[key] = ((min(positions), Bullet(text, tuple(chosen))), words)
                return got
            n -= 1


def _units(section: Section, attributed: list[Pair]) -> list[_Unit]:
    by_sentence: dict[tuple[int, tuple[int, int]], list[Quote]] = {}
    for q, f in attributed:
        by_sentence.setdefault((q.paragraph_index, f.sentence), []).append(q)
    units = []
    paragraphs = section.paragraphs
    for (pi, (start, end)), quotes in by_sentence.items():
        if pi >= len(paragraphs):
            continue
        text = paragraphs[pi][start:end]
        if not _balanced(text):
            continue
        speakers = list(dict.fromkeys(q.speaker for q in quotes if q.speaker))
        outside = _outside_quotes(paragraphs[pi], start, end, quotes)
        names_all = True
        for s in speakers:
            if not any(part in outside for part in _naming_words(s)):
                names_all = False
                break
        words, weight = (len(text.split()), sum(len(q.text) for q in quotes)) if names_all else (0, 0)
        pos = (pi, start)
        units.append(_Unit(text, speakers, quotes, names_all, pos, words, weight))
    return units


def _outside_quotes(text: str, start: int, end: int, quotes: list[Quote]) -> str:
    out = text[start:end]
    for q in quotes:
        a, b = max(q.start, start) - start, min(q.end, end) - start
        if a < b:
            out = out[:a] + " " * (b - a) + out[b:]
    return out


def _around(unit: _Unit, quote: Quote, cap: int) -> str | None:
    """A short quote in the words of its sentence `unit`, up to the quote (cut after it when the
    sentence is longer than `cap`), when that names its speaker: `Lee called the plan “dead on
    arrival” …` rather than `Lee: “dead on arrival”`."""
    if quote.speaker is None:
        return None
    end = quote.end - unit.pos[1]
    while end < len(unit.text) and unit.text[end] in _CLOSE + '"’':
        end += 1
    if unit.words <= cap:
        text = unit.text
    else:
        words = [m.end() for m in _WORD.finditer(unit.text)]
        upto = next((i for i, w in enumerate(words) if w >= end), len(words))
        if upto + 2 > cap:
            return None
        text = unit.text[: words[upto]].rstrip(" ,;:—–-") + " …"
    named = _outside_quotes(text, 0, len(text), [q for q in unit.quotes if q.end - unit.pos[1] <= len(text)])
    if not _balanced(text) or not any(part in named for part in _naming_words(quote.speaker)):
        return None
    return text


#: Words of a described speaker (`a spokesman for the mill`) that do not show the text names it.
_GLUE_WORDS = frozenset(
    "a an the one another some several many other his her their its our of for to at in from with on and".split()
)


def _naming_words(speaker: str) -> list[str]:
    """The words of a speaker label that show a sentence names the speaker: all of a name's, a
    description's without its articles and prepositions."""
    return [w for w in speaker.split() if w not in _GLUE_WORDS]


def _template(speaker: str, quote: str, cap: int, ends: list[int] | None = None) -> str:
    label = _TURN_LABEL.match(quote)
    if label and label.end() < len(quote):  # a transcript turn: `Speaker: “PENCE: …”` says it twice
        quote = quote[label.end() :]
        ends = [e - label.end() for e in ends if e > label.end()] if ends is not None else None
    room = max(3, cap - len(speaker.split()))
    speaker = speaker[:1].upper() + speaker[1:]  # `a spokesman for the mill` opens the line
    return f"{speaker}: {_OPEN}{_cut(quote, room, grace=max(0, min(3, CAP - cap)), ends=ends)}{_CLOSE}"


def _cut(text: str, max_words: int, grace: int = 3, ends: list[int] | None = None) -> str:
    """At most about `max_words` words, verbatim, ending at a clause break when one is near,
    with an ellipsis marking what was left out. A quote `grace` words over is kept whole.
    `ends`: where each word of `text` ends, when known."""
    if ends is None:
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
            if cut <= 0:  # it opens (or ends) a quote that goes on: quoted words are never narrative
                if paragraph is not None:
                    return None
                continue
            sentence = sentence[:cut].rstrip() + " …"
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


def _trim(blocks: list[list[tuple[tuple[int, int], Bullet]]], budget: int, rank: dict[str, int], used: int) -> int:
    """Over budget even with short bullets: drop the least important bullets, keeping one a
    section and every lead of a first section. A bullet whose people are all named in another
    bullet goes first, so that nobody quoted drops out of the digest while a repeat stays."""

    def weight(item: tuple[tuple[int, int], Bullet]) -> tuple[bool, float]:
        speakers = item[1].speakers
        repeat = bool(speakers) and all(named[s] > 1 for s in speakers)
        return repeat, min((rank.get(s, len(rank)) for s in speakers), default=len(rank) + 1)

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
            return used
        _, bi, ii = max(droppable)
        used -= len(blocks[bi].pop(ii)[1].text.split())
    return used


def _fill(
    sections: list[Section],
    blocks: list[list[tuple[tuple[int, int], Bullet]]],
    plans: list[Plan],
    budget: int,
    cap: int,
    used: int,
) -> None:
    """Spare room in a text without headings: the lead sentence of a section that has none, then
    (in a text that stays one section) the lead sentences of paragraphs spread over it."""
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

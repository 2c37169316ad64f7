"""Split a long text without headings into the few topical sections a reader would see.

A news article, a press release or a speech comes as one run of paragraphs. Its sections are
found by lexical cohesion between paragraphs (TextTiling, Hearst 1997), with the people quoted in
a paragraph counted as words of it: a boundary falls where the words and the speakers before a
gap differ most from those after it. Short texts, and texts whose words never change enough, stay
one section. Each new section is headed by a short phrase of its own words, the one most particular
to it ("Federal appeals court", "Wells Fargo"), never a word that is not in the text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from bot.understand.model import Section

SPLIT_MIN_WORDS = 350  # a shorter text stays one section
WORDS_PER_SECTION = 260  # about one section per this many words
MAX_SECTIONS = 6
MIN_SECTION_WORDS = 110
MIN_SECTION_PARAGRAPHS = 2
WINDOW = 3  # paragraphs compared on each side of a gap
MIN_DEPTH = 0.12  # a valley shallower than this is no boundary
SPEAKER_WEIGHT = 3
HEADING_MAX_WORDS = 4
WORD_CACHE = 1 << 14  # words whose tests are remembered (bounded: a long-running bot reads many)

_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|[A-Za-z]")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|\w+")
# Runs of words between punctuation: the candidate heading phrases are cut from these.
_CHUNK = re.compile(r"[^.,;:!?()\[\]“”\"—–…]+")
_QUOTED_OR_TAG = re.compile(r"“[^”]*”|\"[^\"]*\"|<[^<>]*>")
# A paragraph that leans on the one before it: no section starts there.
_LEANS_BACK = re.compile(
    r"^(?:[“\"]?(?:he|she|they|it|his|her|their|its|this|that|these|those|also|and|but|so)\b|[a-z])"
)
STOPWORDS = frozenset(
    """a about above according across after again against ago ahead all almost along already also although always
    am among an and another any anyone anything are around as at away back be became because become been before
    being below between both but by can cannot could day days did do does doing done down during each either
    else even ever every few first for former from further get gets getting go going gone got had has have
    having he her here hers herself him himself his how however i if in including into is it its itself just
    last late later least less let like likely made make makes making many may me meanwhile might more most
    mr mrs ms much must my near nearly need never new next no nor not now of off often on once one only onto
    or other others otherwise our ours out over own part per perhaps put rather really said same say saying
    says see seen several she should since so some someone something soon still such take than that the their
    theirs them themselves then there these they thing things this those though three through thus to today
    told too toward towards two under until up upon us very via was way we week weeks well were what when
    where whether which while who whom whose why will with within without would year years yet you your
    yesterday tuesday monday wednesday thursday friday saturday sunday added asked called added noted told
    tells according statement interview percent people time times
    """.split()
)


def needs_split(sections: Sequence[Section]) -> bool:
    """A text with no headings, or whose only headed section holds most of it, and long enough."""
    headed = [s for s in sections if s.heading]
    words = [_words_in(s) for s in sections]
    total = sum(words)
    if total < SPLIT_MIN_WORDS or len(headed) > 1:
        return False
    return not headed or max(words) >= 0.75 * total


def split_topics(sections: list[Section], speakers: Sequence[set[str]]) -> list[Section]:
    """The sections with the long one cut at its topic changes; `speakers[i]` are the people quoted
    in paragraph i of the whole text (in reading order). Paragraphs keep their order and text."""
    out: list[Section] = []
    offset = 0
    longest = max(range(len(sections)), key=lambda i: _words_in(sections[i]))
    for i, section in enumerate(sections):
        n = len(section.paragraphs)
        if i != longest:
            out.append(section)
        else:
            out += _split_one(section, speakers[offset : offset + n])
        offset += n
    return out


def _split_one(section: Section, speakers: Sequence[set[str]]) -> list[Section]:
    paras = section.paragraphs
    cuts = boundaries(paras, speakers)
    if not cuts:
        return [section]
    spans = list(zip([0, *cuts], [*cuts, len(paras)], strict=False))
    bags = [_bag(paras[a:b]) for a, b in spans]
    out = []
    for k, (a, b) in enumerate(spans):
        heading = section.heading if k == 0 else heading_for(paras[a:b], bags[k], bags[:k] + bags[k + 1 :])
        out.append(Section(heading, paras[a:b]))
    return out


def boundaries(paragraphs: Sequence[str], speakers: Sequence[set[str]]) -> list[int]:
    """Indexes of the paragraphs that start a new section (sorted; empty when no split is natural)."""
    lengths = [len(p.split()) for p in paragraphs]
    total = sum(lengths)
    want = min(MAX_SECTIONS, max(2, round(total / WORDS_PER_SECTION))) - 1
    if total < SPLIT_MIN_WORDS or len(paragraphs) < 2 * MIN_SECTION_PARAGRAPHS:
        return []
    vectors = [_vector(p, s) for p, s in zip(paragraphs, speakers, strict=False)]
    gaps = _similarities(vectors)  # gaps[g-1]: before paragraph g
    depth = _depths(gaps)
    prefix = [0]
    for n in lengths:
        prefix.append(prefix[-1] + n)
    chosen: list[int] = []
    for g in sorted(range(1, len(paragraphs)), key=lambda g: -depth[g - 1]):
        if len(chosen) == want or depth[g - 1] < MIN_DEPTH:
            break
        if _LEANS_BACK.match(paragraphs[g]) or _continues_quote(paragraphs[g - 1]):
            continue
        edges = sorted([0, *chosen, g, len(paragraphs)])
        if all(
            b - a >= MIN_SECTION_PARAGRAPHS and prefix[b] - prefix[a] >= MIN_SECTION_WORDS
            for a, b in zip(edges, edges[1:], strict=False)
        ):
            chosen.append(g)
    return sorted(chosen)


def heading_for(paragraphs: Sequence[str], bag: Counter[str], others: Sequence[Counter[str]]) -> str:
    """The phrase of up to four words most particular to these paragraphs, as it stands in them:
    its words frequent here and rare in the other sections, found early in the section."""
    elsewhere: Counter[str] = Counter()
    for other in others:
        elsewhere.update(other)
    seen: Counter[str] = Counter()
    first: dict[str, tuple[int, list[str]]] = {}
    for pi, paragraph in enumerate(paragraphs):
        for chunk in _CHUNK.findall(_unquoted(paragraph)):
            for phrase in _phrases(_TOKEN.findall(chunk)):
                key = " ".join(_key(w) for w in phrase)
                seen[key] += 1
                first.setdefault(key, (pi, phrase))
    best: tuple[float, str] | None = None
    for key, (pi, phrase) in first.items():
        keys = key.split()
        weight = sum(bag[k] / (1 + elsewhere[k]) for k in keys) / len(keys) ** 0.5
        score = weight * (1 + math.log(seen[key])) * (1.5 if pi == 0 else 1.0)
        if best is None or score > best[0]:
            best = (score, " ".join(phrase))
    if best is None:
        return " ".join(paragraphs[0].split()[:HEADING_MAX_WORDS])
    return best[1][0].upper() + best[1][1:]


def _phrases(tokens: list[str]) -> list[list[str]]:
    """Runs of content words (up to four) cut at stop words, numbers, adverbs and contractions,
    without a verb form at either end, of distinct words, at least one of them long. A lone word
    must be a name (capitalised where no sentence starts, or an acronym)."""
    runs: list[list[str]] = []
    run: list[str] = []
    start = 0
    for i, w in enumerate([*tokens, ""]):
        if w and _content(w):
            if not run:
                start = i
            run.append(w)
            continue
        lead = start
        while run and _verb_form(run[0]):
            run.pop(0)
            lead += 1
        while run and _verb_form(run[-1]):
            run.pop()
        run = run[:HEADING_MAX_WORDS]
        distinct = bool(run) and len({x.lower() for x in run}) == len(run) and max(map(len, run)) > 3
        if distinct and (len(run) > 1 or _name_like(run[0], initial=lead == 0)):
            runs.append(run)
        run = []
    return runs


@lru_cache(maxsize=WORD_CACHE)  # pure tests of one word, asked for the same words again and again
def _content(word: str) -> bool:
    lower = word.lower().replace("’", "'")
    if not word[0].isalpha() or lower in STOPWORDS or lower.endswith("ly"):
        return False
    return "'" not in lower or lower.endswith("'s")


def _name_like(word: str, *, initial: bool) -> bool:
    return (word[0].isupper() and not initial) or (word.isupper() and len(word) > 1)


def _verb_form(word: str) -> bool:
    return word.islower() and word.endswith(("ed", "ing")) and len(word) > 5


def _unquoted(paragraph: str) -> str:
    """The paragraph with quoted words blanked: headings come from the narrative, not from a quote."""
    return _QUOTED_OR_TAG.sub(".", paragraph)


@lru_cache(maxsize=WORD_CACHE)
def _key(word: str) -> str:
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    for suffix in ("ies", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def _bag(paragraphs: Sequence[str]) -> Counter[str]:
    bag: Counter[str] = Counter()
    for p in paragraphs:
        bag.update([k for k in map(_bag_key, _WORD.findall(p)) if k is not None])  # a list: counted in C
    return bag


@lru_cache(maxsize=WORD_CACHE)
def _bag_key(word: str) -> str | None:
    """The word's key in a bag of words, or None for a stop word or a short one."""
    return _key(word) if word.lower() not in STOPWORDS and len(word) > 2 else None


def _vector(paragraph: str, speakers: set[str]) -> Counter[str]:
    vec = _bag([paragraph])
    for s in speakers:
        vec["@" + s] += SPEAKER_WEIGHT
    return vec


def _similarities(vectors: Sequence[Counter[str]]) -> list[float]:
    """The cosine similarity at every gap between the WINDOW paragraphs before it and the WINDOW after
    it, each side's vectors summed. Every sum of products it needs is a sum of the dot products of two
    paragraphs at most 2 * WINDOW - 1 apart: those are computed once, not once for each gap."""
    n = len(vectors)
    dots = [[_dot(vectors[i], vectors[j]) for j in range(i, min(n, i + 2 * WINDOW))] for i in range(n)]

    def total(a: range, b: range) -> int:  # the dot product of the sum of a's vectors and the sum of b's
        return sum(dots[min(i, j)][abs(i - j)] for i in a for j in b)

    out = []
    for gap in range(1, n):
        left, right = range(max(0, gap - WINDOW), gap), range(gap, min(n, gap + WINDOW))
        norm = math.sqrt(total(left, left) * total(right, right))
        out.append(total(left, right) / norm if norm else 0.0)
    return out


def _dot(a: Counter[str], b: Counter[str]) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(n * b[k] for k, n in a.items() if k in b)


def _depths(scores: Sequence[float]) -> list[float]:
    """TextTiling's depth: how far a gap's similarity lies below the peaks on either side."""
    out = []
    for i, s in enumerate(scores):
        left = right = s
        for j in range(i - 1, -1, -1):
            if scores[j] < left:
                break
            left = scores[j]
        for j in range(i + 1, len(scores)):
            if scores[j] < right:
                break
            right = scores[j]
        out.append(left + right - 2 * s)
    return out


def _continues_quote(previous: str) -> bool:
    """A paragraph that ends inside an open quote runs on into the next one."""
    return previous.count("“") > previous.count("”") or previous.count('"') % 2 == 1


def _words_in(section: Section) -> int:
    return sum(len(p.split()) for p in section.paragraphs)

"""Repair the scraping echo.

When a scraper meets an expert's name that was a link, the next paragraph often begins with a
copy of the previous paragraph's tail, from around where the link stood, with the name cut out:

    Ian calls Trump’s proposal “the most tangible prospect ...” ... 2022.
    calls Trump’s proposal “the most tangible prospect ...” ... 2022. The proposal, which ...
    ^^^^^^^^^^^^^^^^^^^^^^^^^ echo ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ genuine text ->

The echo can start right after the name (`tells us. Jeddah was ...`, `, “is what ...`) or a few
tokens before it with the name dropped from the middle (`says . “Yet again ...`, `, asks, Ian argues`),
and it can stop before the end of the previous paragraph (`points out. Putin’s stated ...`).
We find the longest such match between the start of a paragraph and the previous paragraph, and keep
only the genuine text after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.understand.text import Token, fold, tokens

MAX_NAME_TOKENS = 4  # "Ian", "Ian Brzezinski", "Volodymyr Zelenskyy", "J.D. Vance"
MAX_PREFIX_TOKENS = 3  # tokens of the echo that stood before the name ("says", ", asks")
MIN_CAPITALIZED_ECHO = 6  # an echo that starts like a normal sentence must be this long to count
MIN_SUFFIX_ECHO = 4  # an echo from inside a quote (no name before it) must copy this much of the tail
WINDOW = 400  # an echo copies the previous paragraph's tail: look no further back (bounds the work)
HEAD_CHARS = 6000  # enough text for WINDOW tokens
SHORT_HEAD_CHARS = 1500  # most echoes are shorter than this
TAIL_CHARS = 6000
_CLAUSE_END = frozenset('.,;:!?”’"')


def repair(paragraphs: list[str], previous: str | None = None) -> list[str]:
    """Remove echoes from a run of paragraphs; paragraphs that were nothing but echo disappear.

    `previous` is the paragraph before the run (the last one of the previous section).
    """
    out: list[str] = []
    for para in paragraphs:
        cleaned = _strip_echo(previous, para) if previous else para
        if cleaned:
            out.append(cleaned)
        previous = para  # the echo copies the text as scraped, so compare with the raw paragraph
    return out


def repair_sections(sections: list[list[str]]) -> list[list[str]]:
    """Repair a document's sections; an echo may follow a heading, so the chain runs across them."""
    out, previous = [], None
    for paragraphs in sections:
        out.append(repair(paragraphs, previous))
        if paragraphs:
            previous = paragraphs[-1]
    return out


def _strip_echo(previous: str, para: str) -> str:
    tail_text = fold(previous[-TAIL_CHARS:])
    head = tokens(fold(para[:SHORT_HEAD_CHARS]))  # folding maps one character to one: offsets hold
    if not head or head[0].text not in tail_text:
        return para  # cheap exit: the paragraph's first token never occurs in the previous tail
    tail = tokens(tail_text)
    cut = echo_length(tail, head) or _possessive_echo(tail, head)
    if cut == len(head) and len(para) > SHORT_HEAD_CHARS:  # a long echo: look at more of the paragraph
        head = tokens(fold(para[:HEAD_CHARS]))
        cut = echo_length(tail, head)
    if not cut:
        return para
    return para[head[cut].start :].lstrip() if cut < len(head) else para[head[-1].end :].lstrip()


def _possessive_echo(prev: list[Token], para: list[Token]) -> int:
    """`Marit’s reading of ...` / `’s reading of ...`: the name was cut from a possessive."""
    if len(para) < 3 or para[0].text != "'" or para[1].text != "s" or para[1].start != para[0].end:
        return 0
    best = 0
    for i in range(max(0, len(prev) - WINDOW), len(prev) - 1):
        if prev[i].text.endswith("'s") and prev[i + 1].text == para[2].text:
            k = _common(prev, i + 1, para, 2)
            if i + 1 + k == len(prev) or k >= MIN_CAPITALIZED_ECHO:
                best = max(best, 2 + k)
    return best


def echo_length(prev: list[Token], para: list[Token]) -> int:
    """How many leading tokens of `para` are an echo of `prev` (0 when there is none)."""
    if not para or not prev:
        return 0
    first = para[0].text
    best, best_end = 0, 0
    for i in range(max(0, len(prev) - WINDOW), len(prev)):
        if prev[i].text != first:
            continue
        for k, end in _matches_at(prev, para, i):
            if k > best:
                best, best_end = k, end
    if not best or not _credible(para, best):
        return 0
    if best_end < len(prev):
        # The echo stopped inside the previous paragraph: end it at the last clause boundary, so a
        # genuine sentence that happens to start with the same word as the original is kept whole.
        best = _back_to_boundary(para, best)
    return best


def _matches_at(prev: list[Token], para: list[Token], i: int) -> Iterator[tuple[int, int]]:
    """(echo length, end index in prev) for every way the echo can start at prev[i]."""
    k = _common(prev, i, para, 0)
    if i > 0 and prev[i - 1].is_word:
        # The name stood right before the echo: "Ian | calls Trump’s proposal ...".
        yield k, i + k
        yield from _across_name(prev, para, i, k)
    elif i + k == len(prev) and k >= MIN_SUFFIX_ECHO:
        # The whole rest of the paragraph, from inside a quote: "says, “| but no owner wants ...”".
        yield k, i + k
    # The echo starts a few tokens before the name: "says | Hanna | . “Yet again".
    for pre in range(1, MAX_PREFIX_TOKENS + 1):
        a = i + pre
        if a >= len(prev) or _common(prev, i, para, 0, limit=pre) < pre:
            break
        for size in range(1, MAX_NAME_TOKENS + 1):
            b = a + size
            if b > len(prev) or not prev[b - 1].is_word:
                break
            tail = _common(prev, b, para, pre)
            if tail:
                yield pre + tail, b + tail


def _across_name(prev: list[Token], para: list[Token], i: int, k: int) -> Iterator[tuple[int, int]]:
    """The echo runs on past a name the scraper cut out of its middle: "... fire,” | Omar | says."."""
    a = i + k
    for size in range(1, MAX_NAME_TOKENS + 1):
        b = a + size
        if b > len(prev) or not (prev[b - 1].is_word and prev[b - 1].text[:1].isupper()):
            break
        tail = _common(prev, b, para, k)
        if tail and b + tail == len(prev):
            yield k + tail, b + tail


def _common(prev: list[Token], i: int, para: list[Token], j: int, limit: int | None = None) -> int:
    n = 0
    stop = min(len(prev) - i, len(para) - j, WINDOW)
    if limit is not None:
        stop = min(stop, limit)
    while n < stop and prev[i + n].text == para[j + n].text:
        n += 1
    return n


def _credible(para: list[Token], k: int) -> bool:
    """A genuine paragraph starts like a sentence; an echo usually starts mid-sentence."""
    first = para[0].text
    if first[0].islower() or first[0] in ",.;:!?)—–-":
        return True
    return k >= MIN_CAPITALIZED_ECHO


def _back_to_boundary(para: list[Token], k: int) -> int:
    for n in range(k, 0, -1):
        if para[n - 1].text[-1] in _CLAUSE_END:
            return n
    return k

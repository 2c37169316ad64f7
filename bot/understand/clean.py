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

from bot.understand.text import first_token, fold, token_span, token_texts

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
    return _repair(paragraphs, _Paragraph(previous) if previous else None)


def repair_sections(sections: list[list[str]]) -> list[list[str]]:
    """Repair a document's sections; an echo may follow a heading, so the chain runs across them."""
    out: list[list[str]] = []
    previous: _Paragraph | None = None
    for paragraphs in sections:
        out.append(_repair(paragraphs, previous))
        if paragraphs:
            previous = _Paragraph(paragraphs[-1])
    return out


def _repair(paragraphs: list[str], previous: _Paragraph | None) -> list[str]:
    out: list[str] = []
    for raw in paragraphs:
        para = _Paragraph(raw)
        cleaned = _strip_echo(previous, para) if previous is not None and previous.raw else raw
        if cleaned:
            out.append(cleaned)
        previous = para  # the echo copies the text as scraped, so compare with the raw paragraph
    return out


class _Paragraph:
    """A raw paragraph, folded and cut into token texts at most once: a paragraph is compared both
    as the one that may hold an echo (its head) and as the one the next paragraph may echo (its tail)."""

    __slots__ = ("_folded", "_words", "raw")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._folded: str | None = None
        self._words: list[str] | None = None

    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.raw)  # folding maps one character to one: offsets hold
        return self._folded

    def head(self, chars: int) -> tuple[str, list[str]]:
        """The folded text of the first `chars` characters and its token texts."""
        text = self.folded()
        return (text, self._all_words()) if len(text) <= chars else (text[:chars], token_texts(text[:chars]))

    def first_word(self) -> str | None:
        """The text of the first token, without cutting the rest into tokens."""
        if self._words is not None:
            return self._words[0] if self._words else None
        return first_token(self.folded())

    def tail_text(self) -> str:
        """The folded text of the last TAIL_CHARS characters."""
        return self.folded()[-TAIL_CHARS:]

    def tail(self) -> list[str]:
        """The token texts of `tail_text`."""
        text = self.folded()
        return self._all_words() if len(text) <= TAIL_CHARS else token_texts(text[-TAIL_CHARS:])

    def _all_words(self) -> list[str]:
        if self._words is None:
            self._words = token_texts(self.folded())
        return self._words


def _strip_echo(previous: _Paragraph, para: _Paragraph) -> str:
    first = para.first_word()
    if first is None or first not in previous.tail_text():
        return para.raw  # cheap exit: the paragraph's first token never occurs in the previous tail
    head_text, head = para.head(SHORT_HEAD_CHARS)
    tail = previous.tail()
    cut = echo_length(tail, head) or _possessive_echo(tail, head, head_text)
    if cut == len(head) and len(para.raw) > SHORT_HEAD_CHARS:  # a long echo: look at more of the paragraph
        head_text, head = para.head(HEAD_CHARS)
        cut = echo_length(tail, head)
    if not cut:
        return para.raw
    # The offsets, only now that there is an echo to cut.
    at = token_span(head_text, cut)[0] if cut < len(head) else token_span(head_text, len(head) - 1)[1]
    return para.raw[at:].lstrip()


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"  # as Token.is_word


def _possessive_echo(prev: list[str], para: list[str], para_text: str) -> int:
    """`Marit’s reading of ...` / `’s reading of ...`: the name was cut from a possessive."""
    if len(para) < 3 or para[0] != "'" or para[1] != "s":
        return 0
    if token_span(para_text, 1)[0] != token_span(para_text, 0)[1]:  # `'` and `s` written apart
        return 0
    best = 0
    for i in range(max(0, len(prev) - WINDOW), len(prev) - 1):
        if prev[i].endswith("'s") and prev[i + 1] == para[2]:
            k = _common(prev, i + 1, para, 2)
            if i + 1 + k == len(prev) or k >= MIN_CAPITALIZED_ECHO:
                best = max(best, 2 + k)
    return best


def echo_length(prev: list[str], para: list[str]) -> int:
    """How many leading tokens of `para` are an echo of `prev` (0 when there is none); both are
    token texts (`token_texts`)."""
    if not para or not prev:
        return 0
    first = para[0]
    best, best_end = 0, 0
    i, n = max(0, len(prev) - WINDOW), len(prev)
    while True:
        try:
            i = prev.index(first, i, n)
        except ValueError:
            break
        for k, end in _matches_at(prev, para, i):
            if k > best:
                best, best_end = k, end
        i += 1
    if not best or not _credible(para, best):
        return 0
    if best_end < len(prev):
        # The echo stopped inside the previous paragraph: end it at the last clause boundary, so a
        # genuine sentence that happens to start with the same word as the original is kept whole.
        best = _back_to_boundary(para, best)
    return best


def _matches_at(prev: list[str], para: list[str], i: int) -> Iterator[tuple[int, int]]:
    """(echo length, end index in prev) for every way the echo can start at prev[i]."""
    k = _common(prev, i, para, 0)
    if i > 0 and _is_word(prev[i - 1]):
        # The name stood right before the echo: "Ian | calls Trump’s proposal ...".
        yield k, i + k
        yield from _across_name(prev, para, i, k)
    elif i + k == len(prev) and k >= MIN_SUFFIX_ECHO:
        # The whole rest of the paragraph, from inside a quote: "says, “| but no owner wants ...”".
        yield k, i + k
    # The echo starts a few tokens before the name: "says | Hanna | . “Yet again".
    for pre in range(1, MAX_PREFIX_TOKENS + 1):
        a = i + pre
        if a >= len(prev) or k < pre:  # k < pre: the first `pre` tokens differ
            break
        for size in range(1, MAX_NAME_TOKENS + 1):
            b = a + size
            if b > len(prev) or not _is_word(prev[b - 1]):
                break
            tail = _common(prev, b, para, pre)
            if tail:
                yield pre + tail, b + tail


def _across_name(prev: list[str], para: list[str], i: int, k: int) -> Iterator[tuple[int, int]]:
    """The echo runs on past a name the scraper cut out of its middle: "... fire,” | Omar | says."."""
    a = i + k
    for size in range(1, MAX_NAME_TOKENS + 1):
        b = a + size
        if b > len(prev) or not (_is_word(prev[b - 1]) and prev[b - 1][:1].isupper()):
            break
        tail = _common(prev, b, para, k)
        if tail and b + tail == len(prev):
            yield k + tail, b + tail


def _common(prev: list[str], i: int, para: list[str], j: int) -> int:
    n = 0
    stop = min(len(prev) - i, len(para) - j, WINDOW)
    while n < stop and prev[i + n] == para[j + n]:
        n += 1
    return n


def _credible(para: list[str], k: int) -> bool:
    """A genuine paragraph starts like a sentence; an echo usually starts mid-sentence."""
    first = para[0]
    if first[0].islower() or first[0] in ",.;:!?)—–-":
        return True
    return k >= MIN_CAPITALIZED_ECHO


def _back_to_boundary(para: list[str], k: int) -> int:
    for n in range(k, 0, -1):
        if para[n - 1][-1] in _CLAUSE_END:
            return n
    return k

"""Small text helpers shared by the parsers and the analysis."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

# Stray spaces that a removed link leaves before a comma or full stop: "says Dan , “is" -> "says Dan, “is".
_STRAY_SPACE = re.compile(r"(?<=[\w”’\"')\]]) +(?=[,.](?![.\d]))")
#: A quote with its marks (paired left to right; a curly quote may run on to the end, or to the next
#: opening mark, as where one was typed for the closing one).
_QUOTED = re.compile(r"“[^”“]*(?:”|(?=“)|$)|\"[^\"]*\"|''(?:(?!'').)*''")
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+(?:[’'\-.]\w+)*|[^\w\s]")
_FOLDS = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}
QUOTE_FOLD = str.maketrans(_FOLDS)


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def squash(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return " ".join(text.split())  # str.split's white space is exactly what `\s` matches


def tidy(text: str) -> str:
    """Remove the stray spaces removed links leave before ',' and '.', outside quotes: the words
    inside quote marks, spaces and all, stay as they were written (`So . . . in`)."""
    if (" ," not in text and " ." not in text) or not _STRAY_SPACE.search(text):  # a cheap test first
        return text
    out, last = [], 0
    for m in _QUOTED.finditer(text):
        out.append(_STRAY_SPACE.sub("", text[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(_STRAY_SPACE.sub("", text[last:]))
    return "".join(out)


def tokens(text: str) -> list[Token]:
    new = tuple.__new__  # Token's own constructor, without its argument checks: this is the hot loop
    return [new(Token, (m.group(), m.start(), m.end())) for m in _TOKEN.finditer(text)]


def first_token(text: str) -> str | None:
    """The text of `tokens(text)[0]`, or None for a text without tokens."""
    m = _TOKEN.search(text)
    return m.group() if m else None


def token_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of `tokens(text[start:end])`, in `text`'s offsets."""
    return _TOKEN.finditer(text, start, end)


def token_span(text: str, n: int) -> tuple[int, int]:
    """(start, end) of `tokens(text)[n]`, without making the tokens after it (IndexError if none)."""
    for m in islice(_TOKEN.finditer(text), n, None):
        return m.span()
    raise IndexError(n)


def token_texts(text: str) -> list[str]:
    """The texts of `tokens(text)`, without their offsets (much cheaper)."""
    return _TOKEN.findall(text)


def fold(text: str) -> str:
    """Curly quotes to straight ones, for comparisons (one character for one: offsets hold)."""
    # One `replace` per mark: a C scan each, where `str.translate` with a table looks up every character.
    for mark, plain in _FOLDS.items():
        text = text.replace(mark, plain)
    return text


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def word_count(text: str) -> int:
    return len(text.split())

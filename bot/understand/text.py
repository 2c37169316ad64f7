"""Small text helpers shared by the parsers and the analysis."""

from __future__ import annotations

import re
from typing import NamedTuple

_WS = re.compile(r"\s+")
# Stray spaces that a removed link leaves before a comma or full stop: "says Dan , “is" -> "says Dan, “is".
_STRAY_SPACE = re.compile(r"(?<=[\w”’\"')\]]) +(?=[,.](?![.\d]))")
#: A quote with its marks (paired left to right; a curly quote may run on to the end, or to the next
#: opening mark, as where one was typed for the closing one).
_QUOTED = re.compile(r"“[^”“]*(?:”|(?=“)|$)|\"[^\"]*\"|''(?:(?!'').)*''")
_TOKEN = re.compile(r"\w+(?:[’'\-.]\w+)*|[^\w\s]")
QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def squash(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def tidy(text: str) -> str:
    """Remove the stray spaces removed links leave before ',' and '.', outside quotes: the words
    inside quote marks, spaces and all, stay as they were written (`So . . . in`)."""
    if ("," not in text and "." not in text) or not _STRAY_SPACE.search(text):
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


def fold(text: str) -> str:
    """Curly quotes to straight ones, for comparisons."""
    return text.translate(QUOTE_FOLD)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def word_count(text: str) -> int:
    return len(text.split())

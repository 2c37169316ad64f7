"""The plain-text briefing format.

    date 2025-03-14 GET UP TO SPEED          <- optional first line: date and title

    Lede paragraph ...                        <- paragraphs are separated by blank lines

    Trump’s pitch                             <- a short unpunctuated line is a section heading

    Ian calls ...
"""

from __future__ import annotations

import datetime as dt
import re

from bot.understand.parse.dates import date_line, parse_date
from bot.understand.model import Document, RawSection
from bot.understand.text import squash

_HEADER = re.compile(r"^\s*date\s*:?\s+(\S+)\s*(.*?)\s*$", re.IGNORECASE)
_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•◦▪]|\d{1,2}[.)])\s+")
_HEADING_END_BAD = tuple(".,;:!\"”’)]…")
_QUOTE_MARKS = frozenset("“”\"«»")


def is_heading(line: str) -> bool:
    """A short, unpunctuated line that starts like a title."""
    words = line.split()
    if not words or len(words) > 12 or len(line) > 100 or "\n" in line:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if any(c in _QUOTE_MARKS for c in line):
        return False
    if line.endswith("?"):
        return len(words) <= 8
    return not line.endswith(_HEADING_END_BAD)


def split_blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks, each as its non-empty stripped lines."""
    blocks = []
    for raw in _BLOCK_SPLIT.split(text):
        lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def block_paragraphs(lines: list[str]) -> list[str]:
    """A block is one paragraph (hard-wrapped lines joined) unless it is a list."""
    if len(lines) > 1 and all(_LIST_ITEM.match(ln) for ln in lines):
        return [squash(_LIST_ITEM.sub("", ln)) for ln in lines]
    return [squash(" ".join(lines))]


def parse_plain(
    text: str, source: str, *, title: str | None = None, date: dt.date | None = None, head: bool = True
) -> Document:
    """Parse plain text; `head=False` when title and date come from elsewhere (an e-mail's headers)."""
    blocks = split_blocks(text)
    if head and blocks:
        title, date, blocks = _head(blocks, title, date)
    sections: list[RawSection] = [RawSection(None, [])]
    for lines in blocks:
        line = lines[0].lstrip("#").strip().strip("*_").strip() if len(lines) == 1 else ""
        if line and is_heading(line):
            sections.append(RawSection(line, []))
        else:
            sections[-1].paragraphs.extend(block_paragraphs(lines))
    sections = [s for s in sections if s.paragraphs or s.heading is not None]
    return Document(title=title or "", date=date, sections=sections, source=source)


def _head(blocks: list[list[str]], title: str | None, date: dt.date | None):
    first = blocks[0]
    m = _HEADER.match(first[0])
    if m and parse_date(m[1]):
        rest = first[1:]
        return (m[2] or title or ""), parse_date(m[1]), ([rest] if rest else []) + blocks[1:]
    if title is None and len(first) <= 2 and is_heading(first[0].lstrip("#").strip()):
        title = first[0].lstrip("#").strip()
        rest = blocks[1:]
        found = date_line(first[1]) if len(first) == 2 else None
        if len(first) == 2 and found is None:
            rest = [[first[1]], *rest]
        if found is None and rest and len(rest[0]) == 1:
            found = date_line(rest[0][0])
            if found:
                rest = rest[1:]
        return title, date or found, rest
    return title, date, blocks

"""The plain-text briefing format.

    date 2025-03-14 GET UP TO SPEED          <- optional first line: date and title

    Lede paragraph ...                        <- paragraphs are separated by blank lines

    Trump’s pitch                             <- a short unpunctuated line is a section heading

    Ian calls ...

A text without that first line (a news article, a press release) is titled by its headline: a
first line that stands alone and reads as one. Its date then comes from a byline (`By Jane Roe |
March 3, 2025`) or a dateline (`LONDON, March 3, 2025 (Reuters) — ...`) when one gives the year.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.understand.model import Document, RawSection
from bot.understand.parse.dates import date_line, find_date, parse_date
from bot.understand.text import squash

_HEADER = re.compile(r"^\s*date\s*:?\s+(\S+)\s*(.*?)\s*$", re.IGNORECASE)
_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•◦▪]|\d{1,2}[.)])\s+")
_HEADING_END_BAD = tuple('.,;:!"”’)]…')
_QUOTE_MARKS = frozenset('“”"«»')
_WRAPPED_MAX = 100  # characters: a longer line was not hard-wrapped
_HEADLINE_MAX_WORDS = 25
_HEADLINE_END_STRIP = ".;:,"
_INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_BYLINE = re.compile(r"^(?:(?:written\s+)?by\s+\S|(?:posted|published|updated)\b)", re.IGNORECASE)
# A lead that opens with a quote and its attribution ('“We are ready,” she said.'), not a headline.
_SPOKEN_LEAD = re.compile(r"[,.!?…][”\"]\s+\w")
# 'LONDON, March 3, 2025 (Reuters) — ' or 'LONDON — 3 March 2025 — ': an upper-case place, up to two dashes.
_DATELINE = re.compile(r"^([A-Z][A-Z.'’-]+\b[^—–]{0,80}(?:(?:—|–|--)[^—–]{0,30}?(?=—|–|--))?)\s*(?:—|–|--)\s")


def is_heading(line: str) -> bool:
    """A short, unpunctuated line that starts like a title."""
    words = line.split()
    if not words or len(words) > 12 or len(line) > 100 or "\n" in line:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if any(c in _QUOTE_MARKS for c in line) or "''" in line:  # a quote, also in two apostrophes (`''...''`)
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
    """A block is one paragraph (hard-wrapped lines joined) unless it is a list, or its lines are
    too long to be wrapped ones: then each line is a paragraph (text that breaks paragraphs with
    a single newline)."""
    if len(lines) > 1 and all(_LIST_ITEM.match(ln) for ln in lines):
        return [squash(_LIST_ITEM.sub("", ln)) for ln in lines]
    if any(len(ln) > _WRAPPED_MAX for ln in lines[:-1]):
        return [squash(ln) for ln in lines]
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


def _head(
    blocks: list[list[str]], title: str | None, date: dt.date | None
) -> tuple[str | None, dt.date | None, list[list[str]]]:
    first = blocks[0]
    m = _HEADER.match(first[0])
    if m and parse_date(m[1]):
        tail = first[1:]
        return (m[2] or title or ""), parse_date(m[1]), ([tail] if tail else []) + blocks[1:]
    if title is None and not (len(first) <= 2 and is_heading(first[0].lstrip("#").strip())) and _is_headline(blocks):
        title = headline(first[0])
        rest = blocks[1:]
        if len(first) == 2:
            found = date_line(first[1])
            date = date or found
            rest = rest if found else [[first[1]], *rest]
        if date is None:
            date, rest = _byline_date(rest)
        return title, date, rest
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
        if not (date or found):
            found, rest = _byline_date(rest)
        return title, date or found, rest
    return title, date, blocks


def _is_headline(blocks: list[list[str]]) -> bool:
    """A first line that stands alone (or above a one-line subhead) over longer paragraphs,
    starts like a title and is short."""
    first = blocks[0]
    marked = len(first) == 2 and first[0].rstrip().endswith(";")  # `Headline; ` over the lede, an archive style
    if len(first) > 2 or len(blocks) < 2 or len(first[0].split()) > _HEADLINE_MAX_WORDS:
        return False
    if not marked and len(first) == 2 and len(first[1].split()) > _HEADLINE_MAX_WORDS:
        return False
    line = first[0].lstrip("#").strip()
    words = line.split()
    if not words or len(line) > 200 or line.endswith(","):
        return False
    letter = line.lstrip("‘'“\"")[:1]
    if not (letter.isupper() or letter.isdigit()):
        return False
    if line[0] in '“"' and _SPOKEN_LEAD.search(line):
        return False
    body = [w for lines in blocks[1:8] for ln in lines for w in ln.split()]
    return len(body) > len(words)


def headline(line: str) -> str:
    """The headline as a title: without the full stop or semicolon some archives append."""
    line = line.lstrip("#").strip()
    while line and line[-1] in _HEADLINE_END_STRIP and not _INITIALISM_END.search(line):
        line = line[:-1].rstrip()
    return line


def _byline_date(blocks: list[list[str]]) -> tuple[dt.date | None, list[list[str]]]:
    """A date from a byline or date line among the first blocks (dropped), or the first paragraph's dateline."""
    for i, lines in enumerate(blocks[:3]):
        line = lines[0]
        if len(lines) == 1 and len(line.split()) <= 25:
            found = date_line(line) or (find_date(line) if _BYLINE.match(line) else None)
            if found:
                return found, blocks[:i] + blocks[i + 1 :]
        m = _DATELINE.match(line)
        if m and (found := find_date(m[1])):
            return found, blocks
    return None, blocks

"""Find direct quotes in a paragraph: curly or straight double marks, two apostrophes (`''...''`,
an archive style), guillemets, single marks inside them, and quotes that run on to the end of the
paragraph without a closing mark. An opening mark typed where the closing one belongs (`“Why?“ he
asked`) closes the quote; marks inside markup tags (`<embed id="...">`) and the inch mark of a height
(`6'2"`) are not quotes; single marks (`‘...’`) quote only in a document written with them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = re.compile(r"[“”\"«»]")
_MARKS_APOSTROPHES = re.compile(r"[“”\"«»]|''(?!')")
#: An HTML-like tag left in plain text; the attribute values inside it are not quotes.
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*\s*/?>")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–]))‘(?=\S)")
_OPENERS = {"“", "«"}
_CLOSERS = {"”", "»"}
MAX_QUOTE_CHARS = 20_000


@dataclass(slots=True)
class Span:
    """A quote's content is text[start:end]; the marks (if any) stand at open_at and close_at."""

    open_at: int
    start: int
    end: int
    close_at: int | None  # None: runs on past the paragraph's end
    close_len: int = 1  # length of the closing mark (2 for `''`)

    @property
    def outer_end(self) -> int:
        return self.close_at + self.close_len if self.close_at is not None else self.end


def find_spans(text: str, singles: bool = True) -> list[Span]:
    """The quotes of one paragraph; `singles=False` when single marks are not quote marks in the
    document (see `single_marks_quote`)."""
    spans = _double_spans(text)
    if not spans and singles and "‘" in text:
        spans = _single_spans(text)
    return [s for s in (_trim(text, s) for s in spans) if s is not None]


def single_marks_quote(paragraphs: list[str]) -> bool:
    """Whether single marks (`‘...’`) quote in this document: not where double marks quote in more of
    its paragraphs, as in American news, whose single marks only quote inside a quote or in a headline
    repeating words the article quotes in full."""
    if not any("‘" in text for text in paragraphs):
        return True  # no single marks at all: nothing to decide
    singles = doubles = 0
    for text in paragraphs:
        if "‘" in text and _SINGLE_OPEN.search(text):
            singles += 1
        if _MARKS.search(text) or "''" in text:
            doubles += 1
    return singles >= doubles


def _double_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    open_at: int | None = None
    open_len = 1
    masked = [m.span() for m in _TAG.finditer(text)] if "<" in text else []
    for m in (_MARKS_APOSTROPHES if "''" in text else _MARKS).finditer(text):
        pos, c = m.start(), m.group()
        if masked and any(a <= pos < b for a, b in masked):
            continue
        if c == '"' and _inches(text, pos):
            continue  # `6'2"`: a height, not a quote mark
        if open_at is None:
            if c in _OPENERS or c in ('"', "''") or (c == "”" and _opens_here(text, pos)):
                open_at, open_len = pos, len(c)
        elif c in _CLOSERS or c in ('"', "''"):
            spans.append(Span(open_at, open_at + open_len, pos, pos, len(c)))
            open_at = None
        elif c == "“" and _closes_here(text, pos):  # `“Why?“ he asked`: an opening mark typed for the closing one
            spans.append(Span(open_at, open_at + open_len, pos, pos))
            open_at = None
        elif c in _OPENERS:  # a new opening mark: the previous quote was never closed
            spans.append(Span(open_at, open_at + open_len, pos, None))
            open_at, open_len = pos, len(c)
        if open_at is not None and pos - open_at > MAX_QUOTE_CHARS:
            open_at = None
    if open_at is not None:
        spans.append(Span(open_at, open_at + open_len, len(text), None))
    return spans


def _opens_here(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return before.isspace() and after.isalnum()


def _closes_here(text: str, pos: int) -> bool:
    """An opening mark set right after a word or its punctuation, with no word right after it."""
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and before not in "(—–-" and not after.isalnum()


_INCHES = re.compile(r"\d['’]\d{1,2}$")


def _inches(text: str, pos: int) -> bool:
    return pos > 2 and text[pos - 1].isdigit() and bool(_INCHES.search(text, max(0, pos - 5), pos))


def _single_spans(text: str) -> list[Span]:
    """British style ‘...’ quotes, only when a paragraph has no double marks."""
    spans: list[Span] = []
    for m in _SINGLE_OPEN.finditer(text):
        start = m.end()
        close = re.compile(r"’(?![\w])").search(text, start)
        if close and (not spans or start > spans[-1].end) and len(text[start : close.start()].split()) >= 2:
            spans.append(Span(m.start(), start, close.start(), close.start()))
    return spans


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not any(c.isalnum() for c in text[start:end]):
        return None
    return Span(span.open_at, start, end, span.close_at, span.close_len)

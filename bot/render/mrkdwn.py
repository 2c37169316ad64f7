"""Slack mrkdwn text: escaping, bold, links, cutting to a length, and splitting under Block Kit limits.

Pure functions over strings. Every piece of briefing or user text goes through `escape()` before it
reaches a block, so `<!channel>`, `<@U123>` or `<https://x|y>` shows as text and never pings or links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

SECTION_MAX = 3000
CONTEXT_MAX = 3000  # one context element's text
BUTTON_VALUE_MAX = 2_000
#: Total mrkdwn/plain text per message; Slack rejects with msg_blocks_too_long from about 13,000.
MESSAGE_TEXT_BUDGET = 11_000

_SAFE_URL = re.compile(r"^https?://[^\s<>|]+$")
_BOLD_BREAKERS = str.maketrans({"*": "\u2217", "_": "\uff3f", "~": "\u223c"})


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of `&`, `<` and `>` in text a user typed (a command's `text`)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def escaped_len(text: str) -> int:
    """How long `escape(text)` is, without building it."""
    return len(text) + 4 * text.count("&") + 3 * (text.count("<") + text.count(">"))


def fit_prefix(text: str, budget: int) -> str:
    """The longest start of `text` whose escaped form has at most `budget` characters."""
    if escaped_len(text) <= budget:
        return text
    used = 0
    for i, ch in enumerate(text):
        used += _COST.get(ch, 1)
        if used > budget:
            return text[:i]
    return text


def fit_suffix(text: str, budget: int) -> str:
    """The longest end of `text` whose escaped form has at most `budget` characters."""
    return fit_prefix(text[::-1], budget)[::-1]


def escape_cut(text: str, limit: int) -> str:
    """`text` on one line, escaped, then cut to at most `limit` characters (with "…"), never inside an entity."""
    text = " ".join(text.split())
    if escaped_len(text) <= limit:
        return escape(text)
    return escape(fit_prefix(text, max(0, limit - 1)).rstrip()) + "…"


_COST = {"&": 5, "<": 4, ">": 4}


def bold(text: str) -> str:
    """`*text*` with text escaped and the characters that would end or nest the bold replaced."""
    inner = " ".join(escape(text).translate(_BOLD_BREAKERS).split())
    return f"*{inner}*" if inner else ""


def safe_url(url: str | None) -> bool:
    """A plain http(s) URL that can stand inside `<…|…>`."""
    return bool(url and _SAFE_URL.match(url))


def link(url: str | None, label: str) -> str:
    """`<url|label>` for a plain http(s) URL, else just the escaped label."""
    if url and _SAFE_URL.match(url):
        return f"<{url.replace('&', '&amp;')}|{escape(label)}>"
    return escape(label)


def truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pack_lines(lines: Sequence[str], limit: int) -> Iterator[str]:
    """Join lines with newlines into pieces of at most `limit` characters, splitting long lines."""
    current: list[str] = []
    size = 0
    for line in lines:
        for piece in split_line(line, limit):
            extra = len(piece) + (1 if current else 0)
            if current and size + extra > limit:
                yield "\n".join(current)
                current, size = [], 0
                extra = len(piece)
            current.append(piece)
            size += extra
    if current:
        yield "\n".join(current)


_TOKEN = re.compile(r"<[^<>]*>|\S+|\s+")


def split_line(line: str, limit: int) -> Iterator[str]:
    """Cut an over-long line at spaces, never inside `<…>` links or `&amp;`-style entities."""
    if len(line) <= limit:
        yield line
        return
    piece = ""
    for token in _TOKEN.findall(line):
        while len(token) > limit:  # one unbroken word longer than a block
            if piece.strip():
                yield piece.rstrip()
            cut = _safe_cut(token, limit)
            yield token[:cut]
            token, piece = token[cut:], ""
        if len(piece) + len(token) > limit:
            if piece.strip():
                yield piece.rstrip()
            piece = token.lstrip()
        else:
            piece += token
    if piece.strip():
        yield piece.rstrip()


def _safe_cut(token: str, limit: int) -> int:
    amp = token.rfind("&", max(0, limit - 6), limit)
    return amp if amp > 0 and ";" in token[amp : amp + 6] and token.find(";", amp) >= limit else limit

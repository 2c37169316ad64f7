"""Block Kit payloads for digests and /whosaid answers (pure: no I/O).

Every piece of briefing text is escaped for mrkdwn, so `<!channel>`, `<@U123>` or `<https://x|y>`
inside a briefing shows as text and never pings or links. Blocks are built with slack_sdk's models,
whose `to_dict()` validates Slack's limits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.understand.model import Briefing, Bullet, WhosaidHit

LEDE = "In brief"
UNTITLED = "(untitled briefing)"
HEADER_MAX = 150
SECTION_MAX = 3000
MAX_BLOCKS = 50
#: Total mrkdwn/plain text per message; Slack rejects with msg_blocks_too_long from about 13,000.
MESSAGE_TEXT_BUDGET = 11_000
FALLBACK_MAX = 300
WHOSAID_MAX_HITS = 20
QUOTE_MAX = 2_400
BUTTON_VALUE_MAX = 2_000

_SAFE_URL = re.compile(r"^https?://[^\s<>|]+$")
_BOLD_BREAKERS = str.maketrans({"*": "\u2217", "_": "\uff3f", "~": "\u223c"})


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bold(text: str) -> str:
    """`*text*` with text escaped and the characters that would end or nest the bold replaced."""
    inner = " ".join(escape(text).translate(_BOLD_BREAKERS).split())
    return f"*{inner}*" if inner else ""


def link(url: str | None, label: str) -> str:
    """`<url|label>` for a plain http(s) URL, else just the escaped label."""
    if url and _SAFE_URL.match(url):
        return f"<{url.replace('&', '&amp;')}|{escape(label)}>"
    return escape(label)


def truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Digests


def digest_messages(briefing: Briefing, *, roster: Mapping[str, Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The parts of one digest: part 0 is the channel message, further parts are thread replies.

    The planner adds each part's message metadata (bot/outbox.py `digest_metadata`).
    """
    title = briefing.title.strip() or UNTITLED
    header_text, source_line = _header_text(briefing, title), _source_line(briefing)
    header = HeaderBlock(text=PlainTextObject(text=header_text))
    footer = ContextBlock(elements=[MarkdownTextObject(text=source_line)])
    bodies = list(_section_texts(briefing, roster or {}))
    groups = _group(bodies, first_reserve=2, first_chars=len(header_text) + len(source_line))
    total = len(groups)
    messages = []
    for part, texts in enumerate(groups):
        blocks: list[Any] = [header] if part == 0 else [_continuation(title, part, total)]
        blocks += [SectionBlock(text=MarkdownTextObject(text=t)) for t in texts]
        if part == 0:
            blocks.append(footer)
        fallback = header_text if part == 0 else f"{title} ({part + 1}/{total})"
        messages.append(
            {
                "text": escape(truncate(fallback, FALLBACK_MAX)),
                "blocks": [b.to_dict() for b in blocks],
                "unfurl_links": False,
                "unfurl_media": False,
            }
        )
    return messages


def _header_text(briefing: Briefing, title: str) -> str:
    """Title and date in at most HEADER_MAX characters; a long title is cut, the date kept."""
    suffix = f" — {briefing.date.isoformat()}" if briefing.date else ""
    return truncate(title, HEADER_MAX - len(suffix)) + suffix


def _source_line(briefing: Briefing) -> str:
    name = briefing.source.strip() or (briefing.link or "")
    if not name:
        return "Source unknown"
    return "Source: " + link(briefing.link, truncate(name, 200))


def _continuation(title: str, part: int, total: int) -> ContextBlock:
    label = f"{escape(truncate(title, 200))} · continued ({part + 1}/{total})"
    return ContextBlock(elements=[MarkdownTextObject(text=label)])


def _group(texts: list[str], *, first_reserve: int, first_chars: int) -> list[list[str]]:
    """Pack section texts into messages under the block and character budgets."""
    groups: list[list[str]] = [[]]
    blocks, chars = first_reserve, first_chars
    for text in texts:
        if groups[-1] and (blocks + 1 > MAX_BLOCKS or chars + len(text) > MESSAGE_TEXT_BUDGET):
            groups.append([])
            blocks, chars = 1, 250  # the continuation context block
        groups[-1].append(text)
        blocks += 1
        chars += len(text)
    return groups


def _section_texts(briefing: Briefing, roster: Mapping[str, Mapping[str, Any]]) -> Iterator[str]:
    """One mrkdwn text per section, split into <= SECTION_MAX pieces when longer."""
    any_bullets = False
    for section in briefing.sections:
        if not section.bullets:
            continue
        any_bullets = True
        lines = [bold(section.heading or LEDE)] + [_bullet_line(b, roster) for b in section.bullets]
        yield from _pack_lines(lines, SECTION_MAX)
    if not any_bullets:
        yield "_No summary points in this briefing._"


def _bullet_line(bullet: Bullet, roster: Mapping[str, Mapping[str, Any]]) -> str:
    text = escape(" ".join(bullet.text.split()))
    for name in bullet.speakers:
        entry = roster.get(name)
        if not entry:
            continue
        text = _enrich(text, name, entry)
    return f"• {text}"


def _enrich(text: str, name: str, entry: Mapping[str, Any]) -> str:
    """Link (or annotate with a title) the first mention of a roster speaker in an escaped line."""
    needle = escape(name)
    at = text.find(needle)
    if at < 0 or "<" in text[:at] and text.rfind(">", 0, at) < text.rfind("<", 0, at):
        return text
    label = str(entry.get("full_name") or name)
    if entry.get("link") and _SAFE_URL.match(str(entry["link"])):
        shown = link(str(entry["link"]), label)
    elif entry.get("title"):
        shown = f"{escape(label)} ({escape(str(entry['title']))})"
    else:
        return text
    return text[:at] + shown + text[at + len(needle):]


def _pack_lines(lines: Sequence[str], limit: int) -> Iterator[str]:
    current: list[str] = []
    size = 0
    for line in lines:
        for piece in _split_line(line, limit):
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


def _split_line(line: str, limit: int) -> Iterator[str]:
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
    return amp if amp > 0 and ";" in token[amp:amp + 6] and token.find(";", amp) >= limit else limit


# ---------------------------------------------------------------------------------------------
# /whosaid answers


def whosaid_blocks(
    query: str, hits: Sequence[WhosaidHit], *, permalinks: Mapping[int, str] | None = None, share: bool = True
) -> list[dict[str, Any]]:
    """Blocks answering `/whosaid query`: one quote and one context line per hit.

    `permalinks` (briefing id -> link to its posted digest) turns a hit's title into a link.
    """
    shown_query = truncate(query, 200)
    if not hits:
        text = (
            f"No quotes matching “{escape(shown_query)}” yet. "
            "Try a shorter phrase, fewer words, or part of a speaker's name."
        )
        return [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]
    shown = list(hits[:WHOSAID_MAX_HITS])
    count = f"{len(hits)} quote{'s' if len(hits) != 1 else ''}"
    intro = f"{count} matching “{escape(shown_query)}”"
    if len(hits) > len(shown):
        intro += f" (showing the first {len(shown)})"
    blocks: list[Any] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    for hit in shown:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_hit_text(hit))))
        permalink = (permalinks or {}).get(hit.briefing_id)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_hit_context(hit, permalink))]))
    if share:
        value = json.dumps({"q": query}, separators=(",", ":"), ensure_ascii=False)
        if len(value) > BUTTON_VALUE_MAX:
            value = json.dumps({"q": query[:BUTTON_VALUE_MAX // 2]}, separators=(",", ":"), ensure_ascii=False)
        button = ButtonElement(text="Share in channel", action_id="whosaid_share", value=value)
        blocks.append(ActionsBlock(elements=[button]))
    return [b.to_dict() for b in blocks]


def _hit_text(hit: WhosaidHit) -> str:
    speaker = bold(hit.speaker or "Unattributed")
    quote = " ".join(hit.quote.split()) if "\n" in hit.quote else hit.quote
    return f"{speaker}: “{_quote_with_match(quote, hit.match)}”"


def _quote_with_match(quote: str, match: tuple[int, int] | None) -> str:
    start, end = match if match else (0, 0)
    if not (0 <= start < end <= len(quote)):
        return escape(truncate(quote, QUOTE_MAX))
    lo = max(0, min(start - QUOTE_MAX // 3, len(quote) - QUOTE_MAX))
    hi = min(len(quote), lo + QUOTE_MAX)
    if end > hi:  # a match longer than the window: show its beginning
        lo, hi, end = start, start + QUOTE_MAX, start + QUOTE_MAX
    before, span, after = quote[lo:start], quote[start:end], quote[end:hi]
    lead, core, trail = _strip_edges(span)
    marked = bold(core) if core else ""
    text = escape(before + lead) + marked + escape(trail + after)
    return ("…" if lo > 0 else "") + text + ("…" if hi < len(quote) else "")


def _strip_edges(span: str) -> tuple[str, str, str]:
    core = span.strip()
    if not core:
        return span, "", ""
    left = span.index(core)
    return span[:left], core, span[left + len(core):]


def _hit_context(hit: WhosaidHit, permalink: str | None) -> str:
    date = hit.date.isoformat()[:10] if hit.date else None
    title = truncate(hit.title or UNTITLED, 300)
    shown_title = link(permalink, title) if permalink else escape(title)
    parts = [shown_title, escape(date) if date else None]
    if hit.section:
        parts.append(escape(truncate(hit.section, 300)))
    return " · ".join(p for p in parts if p)


__all__ = ["digest_messages", "whosaid_blocks", "escape", "bold", "link"]

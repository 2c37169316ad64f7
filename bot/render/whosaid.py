"""Block Kit answers to `/whosaid` (pure: no I/O)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.render.mrkdwn import BUTTON_VALUE_MAX, bold, escape, link, truncate

UNTITLED = "(untitled briefing)"
WHOSAID_MAX_HITS = 20
QUOTE_MAX = 2_400


def whosaid_blocks(query: str, hits: Sequence[Any], *, share: bool = True) -> list[dict[str, Any]]:
    """Blocks answering `/whosaid query`: one quote and one context line per hit."""
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
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_hit_context(hit))]))
    if share:
        value = json.dumps({"q": query}, separators=(",", ":"), ensure_ascii=False)
        if len(value) > BUTTON_VALUE_MAX:
            value = json.dumps({"q": query[:BUTTON_VALUE_MAX // 2]}, separators=(",", ":"), ensure_ascii=False)
        button = ButtonElement(text="Share in channel", action_id="whosaid_share", value=value)
        blocks.append(ActionsBlock(elements=[button]))
    return [b.to_dict() for b in blocks]


def _hit_text(hit: Any) -> str:
    speaker = bold(getattr(hit, "speaker", None) or "Unattributed")
    quote = " ".join(str(hit.quote).split()) if "\n" in str(hit.quote) else str(hit.quote)
    return f"{speaker}: “{_quote_with_match(quote, getattr(hit, 'match', None))}”"


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


def _hit_context(hit: Any) -> str:
    date = getattr(hit, "date", None)
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()[:10]
    title = truncate(str(getattr(hit, "title", "") or UNTITLED), 300)
    permalink = getattr(hit, "permalink", None)
    shown_title = link(permalink, title) if permalink else escape(title)
    parts = [shown_title, escape(str(date)) if date else None]
    section = getattr(hit, "section", None)
    if section:
        parts.append(escape(truncate(str(section), 300)))
    return " · ".join(p for p in parts if p)


__all__ = ["whosaid_blocks"]

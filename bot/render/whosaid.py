"""Block Kit answers to `/whosaid` (pure: no I/O).

Every text is escaped first and cut second, with lengths counted after escaping, so no archive
content or query (however full of `&`, `<`, `>`, control or zero-width characters) can push a block,
the button's value or the whole message past Slack's limits.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.render.mrkdwn import (
    BUTTON_VALUE_MAX,
    MESSAGE_TEXT_BUDGET,
    SECTION_MAX,
    bold,
    escape,
    escape_cut,
    escaped_len,
    fit_prefix,
    fit_suffix,
    safe_url,
)
from bot.understand.model import Appearance, WhosaidHit

UNTITLED = "(untitled briefing)"
LEDE = "In brief"
WHOSAID_MAX_HITS = 20
QUOTE_MAX = 2_400  # escaped characters of one quote
QUOTE_MIN = 300  # a hit is shown only with room for at least this much of its quote
QUERY_SHOWN = 200
TITLE_SHOWN = 300
SECTION_SHOWN = 200
SPEAKER_SHOWN = 100
ALSO_SHOWN = 3
URL_MAX = 500
_RESERVED = 300  # the button, the intro's own words and JSON overhead
_UNPRINTABLE = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u00ad\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff]")
_SPACES = re.compile(r"\s")


def whosaid_blocks(
    query: str, hits: Sequence[WhosaidHit], *, permalinks: Mapping[int, str] | None = None, share: bool = True
) -> list[dict[str, Any]]:
    """Blocks answering `/whosaid query`: one quote and one context line per hit.

    `permalinks` (briefing id -> link to its posted digest) turns a hit's title into a link.
    """
    links = permalinks or {}
    shown_query = escape_cut(display_query(query), QUERY_SHOWN)
    if not hits:
        text = (
            f"No quotes matching “{shown_query}” yet. Try a shorter phrase, fewer words, or part of a speaker's name."
        )
        return [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]
    budget = MESSAGE_TEXT_BUDGET - len(shown_query) - _RESERVED
    rows: list[tuple[WhosaidHit, str, str]] = []
    for hit in hits[:WHOSAID_MAX_HITS]:
        speaker, context = _speaker(hit), _hit_context(hit, links)
        need = len(speaker) + len(context) + 6 + QUOTE_MIN
        if rows and need > budget:
            break
        budget -= need
        rows.append((hit, speaker, context))
    per_quote = min(QUOTE_MAX, QUOTE_MIN + max(0, budget) // len(rows))
    count = f"{len(hits)} quote{'s' if len(hits) != 1 else ''}"
    intro = f"{count} matching “{shown_query}”"
    if len(hits) > len(rows):
        intro += f" (showing the first {len(rows)})"
    blocks: list[Any] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    for hit, speaker, context in rows:
        room = min(per_quote, SECTION_MAX - len(speaker) - 6)
        quote = _quote_with_match(hit.quote, hit.match, room)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"{speaker}: “{quote}”")))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=context)]))
    if share:
        button = ButtonElement(text="Share in channel", action_id="whosaid_share", value=button_value(query))
        blocks.append(ActionsBlock(elements=[button]))
    return [b.to_dict() for b in blocks]


def display_query(query: str) -> str:
    """The query on one line, without control or invisible characters."""
    return " ".join(_UNPRINTABLE.sub(" ", query).split())


def button_value(query: str) -> str:
    """`{"q": ...}` for the Share button, the query shortened until the JSON fits Slack's 2,000 characters."""
    text = display_query(query)
    while True:
        value = json.dumps({"q": text}, separators=(",", ":"), ensure_ascii=False)
        if len(value) <= BUTTON_VALUE_MAX:
            return value
        text = text[: max(0, len(text) * BUTTON_VALUE_MAX // len(value) - 8)]


def _speaker(hit: WhosaidHit) -> str:
    name = " ".join((hit.speaker or "Unattributed").split())
    name = name[:1].upper() + name[1:]  # `a spokesman for the mill` opens the line
    return bold(name[:SPEAKER_SHOWN])


def _quote_with_match(quote: str, match: tuple[int, int] | None, budget: int) -> str:
    """The quote escaped in at most `budget` characters, the matched words in bold and kept in view."""
    quote = _SPACES.sub(" ", _UNPRINTABLE.sub(" ", quote))  # one for one: `match` stays valid
    start, end = match if match else (0, 0)
    if not (0 <= start < end <= len(quote)):
        kept = fit_prefix(quote, budget - 1)
        return escape(kept) + ("…" if len(kept) < len(quote) else "")
    lead, core, trail = _strip_edges(quote[start:end])
    core_kept = fit_prefix(core, budget * 2 // 3 - 3)
    marked = (bold(core_kept) if core_kept.strip() else escape(core_kept)) + ("…" if len(core_kept) < len(core) else "")
    before_raw = quote[:start] + lead
    after_raw = trail + quote[end:] if len(core_kept) == len(core) else ""
    room = budget - len(marked) - 2
    after = fit_prefix(after_raw, room - escaped_len(fit_suffix(before_raw, room // 3)))
    before = fit_suffix(before_raw, room - escaped_len(after))
    text = escape(before) + marked + escape(after)
    return ("…" if len(before) < len(before_raw) else "") + text + ("…" if len(after) < len(after_raw) else "")


def _strip_edges(span: str) -> tuple[str, str, str]:
    core = span.strip()
    if not core:
        return span, "", ""
    left = span.index(core)
    return span[:left], core, span[left + len(core) :]


def _linked(url: str | None, label: str, limit: int) -> str:
    shown = escape_cut(label, limit)
    if url and len(url) <= URL_MAX and safe_url(url):
        return f"<{url.replace('&', '&amp;')}|{shown}>"
    return shown


def _date(value: dt.date | None) -> str | None:
    return value.isoformat()[:10] if value else None


def _hit_context(hit: WhosaidHit, links: Mapping[int, str]) -> str:
    """`Title · date · section`, the title linked to the posted digest, then where else the quote stands."""
    title = _linked(links.get(hit.briefing_id), hit.title or UNTITLED, TITLE_SHOWN)
    parts = [title, _date(hit.date)]
    if hit.section:
        parts.append(escape_cut(hit.section, SECTION_SHOWN))
    also = hit.also
    if also:
        places = ", ".join(_appearance(a, hit.briefing_id, links) for a in also[:ALSO_SHOWN])
        more = f" and {len(also) - ALSO_SHOWN} more" if len(also) > ALSO_SHOWN else ""
        parts.append(f"also {places}{more}")
    return " · ".join(p for p in parts if p)


def _appearance(place: Appearance, briefing_id: int, links: Mapping[int, str]) -> str:
    """Another place the quote stands: a section of the same briefing, or another briefing with its date."""
    if place.briefing_id == briefing_id:
        return "in " + escape_cut(place.section or LEDE, 80)
    title = _linked(links.get(place.briefing_id), place.title or UNTITLED, 120)
    date = _date(place.date)
    return f"{title} ({date})" if date else title


__all__ = ["whosaid_blocks", "button_value", "display_query"]

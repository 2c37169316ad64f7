"""Block Kit payloads for digests (pure: no I/O).

Every piece of briefing text is escaped for mrkdwn (bot/render/mrkdwn.py). Blocks are built with
slack_sdk's models, whose `to_dict()` validates Slack's limits.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from slack_sdk.models.blocks import ContextBlock, HeaderBlock, MarkdownTextObject, PlainTextObject, SectionBlock

from bot.render.mrkdwn import MESSAGE_TEXT_BUDGET, SECTION_MAX, bold, escape, link, pack_lines, safe_url, truncate
from bot.understand.model import Briefing, Bullet

LEDE = "In brief"
UNTITLED = "(untitled briefing)"
HEADER_MAX = 150
MAX_BLOCKS = 50
FALLBACK_MAX = 300


def digest_messages(
    briefing: Briefing, *, roster: Mapping[str, Mapping[str, Any]] | None = None
) -> list[dict[str, Any]]:
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
        yield from pack_lines(lines, SECTION_MAX)
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
    if entry.get("link") and safe_url(str(entry["link"])):
        shown = link(str(entry["link"]), label)
    elif entry.get("title"):
        shown = f"{escape(label)} ({escape(str(entry['title']))})"
    else:
        return text
    return text[:at] + shown + text[at + len(needle) :]


__all__ = ["digest_messages"]

"""Block Kit for asking anywhere and for the App Home tab (pure: no I/O).

The Home view is built from sections (lists of blocks) so other parts can add their own; each
section is cut to fit and the whole view stays within Slack's 100 blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
)

from bot.render.mrkdwn import CONTEXT_MAX, bold, escape, escape_cut, split_line, truncate
from bot.render.replies import briefing_line, source_line
from bot.render.replies import message as safe_section
from bot.render.whosaid import display_query, whosaid_blocks
from bot.understand.model import Briefing, WhosaidHit
from bot.understand.speakers import Person

HOME_MAX_BLOCKS = 100
SEARCH_ACTION = "home_search"
SEARCH_BLOCK = "home_search_block"

ASK_HELP = """\
*Ask me who said something, anywhere.*
• `@digestbot who said "root causes"?` in a channel or thread I am in: I answer in the thread.
• `@digestbot from:Ian NATO`: what Ian said about NATO, newest first.
• On any message, *More actions → Who said this?*: only you see which archived quotes it contains.
• Direct messages to me work the same way, and so does `/whosaid` anywhere.
• `/digest speakers`: the most quoted people of the last 30 days."""


def _section(text: str) -> dict[str, Any]:
    """One section of safe mrkdwn, its line breaks kept, cut under the limit never inside a link or entity."""
    return safe_section(text)[0]


def _context(text: str) -> dict[str, Any]:
    return ContextBlock(elements=[MarkdownTextObject(text=next(split_line(text, CONTEXT_MAX), ""))]).to_dict()


def person_line(person: Person) -> str:
    also = [n for n in person.names if n != person.name][:3]
    aka = f" (also {', '.join(escape(n) for n in also)})" if also else ""
    count = f"{person.quotes} quote{'s' if person.quotes != 1 else ''}"
    return f"• {bold(truncate(person.name, 100))}{aka}: {count}"


def speakers_blocks(people: Sequence[Person], days: int, limit: int = 15) -> list[dict[str, Any]]:
    """`/digest speakers`: the most quoted people of the last `days` days."""
    if not people:
        return [_section(f"Nobody has been quoted in the last {days} days.")]
    lines = [person_line(p) for p in people[:limit]]
    more = f"\n…and {len(people) - limit} more" if len(people) > limit else ""
    tip = "See what someone said with `/whosaid from:Name`."
    return [_section(f"*Most quoted in the last {days} days*\n" + "\n".join(lines) + more), _context(tip)]


def match_blocks(
    message: str, matches: Sequence[WhosaidHit], near: Sequence[WhosaidHit], permalinks: Mapping[int, str] | None = None
) -> list[dict[str, Any]]:
    """The answer to *Who said this?*: the archived quotes the message contains, or near misses."""
    shown = truncate(display_query(message), 120)
    if matches:
        return whosaid_blocks(shown, matches, permalinks=permalinks, share=False)
    blocks = [_section(f"Nothing in the archive matches “{escape_cut(shown, 120)}”.")]
    if near:
        blocks.append(_section("*Closest, but not the same words:*"))
        blocks += whosaid_blocks(shown, near, permalinks=permalinks, share=False)[1:]
    return blocks


def search_section(query: str = "") -> list[dict[str, Any]]:
    """A search box that answers like /whosaid (Enter sends it)."""
    element = PlainTextInputElement(
        action_id=SEARCH_ACTION,
        placeholder="root causes, or from:Ian NATO",
        initial_value=truncate(query, 150) or None,
        dispatch_action_config={"trigger_actions_on": ["on_enter_pressed"]},
    )
    box = InputBlock(block_id=SEARCH_BLOCK, label="Who said it?", element=element, dispatch_action=True)
    return [box.to_dict()]


def results_section(
    query: str, hits: Sequence[WhosaidHit], error: str | None = None, permalinks: Mapping[int, str] | None = None
) -> list[dict[str, Any]]:
    if error:
        return [_section(escape(error))]
    if not query:
        return []
    return whosaid_blocks(query, hits, permalinks=permalinks, share=False)


def latest_section(latest: Sequence[tuple[Briefing, str | None]], limit: int = 8) -> list[dict[str, Any]]:
    if not latest:
        return [_section("*Latest digests*\nNo briefings yet. New ones appear here as they arrive.")]
    return [_section("*Latest digests*\n" + "\n".join(f"• {briefing_line(b, p)}" for b, p in latest[:limit]))]


def people_section(people: Sequence[Person], days: int = 30, limit: int = 8) -> list[dict[str, Any]]:
    if not people:
        return []
    return [_section(f"*Most quoted, last {days} days*\n" + "\n".join(person_line(p) for p in people[:limit]))]


def subscriptions_section(lines: Sequence[str]) -> list[dict[str, Any]]:
    """`lines` are already safe mrkdwn (built by subscription_line)."""
    if not lines:
        return [_section("*Subscriptions*\nNo channel is subscribed yet: `/digest subscribe` in a channel.")]
    return [_section("*Subscriptions*\n" + "\n".join(lines[:20]))]


def subscription_line(channel: str, what: str, state: str) -> str:
    return f"• <#{escape(channel)}>: {escape(what)} · {escape(state)}"


def sources_section(sources: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    if not sources:
        return []
    return [_section("*Sources*")] + [_section(source_line(s)) for s in sources[:20]]


def home_view(sections: Sequence[list[dict[str, Any]]], now: dt.datetime) -> dict[str, Any]:
    """The Home tab from its sections, separated by dividers, within 100 blocks."""
    blocks: list[dict[str, Any]] = [HeaderBlock(text="digestbot").to_dict()]
    footer = _context(f"Updated {now:%Y-%m-%d %H:%M} UTC")
    for section in sections:
        if not section:
            continue
        room = HOME_MAX_BLOCKS - len(blocks) - 2
        if room <= 1:
            break
        if len(blocks) > 1:
            blocks.append(DividerBlock().to_dict())
        blocks += section[: room - 1]
    return {"type": "home", "blocks": blocks + [footer]}

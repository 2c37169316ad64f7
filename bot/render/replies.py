"""Block Kit for replies that are not digests: help texts, short notices, briefing lists, the App Home tab."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.render.mrkdwn import SECTION_MAX, escape, link, pack_lines, truncate
from bot.understand.model import Briefing

MAX_LISTED = 10

# mrkdwn: `<`, `>` and `&` are escaped even inside backticks, or Slack reads `<words>` as a control sequence.
DIGEST_HELP = """\
*`/digest` shows and manages the briefing digests of this channel.*
• `/digest latest` – the newest digest
• `/digest 2025-06-02` (or `yesterday`, `June 2`) – the digests of a day
• `/digest search &lt;words&gt;` – briefings that mention the words
• `/digest subscribe` – post new digests here as they arrive
• `/digest subscribe 0 8 * * mon-fri Europe/Berlin` – post at 08:00 on weekdays (cron, optional timezone)
• `/digest subscribe &lt;source&gt;` – follow one source only (see `/digest sources`)
• `/digest unsubscribe` – stop posting here
• `/digest subscribe weekly mon 08:00 Europe/Berlin` – a weekly roll-up of the past week here
• `/digest unsubscribe weekly` – stop the weekly roll-up
• `/digest speakers` – the most quoted people of the last 30 days
• `/digest sources` – the sources and their health
• `/digest status` – this channel's subscription and deliveries (and what to do when they are blocked)
• `/digest help` – this text
Ask who said something with `/whosaid &lt;phrase&gt;`, e.g. `/whosaid root causes`."""

WHOSAID_HELP = """\
*`/whosaid &lt;phrase&gt;` finds who said it in the briefings.*
Type a few words from the quote, e.g. `/whosaid root causes`, or a person: `/whosaid from:Ian` \
lists what Ian said, newest first, and `/whosaid from:Ian NATO` only the quotes about NATO. Exact phrases rank first, then quotes \
with all the words, then near spellings (`root cuases` still works). Only you see the answer; \
the *Share in channel* button posts it for everyone."""


def message(text: str) -> list[dict[str, Any]]:
    """One mrkdwn section that keeps its line breaks; `text` is ours (already safe mrkdwn), never a user's raw input."""
    if len(text) > SECTION_MAX:
        text = next(pack_lines(text.splitlines(), SECTION_MAX - 2)) + "\n…"
    return [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]


def help_blocks() -> list[dict[str, Any]]:
    return message(DIGEST_HELP) + message(WHOSAID_HELP)


def briefing_line(briefing: Briefing, permalink: str | None = None) -> str:
    """`*Title* · 2025-06-02 · 3 sections, 5 speakers`, the title linked to its digest when posted."""
    title = truncate(briefing.title or "(untitled briefing)", 200)
    shown = link(permalink, title) if permalink else f"*{escape(title)}*"
    facts = [briefing.date.isoformat() if briefing.date else None]
    facts.append(f"{len(briefing.sections)} section{'s' if len(briefing.sections) != 1 else ''}")
    if briefing.speakers:
        facts.append(", ".join(escape(s) for s in briefing.speakers[:5]) + (" …" if len(briefing.speakers) > 5 else ""))
    return " · ".join([shown] + [f for f in facts if f])


def briefing_list(intro: str, items: Sequence[tuple[Briefing, str | None]]) -> list[dict[str, Any]]:
    lines = [f"• {briefing_line(b, p)}" for b, p in items[:MAX_LISTED]]
    more = f"\n…and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else ""
    return message(f"{intro}\n" + "\n".join(lines) + more)


def home_view(
    latest: Sequence[tuple[Briefing, str | None]], sources: Sequence[dict[str, Any]], now: dt.datetime
) -> dict[str, Any]:
    """The App Home tab: the latest digests, source health and how to use the commands."""
    blocks: list[Any] = [HeaderBlock(text="digestbot"), SectionBlock(text=MarkdownTextObject(text="*Latest digests*"))]
    if latest:
        blocks += [SectionBlock(text=MarkdownTextObject(text=briefing_line(b, p))) for b, p in latest[:MAX_LISTED]]
    else:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text="No briefings yet. New ones appear here as they arrive."))
        )
    if sources:
        blocks += [DividerBlock(), SectionBlock(text=MarkdownTextObject(text="*Sources*"))]
        blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(source_line(s) for s in sources[:20]))))
    blocks += [DividerBlock(), SectionBlock(text=MarkdownTextObject(text=DIGEST_HELP))]
    blocks += [SectionBlock(text=MarkdownTextObject(text=WHOSAID_HELP))]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"Updated {now:%Y-%m-%d %H:%M} UTC")]))
    return {"type": "home", "blocks": [b.to_dict() for b in blocks]}


def source_line(status: dict[str, Any]) -> str:
    """`• ft-feed (feed): ok, last success 2025-06-02 08:00` or its last error."""
    name = escape(str(status.get("name")))
    kind = escape(str(status.get("kind", "")))
    ok = status.get("last_success")
    when = f"last success {ok:%Y-%m-%d %H:%M}" if isinstance(ok, dt.datetime) else "not fetched yet"
    error = status.get("last_error")
    failures = status.get("failures") or 0
    health = (
        f":warning: {escape(truncate(str(error), 200))} ({failures} failures in a row)" if error and failures else "ok"
    )
    return f"• *{name}* ({kind}): {health}, {when}"

"""Asking anywhere: the *Who said this?* message shortcut, @mentions, direct messages and the Home search box.

Every listener acknowledges at once (Slack's 3 seconds) and answers from Bolt's listener pool: the
shortcut privately through its response_url (works in channels the bot has not joined), mentions in
the thread they came from, direct messages in the conversation, the Home search by republishing
the Home tab with the answer. Slack's retries of an event are answered once: the app-wide
middleware of bot/slack/dedupe.py records event ids in the database.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.render.home import (
    ASK_HELP,
    SEARCH_ACTION,
    home_view,
    latest_section,
    match_blocks,
    people_section,
    results_section,
    search_section,
    sources_section,
    speakers_blocks,
    subscription_line,
    subscriptions_section,
)
from bot.render.mrkdwn import escape, truncate, unescape
from bot.render.replies import message
from bot.render.whosaid import whosaid_blocks
from bot.store import QueryError
from bot.understand.match import rank, search_words
from bot.understand.model import WhosaidHit
from bot.understand.speakers import parse_from

if TYPE_CHECKING:
    from bot.slack.app import BotContext

log = logging.getLogger(__name__)
SHORTCUT = "whosaid_message"
SPEAKER_DAYS = 30
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_ASK = re.compile(r"^\s*(?:who\s+said|whosaid|who\s+says)\s*[:,]?\s*", re.IGNORECASE)
_MARKS = "\"“”„«»'‘’?!. "
PHRASE_MAX_WORDS = 8  # longer questions are matched like a pasted message


def register(app: App, ctx: BotContext) -> None:
    def shortcut(body: dict[str, Any], respond: Respond) -> None:
        answer_shortcut(ctx, body, respond)

    def mention(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        reply_in_conversation(ctx, event, client, thread=True)

    def direct(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        reply_in_conversation(ctx, event, client, thread=bool(event.get("thread_ts")))

    def search(body: dict[str, Any], client: WebClient) -> None:
        action = (body.get("actions") or [{}])[0]
        publish_home(ctx, client, body.get("user", {}).get("id", ""), str(action.get("value") or ""))

    app.shortcut(SHORTCUT)(ack=_just_ack, lazy=[shortcut])
    app.event("app_mention")(ack=_just_ack, lazy=[mention])
    app.event("message")(ack=_just_ack, lazy=[direct])
    app.action(SEARCH_ACTION)(ack=_just_ack, lazy=[search])


def _just_ack(ack: Ack) -> None:
    ack()


# -- answers ----------------------------------------------------------------------------------


def _links(ctx: BotContext, hits: Sequence[WhosaidHit], channel: str | None) -> dict[int, str]:
    """Links to the posted digests of the hits' briefings and of where else they stand (in `channel` first)."""
    ids = [h.briefing_id for h in hits] + [a.briefing_id for h in hits for a in h.also]
    return ctx.permalinks(list(dict.fromkeys(ids)), channel)


def match_message(ctx: BotContext, text: str, channel: str | None) -> tuple[list[dict[str, Any]], str]:
    """The archived quotes a message contains (or nearly), as blocks and a fallback text."""
    candidates = ctx.store.candidates(search_words(text))
    matches, near = rank(text, candidates)
    found, close = [s.hit for s in matches], [s.hit for s in near]
    if found:
        first = found[0]
        fallback = f"{first.speaker or 'Unattributed'}: “{truncate(first.quote, 150)}”"
    else:
        fallback = "Nothing in the archive matches this message."
    return match_blocks(text, found, close, _links(ctx, found + close, channel)), escape(fallback)


def answer_text(ctx: BotContext, text: str, channel: str | None) -> tuple[list[dict[str, Any]], str]:
    """An answer to a question typed to the bot: help, `from:`, a phrase, or a pasted message."""
    asked = " ".join(unescape(_MENTION.sub(" ", text or "")).split())  # Slack sends &, < and > escaped
    phrase = _ASK.sub("", asked).strip(_MARKS)
    if phrase.lower() in ("", "help", "hi", "hello"):
        return message(ASK_HELP), "What I can do"
    if parse_from(phrase) is not None or len(phrase.split()) <= PHRASE_MAX_WORDS:
        try:
            hits = ctx.store.whosaid(phrase, limit=5)
        except QueryError as exc:
            return message(escape(str(exc))), escape(str(exc))
        if hits or parse_from(phrase) is not None:
            first = hits[0] if hits else None
            fallback = (
                f"{first.speaker or 'Unattributed'}: “{truncate(first.quote, 150)}”" if first else "No quotes match."
            )
            return whosaid_blocks(phrase, hits, permalinks=_links(ctx, hits, channel), share=False), escape(fallback)
    return match_message(ctx, asked, channel)


def answer_shortcut(ctx: BotContext, body: dict[str, Any], respond: Respond) -> None:
    text = (body.get("message") or {}).get("text") or ""
    channel = (body.get("channel") or {}).get("id")
    if not text.strip():
        respond(response_type="ephemeral", replace_original=False, text="That message has no text to look up.")
        return
    blocks, fallback = match_message(ctx, unescape(text), channel)
    respond(response_type="ephemeral", replace_original=False, blocks=blocks, text=fallback)


def reply_in_conversation(ctx: BotContext, event: dict[str, Any], client: WebClient, *, thread: bool) -> None:
    channel = event.get("channel")
    if not channel:
        return
    blocks, fallback = answer_text(ctx, event.get("text") or "", channel)
    where = {"thread_ts": event.get("thread_ts") or event.get("ts")} if thread else {}
    client.chat_postMessage(
        channel=channel, blocks=blocks, text=fallback, unfurl_links=False, unfurl_media=False, **where
    )


def speakers_reply(ctx: BotContext) -> tuple[list[dict[str, Any]], str]:
    since = ctx.clock().date() - dt.timedelta(days=SPEAKER_DAYS)
    return speakers_blocks(ctx.store.people(since), SPEAKER_DAYS), f"Most quoted in the last {SPEAKER_DAYS} days"


# -- App Home ---------------------------------------------------------------------------------


def home_sections(ctx: BotContext, query: str = "") -> list[list[dict[str, Any]]]:
    """The Home tab's sections, in order; callers may add their own before publishing."""
    hits: list[WhosaidHit] = []
    error = None
    if query.strip():
        try:
            hits = ctx.store.whosaid(query, limit=5)
        except QueryError as exc:
            error = str(exc)
    stored = ctx.store.latest(8)
    links = ctx.permalinks([s.id for s in stored])
    since = ctx.clock().date() - dt.timedelta(days=SPEAKER_DAYS)
    sources = [{**s, **ctx.store.source_state(s["name"])} for s in ctx.sources]
    from bot.render.blocked import blocked_blocks

    blocked = [(b.channel, b.reason, b.since, b.waiting) for b in ctx.store.outbox.blocks()]
    return [
        blocked_blocks(blocked),  # deliveries waiting for someone to act come first
        search_section(query) + results_section(query, hits, error, _links(ctx, hits, None)),
        latest_section([(s.briefing, links.get(s.id)) for s in stored]),
        people_section(ctx.store.people(since), SPEAKER_DAYS),
        subscriptions_section(subscription_lines(ctx)),
        sources_section(sources),
        message(ASK_HELP),
    ]


def subscription_lines(ctx: BotContext) -> list[str]:
    counts: dict[str, dict[str, int]] = {}
    for d in ctx.store.outbox.deliveries():
        if d.part == 0:
            counts.setdefault(d.channel, {}).setdefault(d.state, 0)
            counts[d.channel][d.state] += 1
    lines = []
    for sub in ctx.store.subscriptions():
        what = "every digest as it arrives" if sub.schedule == "asap" else f"digests on {sub.schedule} ({sub.timezone})"
        if sub.source != "*":
            what += f" from {sub.source}"
        lines.append(subscription_line(sub.channel, what, _state(counts.get(sub.channel, {}))))
    for roll in ctx.store.rollups():
        lines.append(
            subscription_line(roll.channel, f"weekly roll-up, {roll.weekday} {roll.at} ({roll.timezone})", "on")
        )
    return lines


def _state(counts: dict[str, int]) -> str:
    parts = [f"{counts[s]} {s}" for s in ("sent", "pending", "unknown", "failed") if counts.get(s)]
    return ", ".join(parts) if parts else "nothing posted yet"


def publish_home(ctx: BotContext, client: WebClient, user: str, query: str = "") -> None:
    if not user:
        return
    client.views_publish(user_id=user, view=home_view(home_sections(ctx, query), ctx.clock()))

"""The Bolt app: `/whosaid`, `/digest`, the share button and the App Home tab.

Every command is answered in its acknowledgement (Slack's 3 seconds; ours take milliseconds), as
an ephemeral response, so it works in channels the bot has not joined. Slow follow-up work (posting
a shared answer, publishing the Home tab) runs after the ack on Bolt's listener pool.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.render.digest import escape, truncate, whosaid_blocks
from bot.render.replies import DIGEST_HELP, WHOSAID_HELP
from bot.slack.commands import DigestCommand, parse_digest
from bot.understand.model import Briefing, WhosaidHit
from bot.render.replies import briefing_list, help_blocks, message
from bot.pipeline import Pipeline
from bot.schedule.triggers import ScheduleError, validate
from bot.store import QueryError, Store

log = logging.getLogger(__name__)
LISTENER_THREADS = 64  # Bolt's default of 5 left 35 of 50 concurrent commands un-acked after 3 s


@dataclass
class BotContext:
    store: Store
    pipeline: Pipeline
    sources: list[dict[str, Any]] = field(default_factory=list)  # configured source specs (name, kind, ...)
    team_url: str | None = None  # https://team.slack.com/ from auth.test, for links to posted digests
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    on_subscribed: Callable[[str], None] | None = None  # e.g. join the channel so its history can be read
    rollups: Any = None  # bot.schedule.rollup.RollupJobs: weekly roll-up subscriptions

    def permalinks(self, briefing_ids: list[int], channel: str | None = None) -> dict[int, str]:
        """Links to posted digests (this channel's own post first), built without an API call."""
        if not self.team_url or not briefing_ids:
            return {}
        base = self.team_url.rstrip("/")
        posted = self.store.outbox.posted(briefing_ids, channel)
        return {bid: f"{base}/archives/{ch}/p{ts.replace('.', '')}" for bid, (ch, ts) in posted.items()}


def build_app(ctx: BotContext, *, signing_secret: str | None, client: WebClient, oauth_settings: Any = None) -> App:
    """The Bolt app; `client` carries the bot token (none with `oauth_settings`) and the Web API base URL."""
    app = App(
        signing_secret=signing_secret or "socket-mode",
        client=client,
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="bolt"),
        token_verification_enabled=False,
        request_verification_enabled=signing_secret is not None,
        ignoring_self_events_enabled=True,
        url_verification_enabled=True,
        oauth_settings=oauth_settings,
    )
    register(app, ctx)
    from bot.slack.install import register_lifecycle

    register_lifecycle(app)
    return app


def register(app: App, ctx: BotContext) -> None:
    @app.command("/whosaid")
    def whosaid(ack: Ack, command: dict[str, Any]) -> None:
        _whosaid(ctx, ack, command)

    @app.command("/digest")
    def digest(ack: Ack, command: dict[str, Any]) -> None:
        _digest(ctx, ack, command)

    def share(body: dict[str, Any], respond: Respond) -> None:
        _share(ctx, body, respond)

    def home(event: dict[str, Any], client: WebClient) -> None:
        _home(ctx, event, client)

    app.action("whosaid_share")(ack=_just_ack, lazy=[share])
    app.event("app_home_opened")(ack=_just_ack, lazy=[home])
    register_resume(app, ctx)
    from bot.slack import ask

    ask.register(app, ctx)  # the message shortcut, @mentions, direct messages, the Home search box
    app.error(_error)


def register_resume(app: App, ctx: BotContext) -> None:
    """Events that end a block by themselves (the bot joined, the channel was unarchived), and
    Slack's event retries answered without running a listener twice (for every event listener)."""
    from bot.slack.dedupe import once_per_event

    app.middleware(once_per_event(ctx.store.first_seen))

    def joined(event: dict[str, Any], context: dict[str, Any]) -> None:
        if event.get("user") and event.get("user") == context.get("bot_user_id"):
            _resume(ctx, event.get("channel"), "the bot joined")

    def unarchived(event: dict[str, Any]) -> None:
        _resume(ctx, event.get("channel"), "the channel was unarchived")

    app.event("member_joined_channel")(ack=_just_ack, lazy=[joined])
    app.event("channel_unarchive")(ack=_just_ack, lazy=[unarchived])
    app.event("group_unarchive")(ack=_just_ack, lazy=[unarchived])


def _resume(ctx: BotContext, channel: Any, why: str) -> None:
    if isinstance(channel, str) and channel:
        lifted = ctx.store.outbox.unblock(channel)
        log.info("%s: %s; %d deliveries resume", channel, why, lifted)


def _just_ack(ack: Ack) -> None:
    ack()


def _whosaid(ctx: BotContext, ack: Ack, command: dict[str, Any]) -> None:
    query = command.get("text") or ""
    if query.strip().lower() in ("", "help", "?"):
        ack(response_type="ephemeral", text="How to use /whosaid", blocks=message(WHOSAID_HELP))
        return
    try:
        hits = ctx.store.whosaid(query, limit=5)
    except QueryError as exc:
        reason = escape(str(exc))
        ack(response_type="ephemeral", text=reason, blocks=message(f"{reason}\n\n{WHOSAID_HELP}"))
        return
    ack(response_type="ephemeral", text=_whosaid_text(query, hits), blocks=_answer_blocks(ctx, query, hits, command))


def _answer_blocks(ctx: BotContext, query: str, hits: list[WhosaidHit], command: dict[str, Any], share: bool = True) -> list[dict]:
    links = ctx.permalinks([h.briefing_id for h in hits], command.get("channel_id"))
    return whosaid_blocks(query, hits, permalinks=links, share=share and bool(hits))


def _whosaid_text(query: str, hits: list[WhosaidHit]) -> str:
    if not hits:
        return f"No quotes match “{_plain(query)}” yet."
    first = hits[0]
    return _plain(f"{first.speaker or 'Unattributed'}: “{first.quote[:200]}” ({first.title[:100]})")


def _share(ctx: BotContext, body: dict[str, Any], respond: Respond) -> None:
    """Post the answer for everyone through the command's response_url (no channel membership needed)."""
    try:
        query = json.loads(body["actions"][0]["value"])["q"]
        hits = ctx.store.whosaid(query, limit=5)
    except (KeyError, IndexError, ValueError, TypeError):
        respond(response_type="ephemeral", replace_original=False, text="That answer can no longer be shared.")
        return
    user = body.get("user", {}).get("id")
    blocks = message(f"<@{user}> asked who said “{_plain(query)}”") if user else []
    blocks += _answer_blocks(ctx, query, hits[:3], {"channel_id": body.get("channel", {}).get("id")}, share=False)
    respond(response_type="in_channel", replace_original=False, delete_original=True, blocks=blocks, text=_whosaid_text(query, hits))


def _plain(text: str) -> str:
    """User or briefing text made inert for mrkdwn (no pings, no links)."""
    return escape(truncate(" ".join(text.split()), 200))


def _digest(ctx: BotContext, ack: Ack, command: dict[str, Any]) -> None:
    names = frozenset(s["name"] for s in ctx.sources)
    cmd = parse_digest(command.get("text") or "", ctx.clock().date(), names)
    blocks, text = _digest_reply(ctx, cmd, command.get("channel_id") or "")
    ack(response_type="ephemeral", blocks=blocks, text=text)
    if cmd.action == "subscribe":
        _subscribed(ctx, command.get("channel_id") or "", cmd.source, command.get("user_id"))


def _subscribed(ctx: BotContext, channel: str, source: str, user: str | None) -> None:
    """Remember who subscribed (they are told if posting there gets blocked), then join the channel."""
    if user and ctx.store.set_subscriber(channel, source, user) and ctx.on_subscribed is not None:
        ctx.on_subscribed(channel)


def _digest_reply(ctx: BotContext, cmd: DigestCommand, channel: str) -> tuple[list[dict], str]:
    store = ctx.store
    if cmd.action == "help":
        return help_blocks(), "How to use /digest"
    if cmd.action == "error":
        return message(cmd.error or DIGEST_HELP), cmd.error or "Try /digest help"
    if cmd.action == "latest":
        return _listing(ctx, "*The latest briefings*", store.latest(5), channel, "No briefings yet.")
    if cmd.action == "date" and cmd.date:
        return _listing(ctx, f"*Briefings of {cmd.date.isoformat()}*", store.on_date(cmd.date), channel,
                        f"No briefings dated {cmd.date.isoformat()}. Try `/digest latest`.")
    if cmd.action == "search":
        try:
            found = store.search_briefings(cmd.words, limit=10)
        except QueryError as exc:
            return message(escape(str(exc))), escape(str(exc))
        return _listing(ctx, "*Briefings that mention it*", found, channel, "No briefing mentions that. Try fewer words.")
    if cmd.action == "subscribe":
        return _subscribe(ctx, cmd, channel)
    if cmd.action == "unsubscribe":
        gone = store.unsubscribe(channel, source=cmd.source)
        text = "This channel no longer gets digests." if gone else "This channel was not subscribed."
        return message(text), text
    if cmd.action == "status":
        from bot.render.blocked import status_text

        subs = [(x.source, x.schedule, x.timezone) for x in store.subscriptions() if x.channel == channel]
        blocks = [(b.channel, b.reason, b.since) for b in store.outbox.blocks() if b.channel in (channel, "*")]
        text = status_text(channel, subs, store.outbox.channel_counts(channel), blocks)
        return message(text), "Digest status of this channel"
    if cmd.action == "speakers":
        from bot.slack.ask import speakers_reply

        return speakers_reply(ctx)
    if cmd.action in ("subscribe_weekly", "unsubscribe_weekly"):
        from bot.slack.rollup import rollup_reply

        return rollup_reply(ctx, cmd, channel)
    if cmd.action == "sources":
        from bot.render.replies import source_line

        lines = [source_line({**s, **store.source_state(s["name"])}) for s in ctx.sources] or ["No sources configured."]
        return message("*Sources*\n" + "\n".join(lines)), "Sources"
    return help_blocks(), "How to use /digest"


def _listing(ctx: BotContext, intro: str, stored: list[Any], channel: str, empty: str) -> tuple[list[dict], str]:
    if not stored:
        return message(empty), empty
    links = ctx.permalinks([s.id for s in stored], channel)
    items: list[tuple[Briefing, str | None]] = [(s.briefing, links.get(s.id)) for s in stored]
    return briefing_list(intro, items), intro.strip("*")


def _subscribe(ctx: BotContext, cmd: DigestCommand, channel: str) -> tuple[list[dict], str]:
    timezone = cmd.timezone or "UTC"
    try:
        schedule = validate(cmd.schedule, timezone)
    except ScheduleError as exc:
        text = f"{escape(str(exc))}. Example: `/digest subscribe 0 8 * * mon-fri Europe/Berlin`."
        return message(text), text
    seeded = ctx.pipeline.subscribe(channel, cmd.source, schedule, timezone)
    when = "as soon as new briefings arrive" if schedule == "asap" else f"on `{schedule}` ({timezone})"
    what = "all sources" if cmd.source == "*" else f"`{cmd.source}`"
    text = f"Subscribed: this channel gets digests of {what} {when}."
    if seeded:
        text += f" The {seeded} briefings already in the archive will not be posted."
    text += " In a private channel, invite me first: `/invite @digestbot`."
    return message(text), text


def _home(ctx: BotContext, event: dict[str, Any], client: WebClient) -> None:
    if event.get("tab") not in (None, "home"):
        return
    from bot.slack.ask import publish_home

    publish_home(ctx, client, event["user"])


def _error(error: Exception, body: dict[str, Any]) -> None:
    log.error("listener failed: %s", type(error).__name__, exc_info=error)

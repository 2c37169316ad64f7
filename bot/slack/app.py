"""The Bolt app: `/whosaid`, `/digest`, the share button and the App Home tab.

Every command is answered in its acknowledgement (Slack's 3 seconds; ours take milliseconds), as
an ephemeral response, so it works in channels the bot has not joined. Slow follow-up work (posting
a shared answer, publishing the Home tab) runs after the ack on Bolt's listener pool.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.outbox import Permalinks
from bot.pipeline import Pipeline
from bot.render.mrkdwn import escape, truncate, unescape
from bot.render.replies import DIGEST_HELP, WHOSAID_HELP, briefing_list, help_blocks, message
from bot.render.whosaid import whosaid_blocks
from bot.schedule.rollup import RollupJobs
from bot.schedule.triggers import ScheduleError, validate
from bot.slack.commands import DigestCommand, parse_digest
from bot.store import QueryError, Store
from bot.understand.model import Briefing, WhosaidHit

log = logging.getLogger(__name__)
LISTENER_THREADS = 64  # Bolt's default of 5 left 35 of 50 concurrent commands un-acked after 3 s


@dataclass
class BotContext:
    store: Store
    pipeline: Pipeline
    sources: list[dict[str, Any]] = field(default_factory=list)  # configured source specs (name, kind, ...)
    links: Permalinks = field(default_factory=Permalinks)  # to posted digests, on each workspace's URL
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    configured_channels: frozenset[str] = frozenset()  # set by the operator: not changeable from Slack
    on_subscribed: Callable[[str], None] | None = None  # e.g. join the channel so its history can be read
    rollups: RollupJobs | None = None  # weekly roll-up subscriptions

    def permalinks(self, briefing_ids: list[int], channel: str | None = None) -> dict[int, str]:
        """Links to posted digests (this channel's own post first), each on its own workspace's URL."""
        return self.links(self.store.outbox, briefing_ids, channel)


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

    register_lifecycle(app, pause=ctx.store.outbox.pause_workspace)
    return app


def register(app: App, ctx: BotContext) -> None:
    @app.command("/whosaid")
    def whosaid(ack: Ack, command: dict[str, Any]) -> None:
        _whosaid(ctx, ack, command)

    @app.command("/digest")
    def digest(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        _digest(ctx, ack, command, client)

    def share(body: dict[str, Any], client: WebClient) -> None:
        _share(ctx, body, client)

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
    query = unescape(command.get("text") or "")  # Slack sends &, < and > as &amp;, &lt; and &gt;
    if query.strip().lower() in ("", "help", "?"):
        ack(response_type="ephemeral", text="How to use /whosaid", blocks=message(WHOSAID_HELP))
        return
    try:
        hits = ctx.store.whosaid(query, limit=5)
    except QueryError as exc:
        reason = escape(str(exc))
        ack(response_type="ephemeral", text=reason, blocks=message(f"{reason}\n\n{WHOSAID_HELP}"))
        return
    try:
        blocks = _answer_blocks(ctx, query, hits, command)
    except Exception:  # never answer a command with an HTTP 500
        log.exception("rendering the /whosaid answer failed")
        ack(response_type="ephemeral", text=SORRY, blocks=message(SORRY))
        return
    ack(response_type="ephemeral", text=_whosaid_text(query, hits), blocks=blocks)


SORRY = "Something went wrong on my side while answering; it is logged. Try again, or with other words."


def _answer_blocks(
    ctx: BotContext, query: str, hits: list[WhosaidHit], command: dict[str, Any], share: bool = True
) -> list[dict]:
    ids = [h.briefing_id for h in hits] + [a.briefing_id for h in hits for a in h.also]
    links = ctx.permalinks(list(dict.fromkeys(ids)), command.get("channel_id"))
    return whosaid_blocks(query, hits, permalinks=links, share=share and bool(hits))


def _whosaid_text(query: str, hits: list[WhosaidHit]) -> str:
    if not hits:
        return f"No quotes match “{_plain(query)}” yet."
    first = hits[0]
    return _plain(f"{first.speaker or 'Unattributed'}: “{first.quote[:200]}” ({first.title[:100]})")


def _share(ctx: BotContext, body: dict[str, Any], client: WebClient) -> None:
    """Post the answer for everyone through the action's response_url (no channel membership needed),
    then delete the private answer in a second call: Slack wants `delete_original` on its own."""
    url = body.get("response_url") or ""
    user = (body.get("user") or {}).get("id")
    channel = (body.get("channel") or {}).get("id")
    try:
        query = json.loads(body["actions"][0]["value"])["q"]
        hits = ctx.store.whosaid(query, limit=5)
    except (KeyError, IndexError, ValueError, TypeError):
        _tell(client, url, channel, user, "That answer can no longer be shared; ask `/whosaid` again.")
        return
    blocks = message(f"<@{user}> asked who said “{_plain(query)}”") if user else []
    blocks += _answer_blocks(ctx, query, hits[:3], {"channel_id": channel}, share=False)
    posted = _hook(
        url,
        {
            "response_type": "in_channel",
            "replace_original": False,
            "blocks": blocks,
            "text": _whosaid_text(query, hits),
            "unfurl_links": False,
            "unfurl_media": False,
        },
    )
    if posted is None:
        _hook(url, {"delete_original": True})
        return
    log.warning("sharing a /whosaid answer failed: %s", posted)
    _tell(
        client,
        url,
        channel,
        user,
        f"Sharing failed ({escape(posted)}): this answer has expired. Ask `/whosaid` again and share the new answer.",
    )


def _hook(url: str, payload: dict[str, Any]) -> str | None:
    """POST to a response_url once (no retries: a resent share would post twice); None when Slack says ok."""
    from slack_sdk.webhook import WebhookClient

    if not url.startswith(("https://", "http://")):
        return "no_response_url"
    try:
        response = WebhookClient(url, timeout=10, retry_handlers=[]).send_dict(payload)
    except Exception as exc:  # noqa: BLE001 - network trouble is one more reason to tell the user
        return type(exc).__name__
    body = (response.body or "").strip()
    if response.status_code == 200 and body in ("", "ok", '{"ok":true}', '{"ok": true}'):
        return None
    return body[:100] or f"HTTP {response.status_code}"


def _tell(client: WebClient, url: str, channel: str | None, user: str | None, text: str) -> None:
    """Tell the one user something, through the response_url or, when that is spent, an ephemeral message."""
    if _hook(url, {"response_type": "ephemeral", "replace_original": False, "text": text}) is None:
        return
    if not (channel and user):
        return
    try:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    except Exception as exc:  # noqa: BLE001 - nothing else can reach the user
        log.warning("could not tell %s that sharing failed: %s", user, type(exc).__name__)


def _plain(text: str) -> str:
    """User or briefing text made inert for mrkdwn (no pings, no links)."""
    return escape(truncate(" ".join(text.split()), 200))


def _digest(ctx: BotContext, ack: Ack, command: dict[str, Any], client: WebClient | None = None) -> None:
    names = frozenset(s["name"] for s in ctx.sources)
    cmd = parse_digest(unescape(command.get("text") or ""), ctx.clock().date(), names)
    if cmd.action in ("subscribe", "unsubscribe", "subscribe_weekly", "unsubscribe_weekly"):
        response_type, text = _change_subscription(ctx, cmd, command, client)
        ack(response_type=response_type, blocks=message(text), text=text)
        changed = response_type == "in_channel"  # every change is announced in the channel, refusals are not
        if changed and cmd.action in ("subscribe", "subscribe_weekly"):
            # its digests are posted with the token of the workspace (or org) the command came from
            ctx.store.set_workspace(
                command.get("channel_id") or "", command.get("team_id"), command.get("enterprise_id")
            )
        if changed and cmd.action == "subscribe":
            _subscribed(ctx, command.get("channel_id") or "", cmd.source, command.get("user_id"))
        return
    blocks, text = _digest_reply(ctx, cmd, command.get("channel_id") or "")
    ack(response_type="ephemeral", blocks=blocks, text=text)


def _subscribed(ctx: BotContext, channel: str, source: str, user: str | None) -> None:
    """Remember who subscribed (they are told if posting there gets blocked), then join the channel."""
    if user and ctx.store.set_subscriber(channel, source, user) and ctx.on_subscribed is not None:
        ctx.on_subscribed(channel)


_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
MEMBER_PAGES = 20  # 200 members a page: channels up to 4,000 members


def _change_subscription(
    ctx: BotContext, cmd: DigestCommand, command: dict[str, Any], client: WebClient | None
) -> tuple[str, str]:
    """Subscribe or unsubscribe the channel: only its members may, never a channel the operator configured,
    and the whole channel is told who changed what (`in_channel`)."""
    channel, user = command.get("channel_id") or "", command.get("user_id") or ""
    weekly = cmd.action in ("subscribe_weekly", "unsubscribe_weekly")  # roll-ups are never set by the operator
    if channel in ctx.configured_channels and not weekly:
        return "ephemeral", (
            "This channel's digests are set by the bot's operator (config/digestbot.toml or "
            "DIGEST_CHANNEL); ask them to change it."
        )
    membership = _membership(client, channel, user)
    if membership.status == "refused":
        return "ephemeral", membership.why
    hidden = membership.status == "hidden"
    who = f"<@{user}>" if _USER_ID.match(user) else "Someone"
    if weekly:
        from bot.slack.rollup import change_rollup

        changed, text = change_rollup(ctx, cmd, channel)
        return ("in_channel", f"{who} {text}") if changed else ("ephemeral", text)
    if cmd.action == "unsubscribe":
        if not ctx.store.unsubscribe(channel, source=cmd.source):
            return "ephemeral", "This channel was not subscribed."
        what = "" if cmd.source == "*" else f" of `{escape(cmd.source)}`"
        return "in_channel", f"{who} stopped the digests{what} in this channel. `/digest subscribe` starts them again."
    done, text = _subscribe(ctx, cmd, channel)
    if done and hidden:
        text += " I am not in this private channel yet: `/invite @digestbot` and the digests will follow."
    return ("in_channel", f"{who} subscribed this channel. {text}") if done else ("ephemeral", text)


@dataclass(frozen=True, slots=True)
class Membership:
    """May `user` change `channel`'s digests? `member` (conversations.members lists them), `hidden` (the
    bot cannot see the channel: a private one it was not invited to yet; only members see a private
    channel, so the person typing is one) or `refused`, with why."""

    status: Literal["member", "hidden", "refused"]
    why: str = ""


def _refused(why: str) -> Membership:
    return Membership("refused", why)


def _membership(client: WebClient | None, channel: str, user: str) -> Membership:
    from slack_sdk.errors import SlackApiError

    if client is None:
        return _refused("I cannot check who is in this channel right now; try again in a minute.")
    cursor = None
    try:
        for _ in range(MEMBER_PAGES):
            page = client.conversations_members(channel=channel, limit=200, cursor=cursor)
            if user in (page.get("members") or []):
                return Membership("member")
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else "error"
        if error in ("channel_not_found", "not_in_channel"):
            return Membership("hidden")
        if error == "missing_scope":
            return _refused(
                "I may not read this channel's members yet: the app needs the channels:read and groups:read "
                "scopes; ask an admin to reinstall it."
            )
        return _refused(
            f"I cannot see who is in this channel ({escape(str(error))}); invite me with `/invite @digestbot`, "
            "then try again."
        )
    except Exception as exc:  # noqa: BLE001 - Slack unreachable: refuse, and say so
        log.warning("conversations.members failed: %s", type(exc).__name__)
        return _refused("I cannot reach Slack to check who is in this channel; try again in a minute.")
    return _refused("Only members of this channel can change its digests.")


def _digest_reply(ctx: BotContext, cmd: DigestCommand, channel: str) -> tuple[list[dict], str]:
    store = ctx.store
    if cmd.action == "help":
        return help_blocks(), "How to use /digest"
    if cmd.action == "error":
        return message(cmd.error or DIGEST_HELP), cmd.error or "Try /digest help"
    if cmd.action == "latest":
        return _listing(ctx, "*The latest briefings*", store.latest(5), channel, "No briefings yet.")
    if cmd.action == "date" and cmd.date:
        return _listing(
            ctx,
            f"*Briefings of {cmd.date.isoformat()}*",
            store.on_date(cmd.date),
            channel,
            f"No briefings dated {cmd.date.isoformat()}. Try `/digest latest`.",
        )
    if cmd.action == "search":
        try:
            found = store.search_briefings(cmd.words, limit=10)
        except QueryError as exc:
            return message(escape(str(exc))), escape(str(exc))
        return _listing(
            ctx, "*Briefings that mention it*", found, channel, "No briefing mentions that. Try fewer words."
        )
    if cmd.action == "status":
        from bot.render.blocked import status_text

        subs = [(x.source, x.schedule, x.timezone) for x in store.subscriptions() if x.channel == channel]
        blocks = [(b.channel, b.reason, b.since) for b in store.outbox.blocks() if b.channel in (channel, "*")]
        text = status_text(channel, subs, store.outbox.channel_counts(channel), blocks)
        return message(text), "Digest status of this channel"
    if cmd.action == "speakers":
        from bot.slack.ask import speakers_reply

        return speakers_reply(ctx)
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


def _subscribe(ctx: BotContext, cmd: DigestCommand, channel: str) -> tuple[bool, str]:
    timezone = cmd.timezone or "UTC"
    try:
        schedule = validate(cmd.schedule, timezone)
    except ScheduleError as exc:
        return False, f"{escape(str(exc))}. Example: `/digest subscribe 0 8 * * mon-fri Europe/Berlin`."
    seeded = ctx.pipeline.subscribe(channel, cmd.source, schedule, timezone)
    when = "as soon as new briefings arrive" if schedule == "asap" else f"on `{escape(schedule)}` ({escape(timezone)})"
    what = "all sources" if cmd.source == "*" else f"`{escape(cmd.source)}`"
    text = f"It gets digests of {what} {when}."
    if seeded:
        text += f" The {seeded} briefings already in the archive will not be posted."
    text += " In a private channel, invite me first: `/invite @digestbot`."
    return True, text


def _home(ctx: BotContext, event: dict[str, Any], client: WebClient) -> None:
    if event.get("tab") not in (None, "home"):
        return
    from bot.slack.ask import publish_home

    publish_home(ctx, client, event["user"])


def _error(error: Exception, body: dict[str, Any]) -> None:
    log.error("listener failed: %s", type(error).__name__, exc_info=error)

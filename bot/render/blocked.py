"""What a blocked or failing delivery means and what a person does about it (pure text, mrkdwn)."""

from __future__ import annotations

from typing import Any

from bot.render.mrkdwn import escape

WORKSPACE = "*"

_CHANNEL_ADVICE = {
    "not_in_channel": "I am not a member of {where}. Invite me there with `/invite @digestbot`; "
    "the waiting digests then post by themselves.",
    "channel_not_found": "I cannot see {where}: it was deleted, or it is a private channel or a direct message I "
    "am not in. Invite me with `/invite @digestbot` (digests then resume by themselves), or "
    "`/digest unsubscribe` there.",
    "is_archived": "{where} is archived. Unarchive it and the waiting digests post by themselves, or "
    "`/digest unsubscribe` there.",
    "channel_is_archived": "{where} is archived. Unarchive it and the waiting digests post by themselves.",
    "team_access_not_granted": "{where} belongs to another workspace that has not granted me access.",
}
_REJECTED_ADVICE = (
    "Slack rejected the bot token ({error}). Copy the Bot User OAuth Token again into "
    "SLACK_BOT_TOKEN (reinstall the app if it was revoked) and restart the bot, or, when workspaces "
    "install the app by OAuth, install it again from /slack/install; the waiting digests then post "
    "by themselves."
)
_SCOPE_ADVICE = (
    "The app lacks a permission Slack asked for ({error}). Reinstall it from the manifest in "
    "deploy/manifest.yml; the waiting digests then post by themselves."
)


def where(channel: str) -> str:
    return "this workspace" if channel.startswith(WORKSPACE) else f"<#{channel}>"


def advice(channel: str, error: str) -> str:
    """One or two sentences: what is wrong with posting to `channel` and how to fix it."""
    if channel.startswith(WORKSPACE):  # a whole workspace's block: "*" or "*<org>:<team>"
        return (_SCOPE_ADVICE if error in ("missing_scope", "no_permission") else _REJECTED_ADVICE).format(error=error)
    text = _CHANNEL_ADVICE.get(error)
    if text:
        return text.format(where=where(channel))
    return (
        f"Posting to {where(channel)} is blocked ({error}). Fix the cause, then run "
        "`digestbot deliveries retry` on the bot's host."
    )


def notice(channel: str, error: str, waiting: int) -> str:
    """The private message to the person who subscribed the channel."""
    digests = f"{waiting} digest{'s' if waiting != 1 else ''}" if waiting else "Digests"
    return f"{digests} for {where(channel)} cannot be posted. {advice(channel, error)}"


def status_text(
    channel: str, subscriptions: list[tuple[str, str, str]], counts: dict[str, int], blocks: list[tuple[str, str, Any]]
) -> str:
    """`/digest status`: the channel's subscriptions, its deliveries by state, and any block with its fix."""
    lines = ["*Digests in this channel*"]
    if subscriptions:
        for source, schedule, timezone in subscriptions:
            what = "all sources" if source == "*" else f"`{escape(source)}`"
            when = "as briefings arrive" if schedule == "asap" else f"on `{escape(schedule)}` ({escape(timezone)})"
            lines.append(f"• Subscribed to {what}, {when}.")
    else:
        lines.append("• Not subscribed. `/digest subscribe` posts new digests here.")
    shown = [f"{counts[state]} {label}" for state, label in _STATES if counts.get(state)]
    lines.append("• Deliveries: " + (", ".join(shown) if shown else "none yet") + ".")
    for where_, reason, since in blocks:
        lines.append(
            f"• :warning: Blocked since {since:%Y-%m-%d %H:%M} UTC ({escape(reason)}). {advice(where_, reason)}"
        )
    if counts.get("failed") and not blocks:
        lines.append("• Failed deliveries are re-queued on the bot's host with `digestbot deliveries retry`.")
    return "\n".join(lines)


def blocked_blocks(blocks: list[tuple[str, str, Any, int]]) -> list[dict[str, Any]]:
    """App Home: one section per blocked channel, at the top, with what to do."""
    if not blocks:
        return []
    out: list[dict[str, Any]] = [_section("*:warning: Deliveries waiting for someone*")]
    for channel, reason, since, waiting in blocks[:20]:
        out.append(
            _section(
                f"{where(channel)}: {waiting} waiting since {since:%Y-%m-%d %H:%M} UTC ({escape(reason)}). "
                f"{advice(channel, reason)}"
            )
        )
    return out


_STATES = (
    ("sent", "posted"),
    ("pending", "waiting"),
    ("update", "to update"),
    ("sending", "in flight"),
    ("unknown", "being checked"),
    ("blocked", "blocked"),
    ("failed", "failed"),
)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}

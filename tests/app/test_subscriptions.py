"""Who may change a channel's digests, over real signed requests against the Slack stand-in."""

from __future__ import annotations

import json


def reply(response) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text[:300]
    return response.json()


def text(body: dict) -> str:
    return json.dumps(body.get("blocks", []), ensure_ascii=False) + body.get("text", "")


def subscribed(bot_server) -> set[str]:  # type: ignore[no-untyped-def]
    return {s.channel for s in bot_server.runtime.store.subscriptions()}


def test_a_non_member_cannot_subscribe_or_unsubscribe_a_channel(bot_server):
    bot_server.standin.members["C0TEAM"] = {"U0MEMBER"}
    body = reply(bot_server.command("/digest", "subscribe", channel="C0TEAM", user="U0STRANGER"))
    assert body["response_type"] == "ephemeral" and "Only members" in text(body)
    assert "C0TEAM" not in subscribed(bot_server)
    ok = reply(bot_server.command("/digest", "subscribe", channel="C0TEAM", user="U0MEMBER"))
    assert "C0TEAM" in subscribed(bot_server) and ok["response_type"] == "in_channel"
    body = reply(bot_server.command("/digest", "unsubscribe", channel="C0TEAM", user="U0STRANGER"))
    assert "Only members" in text(body) and "C0TEAM" in subscribed(bot_server)


def test_members_are_found_across_pages(bot_server):
    bot_server.standin.members["C0BIG"] = {f"U{i:06d}" for i in range(450)} | {"U0ZZLAST"}
    body = reply(bot_server.command("/digest", "subscribe", channel="C0BIG", user="U0ZZLAST"))
    assert body["response_type"] == "in_channel" and "C0BIG" in subscribed(bot_server)


def test_a_private_channel_the_bot_cannot_see_yet_subscribes_with_what_to_do(bot_server):
    """Only members see a private channel, so whoever types the command there may subscribe it; the bot
    is told to ask for an invite (its digests wait, blocked, until then)."""
    body = reply(bot_server.command("/digest", "subscribe", channel="G0HIDDEN", user="U0ASKER"))
    assert body["response_type"] == "in_channel" and "/invite @digestbot" in text(body)
    assert "G0HIDDEN" in subscribed(bot_server)


def test_the_operators_channel_cannot_be_removed_from_slack(bot_server):
    bot_server.standin.members["C0DIGEST"] = {"U0ASKER"}  # DIGEST_CHANNEL in these settings
    body = reply(bot_server.command("/digest", "unsubscribe", channel="C0DIGEST", user="U0ASKER"))
    assert body["response_type"] == "ephemeral" and "operator" in text(body)
    assert "C0DIGEST" in subscribed(bot_server)


def test_changes_are_announced_in_the_channel_with_who_made_them(bot_server):
    bot_server.standin.members["C0TEAM"] = {"U0MEMBER"}
    on = reply(
        bot_server.command("/digest", "subscribe 0 8 * * mon-fri Europe/Berlin", channel="C0TEAM", user="U0MEMBER")
    )
    assert on["response_type"] == "in_channel" and "<@U0MEMBER> subscribed this channel" in on["text"]
    off = reply(bot_server.command("/digest", "unsubscribe", channel="C0TEAM", user="U0MEMBER"))
    assert off["response_type"] == "in_channel" and "<@U0MEMBER> stopped the digests" in off["text"]
    again = reply(bot_server.command("/digest", "unsubscribe", channel="C0TEAM", user="U0MEMBER"))
    assert again["response_type"] == "ephemeral" and "was not subscribed" in again["text"]


def test_only_members_start_or_stop_a_weekly_roll_up_and_the_channel_is_told(bot_server):
    store = bot_server.runtime.store
    bot_server.standin.members["C0TEAM"] = {"U0MEMBER"}
    body = reply(bot_server.command("/digest", "subscribe weekly mon 08:00", channel="C0TEAM", user="U0STRANGER"))
    assert body["response_type"] == "ephemeral" and "Only members" in text(body) and store.rollups() == []
    on = reply(bot_server.command("/digest", "subscribe weekly mon 08:00", channel="C0TEAM", user="U0MEMBER"))
    assert (
        on["response_type"] == "in_channel"
        and "<@U0MEMBER> subscribed this channel to the weekly roll-up" in on["text"]
    )
    body = reply(bot_server.command("/digest", "unsubscribe weekly", channel="C0TEAM", user="U0STRANGER"))
    assert "Only members" in text(body) and [r.channel for r in store.rollups()] == ["C0TEAM"]
    off = reply(bot_server.command("/digest", "unsubscribe weekly", channel="C0TEAM", user="U0MEMBER"))
    assert off["response_type"] == "in_channel" and "<@U0MEMBER> stopped the weekly roll-up" in off["text"]
    assert store.rollups() == []

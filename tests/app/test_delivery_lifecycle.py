"""The delivery lifecycle through the real HTTP bot: blocked, told, visible, healed by an event."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx

from bot.runtime import build
from tests.faults.conftest import long_briefing, put
from tests.support.bot_server import serve, settings_for
from tests.support.signing import sign, slash_body
from tests.support.slack_standin import BOT_USER_ID
from tests.support.waiting import wait_for

PRIVATE = "C0PRIVATE"


def event(bot_server, payload: dict, event_id: str, retry: int | None = None) -> httpx.Response:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0STANDIN",
            "api_app_id": "A0DIGEST",
            "event": payload,
            "event_id": event_id,
            "event_time": int(time.time()),
        }
    ).encode()
    headers = {**sign(body), "Content-Type": "application/json"}
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return bot_server.post(body, headers)


def health(bot_server) -> httpx.Response:
    return httpx.get(bot_server.url + "/healthz", timeout=5)


def text(reply: httpx.Response) -> str:
    return json.dumps(reply.json().get("blocks", []))


def test_a_private_channel_subscribed_before_the_invite_waits_then_posts_once(bot_server, tmp_path):
    """Finding: not_in_channel was final; nobody was told; /healthz and /digest said all was well."""
    standin, runtime, store = bot_server.standin, bot_server.runtime, bot_server.runtime.store
    standin.outside_channels.add(PRIVATE)
    assert bot_server.command("/digest", "subscribe", channel=PRIVATE).status_code == 200
    # the bot tries to join (public channels only; a private one refuses, and posting will tell)
    assert wait_for(lambda: [c.params["channel"] for c in standin.calls_to("conversations.join")] == [PRIVATE])
    put(bot_server.inbox, "new.txt", long_briefing("THE NEW BRIEF", sections=3))
    runtime.runner.tick()
    assert store.outbox.channel_counts(PRIVATE) == {"blocked": 1}

    # told once, privately: a message to the subscriber's own conversation with the app
    [notice] = standin.posted("U0ASKER")
    assert PRIVATE in notice["text"] and "/invite @digestbot" in notice["text"]
    runtime.runner.tick()
    assert len(standin.posted("U0ASKER")) == 1
    # visible: /healthz (alive, but a person is needed), /digest status, App Home, the CLI
    reply = health(bot_server)
    assert reply.status_code == 200 and reply.json()["ok"] is False and reply.json()["live"] is True
    assert any(PRIVATE in r and "not_in_channel" in r for r in reply.json()["reasons"])
    status = bot_server.command("/digest", "status", channel=PRIVATE)
    assert "Blocked since" in text(status) and "/invite @digestbot" in text(status)
    home = {"type": "app_home_opened", "user": "U0READER", "tab": "home", "channel": "D0HOME"}
    assert event(bot_server, home, "EvHome1").status_code == 200
    assert wait_for(lambda: "U0READER" in standin.views)
    assert PRIVATE in json.dumps(standin.views["U0READER"]) and "waiting" in json.dumps(standin.views["U0READER"])
    listed = subprocess.run(
        [sys.executable, "-m", "bot", "deliveries", "--db", runtime.settings.database_url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert PRIVATE in listed.stdout and "not_in_channel" in listed.stdout

    # healed by itself: the bot is invited, Slack says so, the digest posts once
    standin.outside_channels.discard(PRIVATE)
    joined = {"type": "member_joined_channel", "user": BOT_USER_ID, "channel": PRIVATE, "channel_type": "G"}
    assert event(bot_server, joined, "EvJoin1").status_code == 200
    assert wait_for(lambda: store.outbox.blocks() == [])
    runtime.runner.tick()
    assert store.outbox.channel_counts(PRIVATE) == {"sent": 1} and len(standin.posted(PRIVATE)) == 1
    assert health(bot_server).json()["ok"] is True


def test_an_event_retried_by_slack_runs_its_listener_once(bot_server):
    standin, runtime, store = bot_server.standin, bot_server.runtime, bot_server.runtime.store
    standin.members["C0OLD"] = {"U0ASKER"}
    bot_server.command("/digest", "subscribe", channel="C0OLD", user="U0ASKER")
    assert "C0OLD" in {x.channel for x in store.subscriptions()}
    standin.archived_channels.add("C0OLD")  # archived after it was subscribed
    put(bot_server.inbox, "new.txt", long_briefing("THE NEW BRIEF", sections=3))
    runtime.runner.tick()
    assert [b.reason for b in store.outbox.blocks()] == ["is_archived"]
    standin.archived_channels.discard("C0OLD")
    unarchived = {"type": "channel_unarchive", "channel": "C0OLD", "user": "U0ADMIN"}
    assert event(bot_server, unarchived, "EvUnarchive1").status_code == 200
    assert wait_for(lambda: store.outbox.blocks() == [])
    # archived again; Slack's retry of the earlier event must not lift the new block
    standin.archived_channels.add("C0OLD")
    put(bot_server.inbox, "newer.txt", long_briefing("THE NEWER BRIEF", sections=3))
    runtime.runner.tick()
    assert [b.reason for b in store.outbox.blocks()] == ["is_archived"]
    assert event(bot_server, unarchived, "EvUnarchive1", retry=1).status_code == 200
    time.sleep(0.5)
    assert [b.reason for b in store.outbox.blocks()] == ["is_archived"]


def test_a_token_rejected_at_run_time_makes_healthz_503_until_it_works(bot_server):
    standin, runtime, store = bot_server.standin, bot_server.runtime, bot_server.runtime.store
    standin.tokens = {"xoxb-rotated"}
    put(bot_server.inbox, "new.txt", long_briefing("THE NEW BRIEF", sections=3))
    runtime.runner.tick()
    reply = health(bot_server)
    assert reply.status_code == 503 and any("invalid_auth" in r for r in reply.json()["reasons"])
    assert store.outbox.counts().get("blocked") == 1
    standin.tokens = {"xoxb-standin-token"}
    runtime.runner.sender.reconcile()  # the periodic job re-checks the token
    runtime.runner.tick()
    reply = health(bot_server)
    assert reply.status_code == 200 and reply.json()["ok"] is True, reply.text


def test_a_signed_request_is_refused_again_after_a_restart(bot_server, tmp_path):
    """Finding: the replay cache lived in one process; a restarted bot or a second replica accepted it."""
    body = slash_body("/digest", "help")
    headers = sign(body)
    assert bot_server.post(body, headers).status_code == 200
    replica = build(settings_for(tmp_path, bot_server.standin))
    url, server, thread = serve(replica)
    try:
        again = httpx.post(url + "/slack/events", content=body, headers=headers, timeout=10)
        assert again.status_code == 401
    finally:
        server.should_exit = True
        thread.join(10)

"""Asking anywhere, through the real HTTP endpoint with signed payloads: the message shortcut,
@mentions, direct messages, the App Home search box, `/whosaid from:` and `/digest speakers`."""

from __future__ import annotations

import itertools
import json
import time
from urllib.parse import urlencode

import httpx

from tests.support.signing import sign
from tests.support.waiting import wait_for

_IDS = itertools.count(1)
ACK_SECONDS = 3.0  # Slack's acknowledgement deadline


def _interactive(bot_server, payload: dict) -> httpx.Response:
    body = urlencode({"payload": json.dumps(payload)}).encode()
    started = time.monotonic()
    response = bot_server.post(body)
    assert time.monotonic() - started < ACK_SECONDS
    return response


def _event(bot_server, event: dict) -> httpx.Response:
    envelope = {
        "type": "event_callback",
        "team_id": "T0STANDIN",
        "api_app_id": "A0DIGEST",
        "event": event,
        "event_id": f"Ev{next(_IDS)}",
        "event_time": int(time.time()),
    }
    body = json.dumps(envelope).encode()
    started = time.monotonic()
    response = bot_server.post(body, {**sign(body), "Content-Type": "application/json"})
    assert time.monotonic() - started < ACK_SECONDS
    return response


def _shortcut(bot_server, text: str, hook: str) -> dict:
    payload = {
        "type": "message_action",
        "callback_id": "whosaid_message",
        "trigger_id": "1.2.3",
        "team": {"id": "T0STANDIN"},
        "user": {"id": "U0ASKER"},
        "channel": {"id": "C0TALK", "name": "talk"},
        "response_url": bot_server.standin.hook_url + hook,
        "message_ts": "1700000000.000100",
        "message": {"type": "message", "user": "U0OTHER", "ts": "1700000000.000100", "text": text},
    }
    assert _interactive(bot_server, payload).status_code == 200
    assert wait_for(lambda: any(path.endswith(hook) for path, _ in bot_server.standin.hooks))
    return next(body for path, body in bot_server.standin.hooks if path.endswith(hook))


def test_shortcut_finds_a_pasted_quote_with_a_typo_and_answers_privately(bot_server):
    answer = _shortcut(bot_server, "Did he really say 'The idea itsef is correct, and we certainly support it'?", "s1")
    text = json.dumps(answer, ensure_ascii=False)
    assert answer["response_type"] == "ephemeral"
    assert "Putin" in text and "The idea itself is correct" in text
    assert "https://standin.slack.test/archives/C0DIGEST/p" in text  # a link to the posted digest


def test_shortcut_with_nothing_in_the_archive_says_so(bot_server):
    answer = _shortcut(bot_server, "Lunch is on the terrace at noon, bring a jacket.", "s2")
    assert "Nothing in the archive" in json.dumps(answer, ensure_ascii=False)


def test_mention_answers_in_the_thread(bot_server):
    standin = bot_server.standin
    parent = standin.user_message("C0TALK", "Who said that line about causes?")
    text = "<@U0STANDIN> who said “root causes”?"
    ts = standin.user_message("C0TALK", text, thread_ts=parent)
    event = {"type": "app_mention", "user": "U0ASKER", "channel": "C0TALK", "ts": ts, "thread_ts": parent, "text": text}
    assert _event(bot_server, event).status_code == 200
    assert wait_for(lambda: len(standin.posted("C0TALK")) == 3)
    reply = standin.calls_to("chat.postMessage")[-1].params
    assert reply["thread_ts"] == parent and "Putin" in json.dumps(reply["blocks"])


def test_mention_help_explains_what_it_can_do(bot_server):
    ts = bot_server.standin.user_message("C0HELP", "<@U0STANDIN> help")
    event = {"type": "app_mention", "user": "U0ASKER", "channel": "C0HELP", "ts": ts, "text": "<@U0STANDIN> help"}
    assert _event(bot_server, event).status_code == 200
    assert wait_for(lambda: len(bot_server.standin.posted("C0HELP")) == 2)
    reply = bot_server.standin.calls_to("chat.postMessage")[-1].params
    assert reply["thread_ts"] == ts and "Who said this?" in json.dumps(reply["blocks"])


def test_direct_message_works_the_same_way_and_a_retry_is_answered_once(bot_server):
    event = {
        "type": "message",
        "channel_type": "im",
        "user": "U0ASKER",
        "channel": "D0ASKER",
        "ts": "1700000003.000100",
        "text": "who said root causes",
    }
    envelope = {
        "type": "event_callback",
        "team_id": "T0STANDIN",
        "api_app_id": "A0DIGEST",
        "event": event,
        "event_id": "EvDM1",
        "event_time": int(time.time()),
    }
    body = json.dumps(envelope).encode()
    assert bot_server.post(body, {**sign(body), "Content-Type": "application/json"}).status_code == 200
    retry = {**sign(body, timestamp=int(time.time()) + 1), "Content-Type": "application/json", "X-Slack-Retry-Num": "1"}
    assert bot_server.post(body, retry).status_code == 200
    assert wait_for(lambda: bot_server.standin.posted("D0ASKER"))
    time.sleep(0.3)
    posted = bot_server.standin.posted("D0ASKER")
    assert len(posted) == 1 and "Putin" in json.dumps(posted[0]["blocks"])
    assert "thread_ts" not in posted[0]


def test_the_bots_own_messages_get_no_answer(bot_server):
    event = {
        "type": "message",
        "channel_type": "im",
        "subtype": "bot_message",
        "bot_id": "B0STANDIN",
        "channel": "D0SELF",
        "ts": "1700000004.000100",
        "text": "root causes",
    }
    assert _event(bot_server, event).status_code == 200
    time.sleep(0.3)
    assert bot_server.standin.posted("D0SELF") == []


def test_home_search_box_answers_like_whosaid(bot_server):
    payload = {
        "type": "block_actions",
        "user": {"id": "U0HOME"},
        "team": {"id": "T0STANDIN"},
        "api_app_id": "A0DIGEST",
        "trigger_id": "4.5.6",
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home", "blocks": []},
        "actions": [
            {
                "action_id": "home_search",
                "block_id": "home_search_block",
                "type": "plain_text_input",
                "value": "root cuases",
            }
        ],
    }
    assert _interactive(bot_server, payload).status_code == 200
    assert wait_for(lambda: "U0HOME" in bot_server.standin.views)
    view = json.dumps(bot_server.standin.views["U0HOME"], ensure_ascii=False)
    assert "Putin" in view and "home_search" in view and "Latest digests" in view and "Subscriptions" in view
    assert "C0DIGEST" in view  # the channel's subscription and its state


def test_whosaid_from_and_digest_speakers(bot_server):
    reply = bot_server.command("/whosaid", "from:Putin").json()
    assert "Putin" in json.dumps(reply["blocks"]) and reply["response_type"] == "ephemeral"
    speakers = json.dumps(bot_server.command("/digest", "speakers").json()["blocks"])
    assert "Most quoted" in speakers or "Nobody has been quoted" in speakers


def test_digest_subscribe_weekly(bot_server):
    bot_server.standin.members["C0WK"] = {"U0ASKER"}  # only members may change a channel's roll-up
    reply = json.dumps(
        bot_server.command("/digest", "subscribe weekly fri 17:30 Europe/Berlin", channel="C0WK", user="U0ASKER").json()
    )
    assert "subscribed this channel to the weekly roll-up" in reply and "Fri" in reply
    rolls = bot_server.runtime.store.rollups()
    assert [(r.channel, r.weekday, r.at, r.timezone) for r in rolls] == [("C0WK", "fri", "17:30", "Europe/Berlin")]
    bad = json.dumps(
        bot_server.command("/digest", "subscribe weekly fri 17:30 Mars/Base", channel="C0WK", user="U0ASKER").json()
    )
    assert "unknown timezone" in bad
    off = json.dumps(bot_server.command("/digest", "unsubscribe weekly", channel="C0WK", user="U0ASKER").json())
    assert "stopped the weekly roll-up" in off

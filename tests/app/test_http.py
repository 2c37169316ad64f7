"""The bot's HTTP endpoint, driven with real signed requests over loopback."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import httpx
import pytest

from tests.support.signing import sign, slash_body
from tests.support.waiting import wait_for


def _reply(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def _text(reply: dict) -> str:
    return json.dumps(reply.get("blocks", []), ensure_ascii=False) + reply.get("text", "")


def test_healthz(bot_server):
    r = httpx.get(bot_server.url + "/healthz")
    assert r.status_code == 200 and r.json()["ok"] is True


def test_whosaid_root_causes_names_putin(bot_server):
    reply = _reply(bot_server.command("/whosaid", "root causes"))
    assert reply["response_type"] == "ephemeral"
    first = reply["blocks"][1]["text"]["text"]
    assert "Putin" in first and "*root causes*" in first
    assert "whosaid_share" in _text(reply)
    assert "<https://standin.slack.test/archives/C0DIGEST/p" in _text(reply)  # links to the posted digest


@pytest.mark.parametrize("query", ["root cause", "root cuases", "ROOT CAUSES"])
def test_whosaid_forgives_stems_typos_and_case(bot_server, query):
    assert "Putin" in _reply(bot_server.command("/whosaid", query))["blocks"][1]["text"]["text"]


@pytest.mark.parametrize(
    "query",
    ['"', "*", "NEAR(root causes)", "root OR causes", "speaker:Bob", "x" * 5000, "\x00", "", "   ", "<!channel>"],
)
def test_hostile_or_empty_queries_get_a_helpful_ephemeral_reply(bot_server, query):
    reply = _reply(bot_server.command("/whosaid", query))
    assert reply["response_type"] == "ephemeral"
    assert "<!channel>" not in _text(reply)


def _bad_requests(body: bytes) -> dict[str, dict[str, str]]:
    good = sign(body)
    old = sign(body, timestamp=int(time.time()) - 360)
    return {
        "wrong secret": sign(body, secret="not-the-secret"),
        "six minutes old": old,
        "non-numeric timestamp": {**good, "X-Slack-Request-Timestamp": "12ab"},
        "5,000-digit timestamp": {**good, "X-Slack-Request-Timestamp": "9" * 5000},
        "no signature": {k: v for k, v in good.items() if k != "X-Slack-Signature"},
        "no timestamp": {k: v for k, v in good.items() if k != "X-Slack-Request-Timestamp"},
        "malformed signature": {**good, "X-Slack-Signature": "v0=zz"},
    }


def test_badly_signed_requests_get_401_and_change_nothing(bot_server):
    store = bot_server.runtime.store
    before = (store.subscriptions(), store.outbox.counts(), len(bot_server.standin.calls))
    body = slash_body("/digest", "subscribe", channel="C0OTHER")
    for name, headers in _bad_requests(body).items():
        assert bot_server.post(body, headers).status_code == 401, name
    assert (store.subscriptions(), store.outbox.counts(), len(bot_server.standin.calls)) == before


def test_non_ascii_signature_and_non_utf8_body_get_401(bot_server):
    body = slash_body("/whosaid", "root causes")
    headers = {**sign(body), "X-Slack-Signature": "v0=" + "é" * 64}
    raw = [(k.encode(), v.encode("utf-8")) for k, v in headers.items()]
    r = httpx.post(bot_server.url + "/slack/events", content=body, headers=raw)
    assert r.status_code == 401
    latin = b"command=%2Fwhosaid&text=caf\xe9"
    assert bot_server.post(latin, sign(latin)).status_code == 401


def test_a_replayed_request_is_refused(bot_server):
    body = slash_body("/digest", "help")
    headers = sign(body)
    assert bot_server.post(body, headers).status_code == 200
    assert bot_server.post(body, headers).status_code == 401


def test_oversized_body_is_refused(bot_server):
    body = slash_body("/whosaid", "x" * (2 << 20))
    assert bot_server.post(body).status_code == 413


def test_unknown_paths_and_methods(bot_server):
    assert httpx.get(bot_server.url + "/nope").status_code == 404
    assert httpx.get(bot_server.url + "/slack/events").status_code == 405


def test_digest_commands(bot_server):
    latest = _reply(bot_server.command("/digest", "latest"))
    assert latest["response_type"] == "ephemeral" and "Putin" in _text(latest)
    assert "/whosaid" in _text(_reply(bot_server.command("/digest", "help")))
    assert "don't know" in _text(_reply(bot_server.command("/digest", "frobnicate")))
    assert "No briefings dated" in _text(_reply(bot_server.command("/digest", "1999-01-01")))


def test_subscribe_records_the_archive_without_posting_it(bot_server):
    standin, store = bot_server.standin, bot_server.runtime.store
    standin.members["C0NEW"] = {"U0ASKER"}
    reply = _reply(bot_server.command("/digest", "subscribe 0 8 * * mon-fri Europe/Berlin", channel="C0NEW"))
    assert "subscribed this channel" in _text(reply) and "will not be posted" in _text(reply)
    subs = {s.channel: s for s in store.subscriptions()}
    assert subs["C0NEW"].schedule == "0 8 * * mon-fri" and subs["C0NEW"].timezone == "Europe/Berlin"
    bot_server.runtime.runner.tick()
    assert standin.posted("C0NEW") == []
    bad = _reply(bot_server.command("/digest", "subscribe 0 9 * * 9", channel="C0NEW"))
    assert "out of range" in _text(bad)
    assert "stopped the digests" in _text(_reply(bot_server.command("/digest", "unsubscribe", channel="C0NEW")))
    assert "C0NEW" not in {s.channel for s in store.subscriptions()}


def test_share_button_posts_the_answer_in_channel(bot_server):
    payload = {
        "type": "block_actions",
        "user": {"id": "U0ASKER"},
        "channel": {"id": "C0DIGEST"},
        "team": {"id": "T0STANDIN"},
        "api_app_id": "A0DIGEST",
        "response_url": bot_server.standin.hook_url + "share",
        "actions": [
            {"action_id": "whosaid_share", "block_id": "b", "type": "button", "value": json.dumps({"q": "root causes"})}
        ],
        "trigger_id": "1.2.3",
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    assert bot_server.post(body).status_code == 200
    assert wait_for(lambda: bot_server.standin.hooks)
    _, posted = bot_server.standin.hooks[0]
    assert posted["response_type"] == "in_channel" and "Putin" in json.dumps(posted)


def test_app_home_is_published(bot_server):
    event = {
        "type": "event_callback",
        "team_id": "T0STANDIN",
        "api_app_id": "A0DIGEST",
        "event": {"type": "app_home_opened", "user": "U0ASKER", "tab": "home", "channel": "D0HOME"},
        "event_id": "Ev1",
        "event_time": int(time.time()),
    }
    body = json.dumps(event).encode()
    headers = {**sign(body), "Content-Type": "application/json"}
    assert bot_server.post(body, headers).status_code == 200
    assert wait_for(lambda: "U0ASKER" in bot_server.standin.views)
    assert "/whosaid" in json.dumps(bot_server.standin.views["U0ASKER"])


def test_fifty_concurrent_commands_are_all_answered(bot_server):
    with ThreadPoolExecutor(50) as pool:
        replies = list(
            pool.map(lambda i: bot_server.command("/whosaid", "root causes" if i % 2 else "peace"), range(50))
        )
    assert [r.status_code for r in replies] == [200] * 50

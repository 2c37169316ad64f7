"""The bot in Socket Mode, end to end: `bot.runtime.serve` opens a real WebSocket to a local Socket Mode
server (URL from the Web API stand-in's `apps.connections.open`), receives envelopes and acks them."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.runtime import Runtime, build, serve
from tests.support.bot_server import SEED, settings_for
from tests.support.slack_standin import STANDIN_APP_TOKEN, STANDIN_TOKEN, SlackStandin
from tests.support.socket_mode_server import SocketModeServer


@dataclass
class SocketBot:
    runtime: Runtime
    standin: SlackStandin
    server: SocketModeServer
    stop: threading.Event
    thread: threading.Thread


def _wait_until(done, timeout: float = 10) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.fixture(scope="module")
def socket_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SocketBot]:
    """The bot served in Socket Mode (app token, no signing secret) with the seed briefing posted.

    Shared by the module: closing a slack_sdk Socket Mode connection waits out its 3 s socket read timeout.
    """
    tmp_path = tmp_path_factory.mktemp("socket")
    with SlackStandin() as standin, SocketModeServer() as server:
        standin.socket_url = server.url
        settings = settings_for(tmp_path, standin, slack_app_token=STANDIN_APP_TOKEN, slack_signing_secret=None)
        assert settings.mode == "socket"
        (settings.inbox / "seed.txt").write_bytes(SEED.read_bytes())
        runtime = build(settings)
        runtime.runner.tick()
        stop = threading.Event()
        thread = threading.Thread(target=serve, args=(runtime, stop), daemon=True)
        thread.start()
        server.wait_connected()
        assert _wait_until(lambda: runtime.lifecycle.phase == "running"), "the bot did not start delivering"
        yield SocketBot(runtime, standin, server, stop, thread)
        stop.set()
        thread.join(10)
        assert not thread.is_alive(), "serve() did not return after stop was set"


def _text(payload: dict) -> str:
    return json.dumps(payload.get("blocks", []), ensure_ascii=False) + payload.get("text", "")


def test_connects_with_the_app_token_and_gets_hello(socket_bot):
    opens = socket_bot.standin.calls_to("apps.connections.open")
    assert opens and all(c.token == STANDIN_APP_TOKEN for c in opens)
    assert socket_bot.server.connects == len(opens)
    assert socket_bot.runtime.settings.slack_signing_secret is None


def test_connections_open_takes_only_an_app_level_token(slack_standin):
    slack_standin.socket_url = "ws://127.0.0.1:9/link"
    with pytest.raises(SlackApiError) as rejected:
        WebClient(base_url=slack_standin.url).apps_connections_open(app_token=STANDIN_TOKEN)
    assert rejected.value.response["error"] == "not_allowed_token_type"
    with pytest.raises(SlackApiError) as unknown:
        WebClient(base_url=slack_standin.url).apps_connections_open(app_token="xapp-someone-else")
    assert unknown.value.response["error"] == "invalid_auth"
    opened = WebClient(base_url=slack_standin.url).apps_connections_open(app_token=STANDIN_APP_TOKEN)
    assert opened["url"] == "ws://127.0.0.1:9/link"


def test_whosaid_is_answered_in_the_ack(socket_bot):
    envelope_id = socket_bot.server.push_slash_command("/whosaid", "root causes")
    ack = socket_bot.server.wait_for_ack(envelope_id)
    payload = ack["payload"]
    assert payload["response_type"] == "ephemeral"
    first = payload["blocks"][1]["text"]["text"]
    assert "Putin" in first and "*root causes*" in first
    assert "<https://standin.slack.test/archives/C0DIGEST/p" in _text(payload)  # links to the posted digest


def test_digest_help_is_answered_in_the_ack(socket_bot):
    ack = socket_bot.server.wait_for_ack(socket_bot.server.push_slash_command("/digest", "help"))
    assert ack["payload"]["response_type"] == "ephemeral"
    assert "/whosaid" in _text(ack["payload"])


def test_app_home_opened_is_acked_and_publishes_the_home_view(socket_bot):
    event = {"type": "app_home_opened", "user": "U0READER", "channel": "D0READER", "tab": "home", "event_ts": "1.0"}
    ack = socket_bot.server.wait_for_ack(socket_bot.server.push_event(event))
    assert ack.get("payload") in (None, {})
    assert _wait_until(lambda: "U0READER" in socket_bot.standin.views), "views.publish never reached Slack"
    publish = socket_bot.standin.calls_to("views.publish")[-1]
    assert publish.token == STANDIN_TOKEN  # the bot token, not the app-level one
    home = json.dumps(socket_bot.standin.views["U0READER"])
    assert "Latest digests" in home
    assert "https://standin.slack.test/archives/C0DIGEST/p" in home  # the seed digest, linked


def test_reconnects_when_slack_asks_and_keeps_answering(socket_bot):
    server = socket_bot.server
    before = server.connects
    server.push_disconnect()
    server.wait_connected(connects=before + 1)
    assert len(socket_bot.standin.calls_to("apps.connections.open")) == before + 1
    ack = server.wait_for_ack(server.push_slash_command("/whosaid", "root causes"))
    assert "Putin" in ack["payload"]["blocks"][1]["text"]["text"]


def test_healthz_in_socket_mode_reports_the_connection(tmp_path):
    """With PORT set, Socket Mode serves /healthz too; a connection that stays down is a 503."""
    import httpx

    from tests.support.bot_server import free_port

    port = free_port()
    with SlackStandin() as standin, SocketModeServer() as server:
        standin.socket_url = server.url
        settings = settings_for(
            tmp_path,
            standin,
            slack_app_token=STANDIN_APP_TOKEN,
            slack_signing_secret=None,
            port=port,
            delivery_alert_seconds=1,
        )
        runtime = build(settings)
        stop = threading.Event()
        thread = threading.Thread(target=serve, args=(runtime, stop), daemon=True)
        thread.start()
        try:
            server.wait_connected()
            url = f"http://127.0.0.1:{port}/healthz"
            assert _wait_until(lambda: runtime.lifecycle.phase == "running")
            reply = httpx.get(url, timeout=5)
            assert reply.status_code == 200 and reply.json()["live"] is True, reply.text
            standin.socket_url = None  # no new connection can be opened
            server.stop()

            def down() -> bool:
                r = httpx.get(url, timeout=5)
                return r.status_code == 503 and "the Socket Mode connection to Slack is down" in r.json()["reasons"]

            assert _wait_until(down, timeout=60), httpx.get(url, timeout=5).text
        finally:
            stop.set()
            thread.join(20)

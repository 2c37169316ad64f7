"""The real bot over HTTP: uvicorn serving the ASGI app on a free loopback port, against the Slack stand-in."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from bot.runtime import Runtime, build, check_slack, http_app
from bot.settings import load
from tests.support.signing import SIGNING_SECRET, sign, slash_body
from tests.support.slack_standin import STANDIN_TOKEN, SlackStandin

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seed.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class BotServer:
    url: str
    runtime: Runtime
    standin: SlackStandin
    inbox: Path

    def post(self, body: bytes, headers: dict[str, str] | None = None, **kw: object) -> httpx.Response:
        return httpx.post(
            self.url + "/slack/events",
            content=body,
            headers=sign(body) if headers is None else headers,
            timeout=10,
            **kw,
        )

    def command(self, command: str, text: str, **kw: str) -> httpx.Response:
        return self.post(slash_body(command, text, response_url=self.standin.hook_url + "cmd", **kw))


def settings_for(tmp_path: Path, standin: SlackStandin, **overrides: object):  # type: ignore[no-untyped-def]
    inbox = tmp_path / "briefings"
    inbox.mkdir(exist_ok=True)
    values = dict(
        slack_bot_token=STANDIN_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=standin.url,
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        inbox=inbox,
        channel="C0DIGEST",
        poll_seconds=3600,
        inbox_settle_seconds=0,  # tests drop whole files at once
    )
    values.update(overrides)
    return load(**values)


def serve(runtime: Runtime) -> tuple[str, uvicorn.Server, threading.Thread]:
    port = free_port()
    config = uvicorn.Config(
        http_app(runtime),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_keep_alive=75,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "the bot's HTTP server did not start"
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture
def bot_server(tmp_path: Path, slack_standin: SlackStandin) -> Iterator[BotServer]:
    """The bot in HTTP mode with the seed briefing in its inbox, ingested and posted once."""
    settings = settings_for(tmp_path, slack_standin)
    (settings.inbox / "seed.txt").write_bytes(SEED.read_bytes())
    runtime = build(settings)
    url, server, thread = serve(runtime)
    assert check_slack(runtime)
    runtime.runner.tick()
    yield BotServer(url, runtime, slack_standin, settings.inbox)
    server.should_exit = True
    thread.join(10)

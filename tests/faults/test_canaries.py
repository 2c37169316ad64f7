"""Canary secrets: the bot runs (subprocess, HTTP mode, DEBUG logging) with unique values for its
bot token, signing secret and an IMAP password, is driven through signed and forged requests, a
post, failed posts and a failing source, and none of the values shows up in its output or in the
bytes of its database.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.store import Store
from tests.faults.conftest import drop_briefings, outbox_states, put
from tests.support.killpoints import BotProcess, bot_env, wait_until
from tests.support.signing import sign, slash_body
from tests.support.slack_standin import SlackStandin

POST = "chat.postMessage"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again on return: connecting is refused


@pytest.fixture
def canaries() -> dict[str, str]:
    tag = uuid.uuid4().hex
    return {
        "bot_token": f"xoxb-4242-canarybot{tag}",
        "signing_secret": f"canarysign{tag}",
        "imap_password": f"canaryimap{tag}",
    }


@pytest.fixture
def canary_standin(canaries) -> Iterator[SlackStandin]:
    with SlackStandin(tokens={canaries["bot_token"]}) as standin:
        yield standin


def _config(workdir: Path, password: str) -> None:
    (workdir / "config").mkdir()
    (workdir / "config" / "digestbot.toml").write_text(
        "[[sources]]\n"
        'name = "mail"\nkind = "imap"\nhost = "127.0.0.1"\n'
        f"port = {_closed_port()}\nssl = false\n"
        f'user = "digest@example.org"\npassword = "{password}"\n'
    )


@pytest.mark.slow
def test_no_canary_reaches_output_or_database(tmp_path, canaries, canary_standin):
    _config(tmp_path, canaries["imap_password"])
    db = tmp_path / "bot.db"
    env = bot_env(
        tmp_path,
        canary_standin.url,
        f"sqlite:///{db}",
        SLACK_BOT_TOKEN=canaries["bot_token"],
        SLACK_SIGNING_SECRET=canaries["signing_secret"],
        DIGEST_LOG_LEVEL="DEBUG",
    )
    env.pop("SLACK_APP_TOKEN", None)
    bot = BotProcess(tmp_path, env)
    try:
        bot.wait_healthy()
        events = bot.url + "/slack/events"
        secret = canaries["signing_secret"]

        # a digest posted, then one whose post fails with an uncertain 500 and one refused by Slack
        canary_standin.fail_next(POST, 500, times=1, process=False)
        drop_briefings(tmp_path / "briefings")
        wait_until(lambda: len(canary_standin.calls_to(POST)) >= 2, 30, "the bot's posts")

        body = slash_body("/whosaid", "root causes", response_url=canary_standin.hook_url + "w")
        answer = httpx.post(events, content=body, headers=sign(body, secret=secret), timeout=10)
        assert answer.status_code == 200 and "Putin" in answer.text
        # a member subscribes C0GONE, then the channel goes away: the next digest's post is refused
        canary_standin.members["C0GONE"] = {"U0ASKER"}
        body = slash_body(
            "/digest", "subscribe", channel="C0GONE", user="U0ASKER", response_url=canary_standin.hook_url + "d"
        )
        subscribed = httpx.post(events, content=body, headers=sign(body, secret=secret), timeout=10)
        assert subscribed.status_code == 200 and "subscribed this channel" in subscribed.text
        canary_standin.unknown_channels.add("C0GONE")
        later = "date 2025-06-03 LATER BRIEF\n\nMarkets\n\n“Prices will settle by spring,” Ana Ruiz said on Tuesday.\n"
        put(tmp_path / "briefings", "later.txt", later.encode())
        wait_until(
            lambda: any(c.params.get("channel") == "C0GONE" for c in canary_standin.calls_to(POST)),
            30,
            "the post to the channel that went away",
        )
        forged = slash_body("/whosaid", "root causes")
        assert (
            httpx.post(events, content=forged, headers=sign(forged, secret="not-the-secret"), timeout=10).status_code
            == 401
        )
        stale = sign(forged, timestamp=1531420618, secret=secret)
        assert httpx.post(events, content=forged, headers=stale, timeout=10).status_code == 401
        junk = {"X-Slack-Signature": "v0=" + secret, "X-Slack-Request-Timestamp": "abc"}
        assert httpx.post(events, content=forged, headers=junk, timeout=10).status_code == 401
        # the IMAP source is polled every second against a refused port: failures are logged
        wait_until(lambda: "mail" in bot.output() or bot.proc.poll() is not None, 10, "the IMAP failure")
    finally:
        bot.stop()

    assert {c.token for c in canary_standin.calls} == {canaries["bot_token"]}  # the canary was really used
    output = bot.output()
    assert "DEBUG" in output, "the bot did not log at DEBUG"
    leaks = {name: value for name, value in canaries.items() if value in output}
    assert not leaks, f"canaries in stdout/stderr: {sorted(leaks)}"
    store = Store.open(f"sqlite:///{db}")
    assert outbox_states(store), "nothing was planned"
    # channel_not_found blocks the channel's deliveries until it is back (or a person retries them)
    assert any(d.channel == "C0GONE" and d.state == "blocked" for d in store.outbox.deliveries()), "no Slack error path"
    store.close()
    files = [p for p in tmp_path.iterdir() if p.name.startswith("bot.db")]
    stored = b"".join(p.read_bytes() for p in files)
    leaks = {name: value for name, value in canaries.items() if value.encode() in stored}
    assert not leaks, f"canaries in the database files {[p.name for p in files]}: {sorted(leaks)}"

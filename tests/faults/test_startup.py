"""Starting and stopping the real bot process against the Slack stand-in: it serves at once whatever
the backlog, checks the token and the port before posting anything, and stops cleanly on SIGTERM."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.store import Store
from tests.faults.conftest import outbox_states, put
from tests.support.killpoints import BotProcess, bot_env, wait_until
from tests.support.signing import sign, slash_body
from tests.support.slack_standin import SlackStandin

POST = "chat.postMessage"


@pytest.fixture
def live_standin() -> Iterator[SlackStandin]:
    with SlackStandin() as standin:
        yield standin


def backlog(inbox: Path, count: int) -> None:
    inbox.mkdir(exist_ok=True)
    for i in range(count):
        put(
            inbox,
            f"b{i:03d}.txt",
            f"date 2025-06-{i % 28 + 1:02d} Brief {i}\n\nAlice said “point {i} matters”.\n".encode(),
        )


def first_health(bot: BotProcess, timeout: float) -> tuple[float, httpx.Response]:
    """Seconds from the process start to the first answer on /healthz, and that answer."""
    start = time.monotonic()
    while True:
        if bot.proc.poll() is not None:
            raise AssertionError(f"the bot exited with {bot.proc.returncode}: {bot.output()[-2000:]}")
        try:
            return time.monotonic() - start, httpx.get(bot.url + "/healthz", timeout=1)
        except httpx.HTTPError:
            if time.monotonic() - start > timeout:
                raise AssertionError(f"no /healthz answer within {timeout:.0f} s") from None
            time.sleep(0.05)


@pytest.mark.slow
def test_serves_at_once_while_a_backlog_waits_for_a_slow_slack(tmp_path, live_standin):
    """Finding: /healthz and /slack/events refused connections until a first round of posting ended."""
    backlog(tmp_path / "briefings", 20)
    live_standin.latency = 3.0  # every Web API call takes 3 s
    bot = BotProcess(tmp_path, bot_env(tmp_path, live_standin.url, f"sqlite:///{tmp_path / 'bot.db'}"))
    try:
        elapsed, health = first_health(bot, timeout=15)
        assert health.status_code == 200 and health.json()["phase"] == "starting", health.text
        assert elapsed < 10  # the interpreter's start; the bench measures it (bench/startup.py)
        body = slash_body("/digest", "help")
        began = time.monotonic()
        answer = httpx.post(bot.url + "/slack/events", content=body, headers=sign(body), timeout=10)
        assert answer.status_code == 200 and time.monotonic() - began < 3, (
            "a command must be answered within Slack's 3 s"
        )
        assert live_standin.calls_to(POST) == []  # auth.test first, still waiting for its answer
        wait_until(lambda: live_standin.calls_to(POST), 30, "the first post of the backlog")
        assert next(c.method for c in live_standin.calls if c.method != "auth.test") == POST
        assert any(c.method == "auth.test" for c in live_standin.calls[:2])
    finally:
        bot.kill()


@pytest.mark.slow
def test_a_wrong_token_at_first_start_posts_nothing_and_loses_nothing(tmp_path, live_standin):
    """Finding: the first round posted before the token was checked; the deliveries ended failed (not_authed)."""
    db = f"sqlite:///{tmp_path / 'bot.db'}"
    backlog(tmp_path / "briefings", 3)
    wrong = BotProcess(tmp_path, bot_env(tmp_path, live_standin.url, db, SLACK_BOT_TOKEN="xoxb-wrong"), name="wrong")
    assert wrong.proc.wait(30) == 2
    assert "SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)" in wrong.output()
    assert live_standin.calls_to(POST) == []
    right = BotProcess(tmp_path, bot_env(tmp_path, live_standin.url, db), name="right")
    try:
        right.wait_healthy()
        store = Store.open(db)
        wait_until(lambda: outbox_states(store) == {"sent": 3}, 30, "the waiting briefings to be posted")
        assert len(live_standin.posted("C0DIGEST")) == 3
        store.close()
    finally:
        right.stop()


@pytest.mark.slow
def test_a_port_in_use_stops_the_start_before_anything_is_posted(tmp_path, live_standin):
    backlog(tmp_path / "briefings", 2)
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bot = BotProcess(
            tmp_path, bot_env(tmp_path, live_standin.url, f"sqlite:///{tmp_path / 'bot.db'}", PORT=str(port))
        )
        assert bot.proc.wait(30) == 2
    assert f"PORT {port} is not free" in bot.output()
    assert live_standin.calls_to(POST) == []


@pytest.mark.slow
def test_sigterm_stops_cleanly_after_the_post_in_flight(tmp_path, live_standin):
    """Finding: SIGTERM skipped the scheduler's shutdown (uvicorn re-raised the signal)."""
    backlog(tmp_path / "briefings", 3)
    live_standin.latency = 1.0
    bot = BotProcess(tmp_path, bot_env(tmp_path, live_standin.url, f"sqlite:///{tmp_path / 'bot.db'}"))
    bot.wait_healthy()
    wait_until(lambda: live_standin.calls_to(POST), 30, "the first post")
    assert bot.stop() == 0, bot.output()[-2000:]
    assert "stopped" in bot.output()
    store = Store.open(f"sqlite:///{tmp_path / 'bot.db'}")
    states = outbox_states(store)
    store.close()
    assert "sending" not in states and states.get("sent", 0) == len(live_standin.posted("C0DIGEST")), states

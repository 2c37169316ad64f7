"""SIGKILL the running bot (a real subprocess) at each step of posting, restart it on the same
SQLite file, and check that each digest part ends up in the channel exactly once.

The restarted bot runs on real time, so a post cut off mid-flight (a `sending` row) stays untouched
until its 120 s lease expires and the 60 s reconcile job runs. Those cases check that the restarted
process does not post blindly, then finish the recovery in-process with a clock moved past the lease.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import build
from bot.settings import load
from bot.store import Store
from tests.faults.conftest import (
    CHANNEL,
    assert_exactly_once,
    drop_briefings,
    fast_sender,
    long_briefing,
    outbox_states,
    put,
)
from tests.support.clock import FakeClock
from tests.support.killpoints import BotProcess, bot_env, wait_until
from tests.support.signing import SIGNING_SECRET
from tests.support.slack_standin import STANDIN_TOKEN, SlackStandin

POST = "chat.postMessage"
HELD = 600.0  # a hang the test always outlives: the stand-in answers only at teardown


@pytest.fixture
def live_standin() -> Iterator[SlackStandin]:
    """A stand-in on real time: the bot subprocess cannot share a fake clock."""
    with SlackStandin() as standin:
        yield standin


class Scenario:
    def __init__(self, tmp_path: Path, standin: SlackStandin) -> None:
        self.tmp_path = tmp_path
        self.standin = standin
        self.db_url = f"sqlite:///{tmp_path / 'bot.db'}"
        self.env = bot_env(tmp_path, standin.url, self.db_url)
        self.inbox = tmp_path / "briefings"
        self.runs: list[BotProcess] = []
        self._store: Store | None = None

    def start(self) -> BotProcess:
        bot = BotProcess(self.tmp_path, self.env, name=f"run{len(self.runs)}")
        self.runs.append(bot)
        bot.wait_healthy()
        return bot

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.db_url)
        return self._store

    def states(self) -> dict[str, int]:
        return outbox_states(self.store)

    def posts(self) -> int:
        return len(self.standin.calls_to(POST))

    def recover_in_process(self, ahead: float = 300) -> Store:
        """A restart whose clock is `ahead` seconds on: leases expired, reconcile due."""
        clock = FakeClock(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=ahead))
        settings = load(
            slack_bot_token=STANDIN_TOKEN,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=self.standin.url,
            database_url=self.db_url,
            inbox=self.inbox,
            channel=CHANNEL,
            poll_seconds=3600,
        )
        runtime = build(settings, clock)
        sender = fast_sender(runtime, clock)
        for _ in range(6):
            if set(outbox_states(runtime.store)) == {"sent"}:
                break
            sender.reconcile()
            runtime.runner.tick()
            clock.advance(61)
        return runtime.store

    def close(self) -> None:
        for bot in self.runs:
            bot.kill()
        if self._store is not None:
            self._store.close()


@pytest.fixture
def scenario(tmp_path: Path, live_standin: SlackStandin) -> Iterator[Scenario]:
    s = Scenario(tmp_path, live_standin)
    yield s
    s.close()


def _first_post_in_flight(s: Scenario, hang_process: bool) -> BotProcess:
    """Start the bot, hold its first post in the stand-in, and SIGKILL it while it waits."""
    s.standin.hang_next(POST, HELD, process=hang_process)
    bot = s.start()
    drop_briefings(s.inbox, long=False)
    wait_until(lambda: s.posts() >= 1, 20, "the first chat.postMessage")
    assert s.states() == {"sending": 1}
    bot.kill()
    return bot


@pytest.mark.slow
@pytest.mark.parametrize("stored", [False, True], ids=["slack-never-processed", "slack-stored-answer-held"])
def test_killed_while_slack_holds_the_post(scenario, stored):
    _first_post_in_flight(scenario, hang_process=stored)
    restarted = scenario.start()
    # the restarted bot delivers what is due, but leaves the cut-off post alone while it is leased
    put(scenario.inbox, "later.txt", long_briefing("THE LATER BRIEF", sections=3))
    wait_until(lambda: scenario.states().get("sent") == 1, 20, "the restarted bot to post a new digest")
    assert scenario.states() == {"sending": 1, "sent": 1}
    assert scenario.posts() == 2
    restarted.kill()
    store = scenario.recover_in_process()
    assert scenario.posts() == (2 if stored else 3)  # found in the history, or posted again once
    assert_exactly_once(store, scenario.standin, expected=2)
    store.close()


@pytest.mark.slow
def test_killed_after_slack_stored_but_before_the_ts_was_recorded(scenario):
    """The connection drops after Slack stored the message; the bot records `unknown`, is killed,
    and the restarted process's reconcile job (60 s after start) finds the message."""
    scenario.standin.drop_next(POST)
    bot = scenario.start()
    drop_briefings(scenario.inbox)
    # the long digest's channel post is lost (its reply waits for it), the seed digest is sent:
    # nothing is in flight when the bot dies
    wait_until(lambda: scenario.states() == {"unknown": 1, "sent": 1, "pending": 1}, 20, "the uncertain post")
    bot.kill()
    first = scenario.posts()
    scenario.start()
    # the reconcile job runs 60 s after the start: the lost post is found, then its reply is posted
    wait_until(lambda: scenario.states() == {"sent": 3}, 90, "the restarted bot to settle every delivery")
    assert first == 2 and scenario.posts() == 3  # the reply only: the lost post was found, not re-sent
    assert_exactly_once(scenario.store, scenario.standin, expected=3)


@pytest.mark.slow
def test_killed_after_confirm_posts_nothing_again(scenario):
    bot = scenario.start()
    drop_briefings(scenario.inbox)
    wait_until(lambda: scenario.states() == {"sent": 3}, 30, "every part to be sent")
    bot.kill()
    restarted = scenario.start()
    put(scenario.inbox, "later.txt", long_briefing("THE LATER BRIEF", sections=3))
    wait_until(lambda: scenario.states() == {"sent": 4}, 20, "the restarted bot to post a new digest")
    restarted.stop()
    assert scenario.posts() == 4
    assert_exactly_once(scenario.store, scenario.standin, expected=4)


@pytest.mark.slow
def test_killed_while_a_rate_limited_retry_waits(scenario):
    scenario.standin.fail_next(POST, 429, headers={"Retry-After": "2"})
    bot = scenario.start()
    drop_briefings(scenario.inbox, long=False)
    wait_until(lambda: scenario.states() == {"pending": 1} and scenario.posts() == 1, 20, "the 429 to be recorded")
    bot.kill()
    scenario.start()
    wait_until(lambda: scenario.states() == {"sent": 1}, 30, "the retry after Retry-After")
    assert scenario.posts() == 2
    assert_exactly_once(scenario.store, scenario.standin, expected=1)

"""Every outcome of chat.postMessage, with and without a restart: after recovery and reconciliation
each digest part is in the channel exactly once and the outbox shows every delivery `sent`.

The whole bot runs in-process (bot.runtime.build) against the Slack stand-in on loopback, over a
real SQLite file; a fake clock moves time past backoffs, leases, the settle delay and the
one-history-read-a-minute budget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.runtime import Runtime, build
from tests.faults.conftest import CHANNEL, assert_exactly_once, drop_briefings, fast_sender, outbox_states
from tests.support.bot_server import settings_for
from tests.support.clock import FakeClock
from tests.support.slack_standin import SlackStandin

POST = "chat.postMessage"
Fault = Callable[[SlackStandin], None]

OUTCOMES: dict[str, Fault] = {
    "ok": lambda s: None,
    "429-retry-after": lambda s: s.fail_next(POST, 429, headers={"Retry-After": "2"}),
    "429-twice": lambda s: s.fail_next(POST, 429, headers={"Retry-After": "30"}, times=2),
    "500-burst-not-processed": lambda s: s.fail_next(POST, 500, times=3),
    "500-burst-processed": lambda s: s.fail_next(POST, 500, times=3, process=True),
    "502-burst-not-processed": lambda s: s.fail_next(POST, 502, times=3),
    "502-burst-processed": lambda s: s.fail_next(POST, 502, times=3, process=True),
    "503-burst-not-processed": lambda s: s.fail_next(POST, 503, times=3),
    "503-burst-processed": lambda s: s.fail_next(POST, 503, times=3, process=True),
    "internal_error-stored": lambda s: s.fail_next(POST, 200, error="internal_error", times=2, process=True),
    "internal_error-not-stored": lambda s: s.fail_next(POST, 200, error="internal_error", times=2),
    "fatal_error-stored": lambda s: s.fail_next(POST, 200, error="fatal_error", times=2, process=True),
    "fatal_error-not-stored": lambda s: s.fail_next(POST, 200, error="fatal_error", times=2),
    "hang-past-timeout-stored": lambda s: s.hang_next(POST, 2.5, times=2, process=True),
    "drop-after-store": lambda s: s.drop_next(POST, times=2),
    "drop-before-store": lambda s: s.drop_next(POST, times=2, process=False),
}

#: "none": the same process recovers; "restart": a new process (runtime) on the same database
#: takes over right after the faulty tick, with nothing kept in memory.
CRASHES = ("none", "restart")


class Bot:
    """One runtime at a time on one database; `restart()` drops it and builds a fresh one."""

    def __init__(self, tmp_path: Path, standin: SlackStandin, clock: FakeClock) -> None:
        self.settings = settings_for(tmp_path, standin)
        self.clock = clock
        self.runtime = self._build()

    def _build(self) -> Runtime:
        runtime = build(self.settings, self.clock)
        fast_sender(runtime, self.clock)
        return runtime

    def restart(self) -> None:
        self.runtime.runner.leader.release()  # the process is gone: the OS drops its leader file lock
        self.runtime.store.close()
        self.runtime = self._build()

    def tick(self) -> None:
        self.runtime.runner.tick()

    def settled(self) -> bool:
        states = outbox_states(self.runtime.store)
        return bool(states) and set(states) == {"sent"}

    def recover(self, rounds: int = 12) -> None:
        """A minute at a time: the periodic reconcile, then a tick, until the outbox settles."""
        for _ in range(rounds):
            if self.settled():
                return
            self.clock.advance(61)
            self.runtime.runner.sender.reconcile()
            self.tick()


@pytest.fixture
def bot(tmp_path: Path, slack_standin: SlackStandin, clock: FakeClock) -> Bot:
    bot = Bot(tmp_path, slack_standin, clock)
    bot.tick()  # subscribed with an empty inbox: what arrives next is new
    return bot


def _post_with(bot: Bot, standin: SlackStandin, fault: Fault, crash: str) -> None:
    drop_briefings(bot.settings.inbox)
    fault(standin)
    bot.tick()
    if crash == "restart":
        bot.restart()
    bot.recover()


@pytest.mark.parametrize("crash", CRASHES)
@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_each_post_outcome_ends_with_each_part_posted_once(bot, slack_standin, outcome, crash):
    _post_with(bot, slack_standin, OUTCOMES[outcome], crash)
    assert_exactly_once(bot.runtime.store, slack_standin, expected=3)


def _posts_by_part(standin: SlackStandin) -> dict[tuple[int, int], list[int]]:
    """For each (briefing, part): the positions of its chat.postMessage calls in the call log."""
    out: dict[tuple[int, int], list[int]] = {}
    for i, call in enumerate(standin.calls):
        if call.method == POST:
            p = call.params["metadata"]["event_payload"]
            out.setdefault((p["briefing_id"], p["part"]), []).append(i)
    return out


def test_a_post_lost_after_slack_stored_it_is_found_not_reposted(bot, slack_standin):
    _post_with(bot, slack_standin, OUTCOMES["drop-after-store"], "none")
    assert all(len(calls) == 1 for calls in _posts_by_part(slack_standin).values())
    reads = slack_standin.calls_to("conversations.history") + slack_standin.calls_to("conversations.replies")
    assert reads and all(str(r.params["include_all_metadata"]).lower() in ("1", "true") for r in reads)
    first = min(float(m["ts"]) for m in slack_standin.posted(CHANNEL))
    assert float(reads[0].params["oldest"]) <= first - 59  # the window reaches back before the claim
    assert_exactly_once(bot.runtime.store, slack_standin, expected=3)


def test_an_uncertain_post_is_looked_up_before_its_second_attempt(bot, slack_standin):
    _post_with(bot, slack_standin, OUTCOMES["drop-before-store"], "none")
    reads = [i for i, c in enumerate(slack_standin.calls) if c.method.startswith("conversations.")]
    reposted = {k: v for k, v in _posts_by_part(slack_standin).items() if len(v) > 1}
    assert reposted, "the dropped posts should have been attempted again"
    for part, positions in reposted.items():
        assert len(positions) == 2, part
        assert any(positions[0] < r < positions[1] for r in reads), f"{part} re-posted without a history read"
    assert_exactly_once(bot.runtime.store, slack_standin, expected=3)


def test_no_post_is_repeated_by_the_client_itself(bot, slack_standin):
    """A 5xx or a dropped connection on chat.postMessage is never retried blindly by slack_sdk."""
    drop_briefings(bot.settings.inbox, long=False)
    slack_standin.fail_next(POST, 503, times=1, process=True)
    bot.tick()
    assert len(slack_standin.calls_to(POST)) == 1
    assert outbox_states(bot.runtime.store) == {"unknown": 1}


@pytest.mark.parametrize("mode", [pytest.param("503", marks=pytest.mark.slow), "close", "refuse"])
@pytest.mark.parametrize("crash", CRASHES)
def test_an_outage_of_several_minutes_then_each_part_once(bot, slack_standin, clock, mode, crash):
    drop_briefings(bot.settings.inbox)
    slack_standin.down(mode)
    bot.tick()
    for _ in range(3):  # three minutes of outage: reconcile and deliver keep failing quietly
        clock.advance(61)
        bot.runtime.runner.sender.reconcile()
        bot.tick()
    assert slack_standin.posted(CHANNEL) == []
    if crash == "restart":
        bot.restart()
    slack_standin.up()
    bot.recover()
    assert_exactly_once(bot.runtime.store, slack_standin, expected=3)

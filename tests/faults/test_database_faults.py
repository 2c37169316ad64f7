"""Database faults: a SQLite file locked by another process's writer, PostgreSQL sessions killed
under the bot, and two schedulers sharing one PostgreSQL database. Each digest part is still posted
exactly once.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.runtime import Runtime, build
from bot.schedule.runner import SoleProcess
from tests.faults.conftest import (
    CHANNEL,
    assert_exactly_once,
    drop_briefings,
    fast_sender,
    outbox_states,
    terminate_backends,
)
from tests.support.bot_server import settings_for
from tests.support.clock import FakeClock
from tests.support.killpoints import wait_until
from tests.support.slack_standin import SlackStandin

POST = "chat.postMessage"


def _runtime(tmp_path: Path, standin: SlackStandin, clock: FakeClock, **overrides: object) -> Runtime:
    runtime = build(settings_for(tmp_path, standin, **overrides), clock)
    fast_sender(runtime, clock)
    return runtime


def _recover(runtime: Runtime, clock: FakeClock, rounds: int = 8) -> None:
    for _ in range(rounds):
        if set(outbox_states(runtime.store)) == {"sent"}:
            return
        clock.advance(61)
        runtime.runner.sender.reconcile()
        runtime.runner.tick()


@contextmanager
def sqlite_writer_lock(path: Path, hold: float) -> Iterator[threading.Thread]:
    """Another connection takes the write lock (BEGIN IMMEDIATE) and keeps it `hold` seconds."""
    taken = threading.Event()

    def hold_lock() -> None:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            taken.set()
            threading.Event().wait(hold)
            conn.execute("ROLLBACK")
        finally:
            conn.close()

    thread = threading.Thread(target=hold_lock, daemon=True)
    thread.start()
    assert taken.wait(10), "could not take the SQLite write lock"
    try:
        yield thread
    finally:
        thread.join(hold + 10)


def _in_thread(call) -> threading.Thread:  # type: ignore[no-untyped-def]
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    return thread


# -- SQLite ---------------------------------------------------------------------------------------


def test_a_tick_waits_out_a_short_sqlite_lock_and_posts(tmp_path, slack_standin, clock):
    runtime = _runtime(tmp_path, slack_standin, clock)
    runtime.runner.tick()
    drop_briefings(runtime.settings.inbox)
    with sqlite_writer_lock(tmp_path / "bot.db", hold=1.0):
        runtime.runner.tick()  # busy_timeout: the writes wait for the lock instead of failing
    _recover(runtime, clock)
    assert_exactly_once(runtime.store, slack_standin, expected=3)


@pytest.mark.slow
def test_a_tick_survives_a_sqlite_lock_longer_than_the_busy_timeout(tmp_path, slack_standin, clock):
    runtime = _runtime(tmp_path, slack_standin, clock)
    runtime.runner.tick()
    drop_briefings(runtime.settings.inbox)
    with sqlite_writer_lock(tmp_path / "bot.db", hold=6.0):
        runtime.runner.tick()  # "database is locked" after 5 s: logged, retried on the next tick
    assert slack_standin.posted(CHANNEL) == []
    _recover(runtime, clock)
    assert_exactly_once(runtime.store, slack_standin, expected=3)


@pytest.mark.slow
def test_a_post_whose_confirmation_cannot_be_written_is_not_posted_again(tmp_path, slack_standin, clock):
    """Slack stores the post while another writer holds the database past the busy timeout: the
    `sent` write fails, the row stays `sending`; after the lease, reconcile finds the message."""
    runtime = _runtime(tmp_path, slack_standin, clock)
    runtime.runner.tick()
    drop_briefings(runtime.settings.inbox, long=False)
    slack_standin.hang_next(POST, 1.0, process=True)
    tick = _in_thread(runtime.runner.tick)
    wait_until(lambda: slack_standin.calls_to(POST), 10, "the post to reach Slack")
    with sqlite_writer_lock(tmp_path / "bot.db", hold=6.5):
        tick.join(30)
    assert len(slack_standin.posted(CHANNEL)) == 1
    assert outbox_states(runtime.store) == {"sending": 1}
    clock.advance(120)  # the claim's lease runs out
    _recover(runtime, clock)
    assert len(slack_standin.calls_to(POST)) == 1
    assert_exactly_once(runtime.store, slack_standin, expected=1)


# -- PostgreSQL -----------------------------------------------------------------------------------


@pytest.mark.postgres
def test_terminated_postgres_sessions_are_replaced_on_the_next_tick(tmp_path, slack_standin, clock, pg_url):
    runtime = _runtime(tmp_path, slack_standin, clock, database_url=pg_url)
    runtime.runner.tick()
    assert terminate_backends(pg_url) >= 1  # every pooled connection of the bot is now dead
    drop_briefings(runtime.settings.inbox)
    runtime.runner.tick()
    _recover(runtime, clock)
    assert_exactly_once(runtime.store, slack_standin, expected=3)


@pytest.mark.postgres
def test_sessions_terminated_while_a_post_is_in_flight(tmp_path, slack_standin, clock, pg_url):
    runtime = _runtime(tmp_path, slack_standin, clock, database_url=pg_url)
    runtime.runner.tick()
    drop_briefings(runtime.settings.inbox)
    slack_standin.hang_next(POST, 0.5, process=True)
    tick = _in_thread(runtime.runner.tick)
    wait_until(lambda: slack_standin.calls_to(POST), 10, "the post to reach Slack")
    terminate_backends(pg_url)
    tick.join(30)
    _recover(runtime, clock)
    assert_exactly_once(runtime.store, slack_standin, expected=3)


# -- two schedulers on one PostgreSQL database ----------------------------------------------------


@pytest.fixture
def pair(tmp_path, slack_standin, clock, pg_url) -> tuple[Runtime, Runtime]:
    a = _runtime(tmp_path, slack_standin, clock, database_url=pg_url)
    b = _runtime(tmp_path, slack_standin, clock, database_url=pg_url)
    for runtime in (a, b):  # both act, as two leaders may for a moment during a failover: the outbox alone
        runtime.runner.leader = SoleProcess()  # must keep every post exactly once
    a.runner.tick()
    b.runner.tick()
    return a, b


def _tick_both(a: Runtime, b: Runtime) -> None:
    threads = [_in_thread(a.runner.tick), _in_thread(b.runner.tick)]
    for t in threads:
        t.join(60)


@pytest.mark.postgres
def test_two_schedulers_ticking_together_post_each_part_once(pair, slack_standin, clock):
    a, b = pair
    drop_briefings(a.settings.inbox)
    for _ in range(3):
        _tick_both(a, b)
        clock.advance(2)
    assert_exactly_once(a.store, slack_standin, expected=3)
    assert len(slack_standin.calls_to(POST)) == 3


@pytest.mark.postgres
def test_a_cron_run_fired_by_both_schedulers_is_planned_once(pair, slack_standin, clock):
    a, b = pair
    a.pipeline.subscribe("C0CRON", "*", "0 9 * * *", "UTC")
    drop_briefings(a.settings.inbox)
    _tick_both(a, b)  # ingests, and posts to the asap channel
    when = dt.datetime.combine(clock().date(), dt.time(9), dt.timezone.utc)
    fires = [_in_thread(lambda r=r: r.runner.fire("C0CRON", "*", "0 9 * * *", "UTC", when)) for r in (a, b)]
    for t in fires:
        t.join(60)
    _tick_both(a, b)
    assert_exactly_once(a.store, slack_standin, "C0CRON", expected=3)
    assert_exactly_once(a.store, slack_standin, CHANNEL, expected=3)


@pytest.mark.postgres
def test_killing_one_schedulers_sessions_mid_post_does_not_double_post(pair, slack_standin, clock, pg_url):
    a, b = pair
    drop_briefings(a.settings.inbox)
    slack_standin.hang_next(POST, 0.5, process=True)
    first = _in_thread(a.runner.tick)
    wait_until(lambda: slack_standin.calls_to(POST), 10, "A's post to reach Slack")
    terminate_backends(pg_url)  # both schedulers lose every session; A is mid-post
    _tick_both(a, b)
    first.join(30)
    for runtime in (a, b, a, b):
        _recover(runtime, clock, rounds=2)
    assert_exactly_once(b.store, slack_standin, expected=3)
    assert len(slack_standin.calls_to(POST)) == 3

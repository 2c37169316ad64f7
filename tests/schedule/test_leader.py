"""Leadership: on PostgreSQL one replica polls and fires and another takes over within the lease when
the leader's connection dies; a SQLite file refuses a second machine."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.pipeline import schedule_key
from bot.runtime import Runtime, build
from bot.schedule.leader import PostgresLeader, SqliteLeader, for_database
from bot.settings import SettingsError, load
from bot.store.db import make_engine, upgrade
from tests.support.postgres import private_database
from tests.support.waiting import wait_for

LEASE = 3.0
BRIEFING = "date 2025-06-0{day} Brief {day}\n\nThe plan\n\nMira said \u201cwe need patience number {day}\u201d.\n"


def _runtime(tmp_path: Path, name: str, url: str) -> Runtime:
    inbox = tmp_path / name
    inbox.mkdir()
    settings = load(
        database_url=url,
        inbox=inbox,
        poll_seconds=3600,
        inbox_settle_seconds=0,
        leader_lease_seconds=LEASE,
        slack_bot_token=None,
        slack_signing_secret=None,
        slack_app_token=None,
    )
    return build(settings)


def _drop(runtime: Runtime, day: int) -> None:
    (runtime.settings.inbox / f"brief-{day}.txt").write_text(BRIEFING.format(day=day))


def _titles(runtime: Runtime) -> set[str]:
    return {s.briefing.title for s in runtime.store.latest(20)}


@pytest.fixture
def pg_url() -> Iterator[str]:
    with private_database("leader") as url:
        yield url


@pytest.mark.postgres
def test_one_replica_leads_and_another_takes_over_within_the_lease(tmp_path, pg_url):
    first, second = _runtime(tmp_path, "first", pg_url), _runtime(tmp_path, "second", pg_url)
    _drop(first, 1)
    _drop(second, 2)
    first.runner.start()
    second.runner.start()
    try:
        leader, follower = (first, second) if first.runner.leader.is_leader() else (second, first)
        assert leader.runner.leader.is_leader() and not follower.runner.leader.is_leader()
        day = 1 if leader is first else 2
        assert _titles(leader) == {f"Brief {day}"}  # only the leader polled
        follower.runner.tick()
        follower.runner.fire("C0SCHED", "*", "0 8 * * *", "UTC", dt.datetime(2025, 6, 2, 8, tzinfo=dt.UTC))
        assert _titles(follower) == {f"Brief {day}"} and follower.store.last_run(schedule_key("C0SCHED", "*")) is None
        assert follower.health()["leader"]["role"] == "follower" and leader.health()["leader"]["role"] == "leader"

        lock = leader.runner.leader
        assert isinstance(lock, PostgresLeader)
        admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:  # the leader's connection dies
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": lock.backend_pid}).scalar()
        admin.dispose()
        died = time.monotonic()
        assert wait_for(follower.runner.leader.is_leader, LEASE)
        took_over = time.monotonic() - died
        assert took_over < LEASE, took_over
        assert wait_for(lambda: _titles(follower) == {"Brief 1", "Brief 2"}, LEASE)  # the new leader polled
        assert wait_for(lambda: not leader.runner.leader.is_leader(), LEASE)
        assert not leader.runner.lead()  # the old leader reconnects as a follower
    finally:
        first.runner.shutdown()
        second.runner.shutdown()
        first.store.close()
        second.store.close()


@pytest.mark.postgres
def test_a_leader_that_shuts_down_hands_over_at_once(tmp_path, pg_url):
    engine = make_engine(pg_url)
    upgrade(engine)
    now = lambda: dt.datetime.now(dt.UTC)  # noqa: E731
    a, b = for_database(engine, LEASE, now), for_database(engine, LEASE, now)
    try:
        assert a.check() and not b.check()
        a.release()
        assert b.check()
    finally:
        a.release()
        b.release()
        engine.dispose()


def test_sqlite_refuses_a_second_machine(tmp_path):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    runtime = _runtime(tmp_path, "inbox", url)
    runtime.runner.tick()  # the first machine's heartbeat
    with pytest.raises(SettingsError, match="another machine"):
        for_database(runtime.store.engine, LEASE, lambda: dt.datetime.now(dt.UTC), machine="another-machine")
    runtime.runner.shutdown()  # a clean stop removes this process's record
    other = for_database(runtime.store.engine, LEASE, lambda: dt.datetime.now(dt.UTC), machine="another-machine")
    assert other.check()
    other.release()
    runtime.store.close()


def test_sqlite_processes_on_one_machine_elect_one_leader(tmp_path):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    engine = make_engine(url)
    upgrade(engine)
    now = lambda: dt.datetime.now(dt.UTC)  # noqa: E731
    a, b = for_database(engine, LEASE, now), for_database(engine, LEASE, now)
    assert isinstance(a, SqliteLeader) and a.check() and not b.check()
    a.release()
    assert b.check()
    b.release()
    engine.dispose()

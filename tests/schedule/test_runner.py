"""Channel schedules end to end: the real store, pipeline, runner and console sender, on a clock we move."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.console import ConsoleSender, console_parts
from bot.pipeline import Pipeline, ingest, schedule_key
from bot.schedule.runner import JOB_DEFAULTS, Runner
from bot.schedule.triggers import cron_trigger
from bot.store import Store
from tests.support.clock import FakeClock

UTC = dt.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
SAMPLE = Path(__file__).resolve().parents[2] / "briefings" / "2025-06-02-grid-sample.txt"


class Bot:
    def __init__(self, tmp_path: Path, clock: FakeClock) -> None:
        self.store = Store.open(f"sqlite:///{tmp_path / 'bot.db'}", clock=clock)
        self.pipeline = Pipeline(self.store, [], {}, clock, render=console_parts)
        self.out = io.StringIO()
        self.runner = Runner(self.pipeline, ConsoleSender(self.store.outbox, self.out, clock), poll_seconds=60)

    def ingest(self, title: str) -> None:
        data = SAMPLE.read_bytes().replace(b"THE GRID BRIEF", title.encode())
        assert ingest(self.store, data, f"{title}.txt")[0].outcome == "new"

    def printed(self) -> int:
        return self.out.getvalue().count("[digest #")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2026, 11, 23, 6, 0, tzinfo=UTC))  # a Monday, 07:00 in Berlin


def test_a_scheduled_channel_posts_at_its_time_once(tmp_path, clock):
    bot = Bot(tmp_path, clock)
    bot.pipeline.subscribe("C1", "*", "0 8 * * mon-fri", "Europe/Berlin")
    bot.ingest("MONDAY BRIEF")
    bot.runner.tick()
    assert bot.printed() == 0  # not asap: it waits for 08:00
    clock.now = dt.datetime(2026, 11, 23, 7, 0, 5, tzinfo=UTC)
    bot.runner.fire("C1", "*", "0 8 * * mon-fri", "Europe/Berlin")
    assert bot.printed() == 1
    bot.runner.fire("C1", "*", "0 8 * * mon-fri", "Europe/Berlin")  # the same run again
    assert bot.printed() == 1


def test_a_run_missed_while_down_is_caught_up_once(tmp_path, clock):
    bot = Bot(tmp_path, clock)
    bot.pipeline.subscribe("C1", "*", "0 8 * * mon-fri", "Europe/Berlin")
    bot.ingest("WHILE DOWN")
    clock.now = dt.datetime(2026, 11, 25, 9, 30, tzinfo=UTC)  # Wednesday 10:30 Berlin: Mon, Tue, Wed 08:00 missed
    restarted = Bot(tmp_path, clock)
    missed = restarted.pipeline.catch_up()
    assert [(s.channel, when.astimezone(BERLIN).strftime("%a %H:%M")) for s, when in missed] == [("C1", "Wed 08:00")]
    restarted.runner._catch_up()
    restarted.runner._catch_up()
    assert restarted.printed() == 1
    assert restarted.pipeline.catch_up() == []


def test_autumn_daylight_saving_night_posts_once(tmp_path, clock):
    """APScheduler fires a daily 02:30 Europe/Berlin job twice on the autumn change; we post once."""
    bot = Bot(tmp_path, clock)
    bot.pipeline.subscribe("C1", "*", "30 2 * * *", "Europe/Berlin")
    bot.ingest("AUTUMN")
    trigger = cron_trigger("30 2 * * *", "Europe/Berlin")
    start = dt.datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    fires, prev, now = [], None, start
    while len(fires) < 3:
        nxt = trigger.get_next_fire_time(prev, now)
        fires.append(nxt)
        prev, now = nxt, nxt.astimezone(UTC) + dt.timedelta(seconds=1)
    night = [f for f in fires if f.astimezone(BERLIN).date() == dt.date(2026, 10, 25)]
    for when in night:
        clock.now = when.astimezone(UTC)
        bot.runner.fire("C1", "*", "30 2 * * *", "Europe/Berlin", when)
    assert bot.printed() == 1


def test_spring_daylight_saving_night_does_not_skip(tmp_path, clock):
    bot = Bot(tmp_path, clock)
    bot.pipeline.subscribe("C1", "*", "30 2 * * *", "Europe/Berlin")
    bot.ingest("SPRING")
    trigger = cron_trigger("30 2 * * *", "Europe/Berlin")
    when = trigger.get_next_fire_time(None, dt.datetime(2026, 3, 28, 23, 0, tzinfo=UTC))
    assert when.astimezone(BERLIN).date() == dt.date(2026, 3, 29)  # 02:30 does not exist: it runs at 03:30
    clock.now = when.astimezone(UTC)
    bot.runner.fire("C1", "*", "30 2 * * *", "Europe/Berlin", when)
    assert bot.printed() == 1


def test_two_runners_on_one_database_fire_a_schedule_once(tmp_path, clock):
    first, second = Bot(tmp_path, clock), Bot(tmp_path, clock)
    first.pipeline.subscribe("C1", "*", "0 8 * * *", "UTC")
    first.ingest("SHARED")
    clock.now = dt.datetime(2026, 11, 23, 8, 0, 1, tzinfo=UTC)
    first.runner.fire("C1", "*", "0 8 * * *", "UTC")
    second.runner.fire("C1", "*", "0 8 * * *", "UTC")
    assert first.printed() + second.printed() == 1
    assert first.store.last_run(schedule_key("C1", "*")) is not None


def test_asap_channels_post_on_every_tick_and_scheduled_ones_get_jobs(tmp_path, clock):
    bot = Bot(tmp_path, clock)
    bot.pipeline.subscribe("C1")
    bot.pipeline.subscribe("C2", "*", "0 9 * * 1", "UTC")
    bot.ingest("ASAP")
    bot.runner.tick()
    assert bot.printed() == 1
    job = bot.runner.scheduler.get_job(schedule_key("C2", "*"))
    assert job is not None
    nxt = job.trigger.get_next_fire_time(None, clock.now)
    assert nxt.strftime("%A %H:%M") == "Monday 09:00"  # crontab's 1 is Monday, not Tuesday
    bot.store.unsubscribe("C2")
    bot.runner.sync_schedules()
    assert bot.runner.scheduler.get_job(schedule_key("C2", "*")) is None


def test_job_defaults_do_not_silently_skip_late_runs():
    assert JOB_DEFAULTS["misfire_grace_time"] >= 3600
    assert JOB_DEFAULTS["coalesce"] is True and JOB_DEFAULTS["max_instances"] == 1


def test_a_new_subscription_does_not_post_the_archive(tmp_path, clock):
    bot = Bot(tmp_path, clock)
    bot.ingest("OLD NEWS")
    assert bot.pipeline.subscribe("C1") == 1
    bot.runner.tick()
    assert bot.printed() == 0
    bot.ingest("FRESH NEWS")
    bot.runner.tick()
    assert bot.printed() == 1 and "FRESH NEWS" in bot.out.getvalue()

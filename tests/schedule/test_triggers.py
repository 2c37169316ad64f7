import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.schedule.triggers import ASAP, ScheduleError, cron_trigger, fire_key, missed_run, validate, weekday_names

UTC = dt.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


def fires(trigger, start, end):
    out, prev, now = [], None, start
    while True:
        nxt = trigger.get_next_fire_time(prev, now)
        if nxt is None or nxt > end:
            return out
        out.append(nxt)
        prev, now = nxt, nxt.astimezone(UTC) + dt.timedelta(seconds=1)  # step in UTC


def test_crontab_monday_means_monday():
    trigger = cron_trigger("0 9 * * 1", "UTC")
    first = trigger.get_next_fire_time(None, dt.datetime(2026, 11, 22, tzinfo=UTC))  # a Sunday
    assert first.strftime("%A %H:%M") == "Monday 09:00"


@pytest.mark.parametrize(
    "field, names", [("1-5", "mon-fri"), ("0,6", "sun,sat"), ("7", "sun"), ("*", "*"), ("mon", "mon")]
)
def test_weekday_numbers_become_names(field, names):
    assert weekday_names(field) == names


def test_autumn_dst_night_runs_once_per_key():
    trigger = cron_trigger("30 2 * * *", "Europe/Berlin")
    day = fires(trigger, dt.datetime(2026, 10, 24, 22, tzinfo=UTC), dt.datetime(2026, 10, 25, 12, tzinfo=UTC))
    assert len(day) == 2  # APScheduler fires at both 02:30s of the repeated hour...
    assert len({fire_key(f, "Europe/Berlin") for f in day}) == 1  # ...and we run one of them


def test_spring_dst_night_still_runs_once():
    trigger = cron_trigger("30 2 * * *", "Europe/Berlin")
    day = fires(trigger, dt.datetime(2026, 3, 28, 22, tzinfo=UTC), dt.datetime(2026, 3, 29, 12, tzinfo=UTC))
    assert len({fire_key(f, "Europe/Berlin") for f in day}) == 1


def test_missed_run_is_caught_up_once_after_downtime():
    last = dt.datetime(2026, 11, 23, 8, 0, tzinfo=BERLIN)
    back = dt.datetime(2026, 11, 24, 8, 20, tzinfo=BERLIN)  # down over the 08:00 run
    assert missed_run("0 8 * * *", "Europe/Berlin", last, back) == dt.datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)
    week_later = dt.datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)  # several runs missed: one catch-up
    assert missed_run("0 8 * * *", "Europe/Berlin", last, week_later).date() == dt.date(2026, 11, 30)
    assert missed_run("0 8 * * *", "Europe/Berlin", back, back) is None
    assert missed_run(ASAP, "UTC", last, back) is None


@pytest.mark.parametrize("bad", ["every day", "0 25 * * *", "0 9 * * 9", "* * *"])
def test_bad_schedules_get_a_helpful_error(bad):
    with pytest.raises(ScheduleError):
        validate(bad, "UTC")


def test_validate_normalises():
    assert validate("ASAP", "UTC") == ASAP
    assert validate("0  8 * * mon-fri", "Europe/Berlin") == "0 8 * * mon-fri"
    with pytest.raises(ScheduleError, match="timezone"):
        validate("asap", "Mars/Olympus")

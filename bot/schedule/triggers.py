"""Channel schedules: `asap` or a five-field cron expression, in the channel's timezone.

APScheduler 3 numbers weekdays from Monday = 0, so `CronTrigger.from_crontab("0 9 * * 1")` fires on
Tuesdays; we translate crontab weekday numbers (0 or 7 = Sunday) into names before building triggers.
A wall-clock schedule meets daylight saving twice a year: inside the repeated autumn hour it fires
twice, so each run is identified by its local date and time (`fire_key`) and a key runs once.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

ASAP = "asap"
_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
_DAY_NUMBER = re.compile(r"\d+")


class ScheduleError(ValueError):
    """A schedule or timezone a user typed that we cannot use; the message says how to fix it."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"unknown timezone {name!r} (use an IANA name such as Europe/Berlin)") from None


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    """A CronTrigger from `minute hour day month weekday`, weekdays as crontab numbers or names."""
    fields = expression.split()
    if len(fields) != 5:
        raise ScheduleError(f"{expression!r} is not a cron expression: use five fields, e.g. '0 8 * * mon-fri'")
    minute, hour, day, month, weekday = fields
    try:
        return CronTrigger(
            minute=minute, hour=hour, day=day, month=month, day_of_week=weekday_names(weekday), timezone=zone(timezone)
        )
    except ValueError as exc:
        raise ScheduleError(f"{expression!r}: {exc}") from None


def weekday_names(field: str) -> str:
    """Crontab weekday numbers (0 and 7 are Sunday) to names: '1-5' -> 'mon-fri'."""
    return _DAY_NUMBER.sub(lambda m: _day(m.group()), field.lower())


def _day(number: str) -> str:
    n = int(number)
    if not 0 <= n <= 7:
        raise ScheduleError(f"weekday {n} is out of range (0-7, 0 and 7 are Sunday)")
    return _DAYS[n % 7]


def validate(schedule: str, timezone: str) -> str:
    """The schedule, normalised; raises ScheduleError with a helpful message."""
    zone(timezone)
    schedule = " ".join(schedule.split()).lower()
    if schedule in ("", ASAP, "now", "immediately"):
        return ASAP
    trigger = cron_trigger(schedule, timezone)
    if trigger.get_next_fire_time(None, _EPOCH) is None:
        raise ScheduleError(f"{schedule!r} never fires (no month has that day); check the day and month fields")
    return schedule


_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # any start will do: an impossible date never comes


def fire_key(fire_time: dt.datetime, timezone: str) -> str:
    """The local date and time of a run: the autumn repeat of 02:30 has the same key as the first."""
    return fire_time.astimezone(zone(timezone)).strftime("%Y-%m-%d %H:%M")


def missed_run(schedule: str, timezone: str, last_run: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    """The latest run that fell due after `last_run` and not after `now` (None when none did).

    Missed runs are coalesced: a bot that was down over several runs catches up once.
    """
    if schedule == ASAP or last_run is None:
        return None
    trigger = cron_trigger(schedule, timezone)
    missed = None
    fire = trigger.get_next_fire_time(None, last_run + dt.timedelta(seconds=1))
    for _ in range(10_000):  # bounded: a schedule every minute over a week
        if fire is None or fire > now:
            break
        missed = fire
        fire = trigger.get_next_fire_time(fire, fire + dt.timedelta(seconds=1))
    return missed

"""Weekly roll-ups: one cron job per subscribed channel, planned into the outbox exactly once.

A roll-up posted on local date D covers the briefings dated D-7 .. D-1. Its outbox key is the id
of the (channel, week) row in `rollup_runs` (kind "rollup"), which is unique: however many times the job fires
(two processes, a catch-up after a restart, the autumn repeat of an hour), the same week queues the
same delivery, and the outbox posts it once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from apscheduler.schedulers.base import BaseScheduler

from bot.outbox import Permalinks, with_metadata
from bot.render.rollup import rollup_messages
from bot.schedule.triggers import cron_trigger, fire_key, missed_run, zone
from bot.store import Store

log = logging.getLogger(__name__)
VERSION = 1


def rollup_key(channel: str) -> str:
    return f"rollup:{channel}"


def week_of(fire: dt.datetime, timezone: str) -> dt.date:
    """The first day of the week a roll-up fired at `fire` covers: seven days before its local date."""
    return fire.astimezone(zone(timezone)).date() - dt.timedelta(days=7)


def render(
    store: Store,
    start: dt.date,
    links: Permalinks | None = None,
    channel: str | None = None,
    roster: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    week = store.week(start)
    permalinks = links(store.outbox, [b.id for b in week.briefings], channel) if links else {}
    return rollup_messages(start, week.briefings, week.quotes, permalinks, roster or store.roster)


@dataclass
class RollupJobs:
    store: Store
    clock: Callable[[], dt.datetime]
    links: Permalinks = field(default_factory=Permalinks)  # to the week's digests, once Slack told the URL
    after: Callable[[], None] = lambda: None  # deliver what was queued
    _jobs: dict[str, tuple[str, str]] = field(default_factory=dict)

    def subscribe(self, channel: str, weekday: str, at: str, timezone: str) -> None:
        """Subscribe (or reschedule) a channel; runs before now are never caught up."""
        roll = self.store.subscribe_rollup(channel, weekday, at, timezone)
        now = self.clock()
        self.store.record_run(rollup_key(channel), f"subscribed {now.isoformat()}", now)
        log.info("weekly roll-up for %s on %s", channel, roll.cron)

    def run(self, channel: str, fire: dt.datetime, timezone: str) -> int:
        """Queue the roll-up of the week before `fire`; 1 when newly queued, 0 when it already was."""
        start = week_of(fire, timezone)
        run_id = self.store.rollup_run(channel, start)
        had = run_id in self.store.outbox.planned(channel, "rollup")
        if not had:
            parts = with_metadata(render(self.store, start, self.links, channel), run_id, VERSION, "rollup")
            self.store.outbox.enqueue(channel, run_id, VERSION, parts, "rollup")
            log.info("weekly roll-up of %s for the week of %s queued", channel, start)
        self.store.record_run(rollup_key(channel), fire_key(fire, timezone), self.clock())
        return 0 if had else 1

    def fire(self, channel: str, cron: str, timezone: str, when: dt.datetime | None = None) -> None:
        if when is None:
            now = self.clock()
            when = missed_run(cron, timezone, now - dt.timedelta(hours=2), now) or now
        try:
            self.run(channel, when, timezone)
        except Exception:
            log.exception("weekly roll-up of %s failed; it is caught up at the next start", channel)
        self.after()

    def catch_up(self) -> None:
        """Roll-ups missed while the bot was down (one per channel, the latest)."""
        now = self.clock()
        for roll in self.store.rollups():
            fire = missed_run(roll.cron, roll.timezone, self.store.last_run(rollup_key(roll.channel)), now)
            if fire is not None:
                log.info("catching up the weekly roll-up of %s missed at %s", roll.channel, fire.isoformat())
                self.fire(roll.channel, roll.cron, roll.timezone, fire)

    def sync(self, scheduler: BaseScheduler) -> None:
        """One cron job per roll-up subscription (they change at run time through /digest)."""
        wanted = {rollup_key(r.channel): r for r in self.store.rollups()}
        for job_id in set(self._jobs) - set(wanted):
            scheduler.remove_job(job_id)
            del self._jobs[job_id]
        for job_id, roll in wanted.items():
            if self._jobs.get(job_id) == (roll.cron, roll.timezone):
                continue
            scheduler.add_job(
                self.fire,
                cron_trigger(roll.cron, roll.timezone),
                args=[roll.channel, roll.cron, roll.timezone],
                id=job_id,
                replace_existing=True,
                name=job_id,
            )
            self._jobs[job_id] = (roll.cron, roll.timezone)

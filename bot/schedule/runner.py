"""APScheduler wiring: poll sources, plan digests, deliver them, reconcile, and fire channel schedules.

Defaults are set against APScheduler 3's pitfalls: a misfire grace of an hour (its default of 1 s
silently skips a run that starts late), coalescing, one instance per job, and catch-up of runs
missed while the bot was down from the store's record of last runs (jobs rebuilt in memory at
start-up know nothing of them).

With several replicas on one database (bot/schedule/leader.py) polling, schedules and reconciling
run only on the leader; a replica that takes over runs what a fresh start runs: reconcile, poll,
catch up. Every replica delivers: a claim takes its row in one transaction (FOR UPDATE SKIP LOCKED
on PostgreSQL, BEGIN IMMEDIATE on SQLite) and moves it to `sending`, so no two replicas post the same
part, and the pacing of posts per channel is shared through the database. Reconciling stays on
the leader: two replicas reading the history for the same uncertain post could settle it two ways.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.pipeline import Pipeline, schedule_key
from bot.schedule.leader import Leadership
from bot.schedule.rollup import RollupJobs
from bot.schedule.triggers import ASAP, cron_trigger, fire_key, missed_run

log = logging.getLogger(__name__)
T = TypeVar("T")

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}


class Deliverer(Protocol):
    def deliver_due(self, max_items: int = 100) -> int: ...

    def reconcile(self) -> int: ...


class SoleProcess:
    """The leadership of a bot that is the only one on its database."""

    interval = 60.0

    def check(self) -> bool:
        return True

    def is_leader(self) -> bool:
        return True

    def release(self) -> None:
        pass

    def status(self) -> dict[str, object]:
        return {"role": "leader"}


class Runner:
    """Owns the scheduler; every job body is a short call into the pipeline or the sender."""

    def __init__(
        self,
        pipeline: Pipeline,
        sender: Deliverer,
        poll_seconds: float,
        deliver_seconds: float = 2.0,
        leader: Leadership | None = None,
        rollups: RollupJobs | None = None,
    ) -> None:
        self.leader: Leadership = leader or SoleProcess()
        self._leading = False
        self.pipeline = pipeline
        self.sender = sender
        self.poll_seconds = poll_seconds
        self.deliver_seconds = deliver_seconds
        self.scheduler = BackgroundScheduler(timezone=dt.UTC, job_defaults=JOB_DEFAULTS)
        self._schedules: dict[str, tuple[str, str]] = {}
        self.rollups = rollups  # weekly roll-ups, when on: what they queue is delivered at once
        if rollups is not None:
            rollups.after = self.deliver
        self._stopped = threading.Event()
        self._lock = threading.Lock()

    def start(self) -> None:
        """The first round (on the leader: reconcile, poll, plan, deliver, catch-up), then the scheduler;
        a `stop()` meanwhile ends it early and the scheduler never starts."""
        self.lead()
        if self._stopped.is_set():
            return
        self.scheduler.add_job(self.tick, IntervalTrigger(seconds=self.poll_seconds), id="poll", name="poll sources")
        self.scheduler.add_job(
            self.deliver, IntervalTrigger(seconds=self.deliver_seconds), id="deliver", name="deliver digests"
        )
        self.scheduler.add_job(self.reconcile, IntervalTrigger(seconds=60), id="reconcile", name="reconcile")
        self.scheduler.add_job(self.lead, IntervalTrigger(seconds=self.leader.interval), id="leader", name="leader")
        self.sync_schedules()
        with self._lock:
            if not self._stopped.is_set():
                self.scheduler.start()

    def stop(self) -> None:
        """No new jobs from now on (a start in progress does not start the scheduler)."""
        with self._lock:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop, then wait for the jobs that are running (each ends after its post in flight)."""
        self.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        _guard("leader release", self.leader.release)

    def lead(self) -> bool:
        """Check leadership; a replica that becomes leader runs what a fresh start runs."""
        leading = bool(_guard("leader", self.leader.check))
        if leading and not self._leading:
            self._leading = True
            if not isinstance(self.leader, SoleProcess):
                log.info("this replica leads: it polls the sources and fires the schedules")
            self.reconcile()  # settle posts a previous run (or leader) left uncertain
            if not self._stopped.is_set():
                self.tick()
            if not self._stopped.is_set():
                self._catch_up()
        elif not leading and self._leading:
            self._leading = False
            log.warning("this replica no longer leads; another one polls and fires")
        return leading

    def reconcile(self) -> None:
        if self.leader.is_leader():
            _guard("reconcile", self.sender.reconcile)

    def tick(self) -> None:
        """Poll the sources, plan `asap` channels and deliver what is due (on the leader only)."""
        if not self.leader.is_leader():
            return
        _guard("poll", self.pipeline.poll)
        _guard("plan", self.pipeline.plan)
        self.deliver()
        self.sync_schedules()

    def deliver(self) -> None:
        """Post what is due, on every replica (claims never overlap)."""
        _guard("deliver", self.sender.deliver_due)

    def sync_schedules(self) -> None:
        """One cron job per scheduled subscription; subscriptions change at run time via /digest."""
        wanted: dict[str, tuple[str, str, str, str]] = {}
        for sub in _guard("subscriptions", self.pipeline.store.subscriptions) or []:
            if sub.schedule != ASAP:
                wanted[schedule_key(sub.channel, sub.source)] = (sub.channel, sub.source, sub.schedule, sub.timezone)
        for job_id in set(self._schedules) - set(wanted):
            self.scheduler.remove_job(job_id)
            del self._schedules[job_id]
        for job_id, (channel, source, schedule, timezone) in wanted.items():
            if self._schedules.get(job_id) == (schedule, timezone):
                continue
            trigger = cron_trigger(schedule, timezone)
            self.scheduler.add_job(
                self.fire,
                trigger,
                args=[channel, source, schedule, timezone],
                id=job_id,
                replace_existing=True,
                name=job_id,
            )
            self._schedules[job_id] = (schedule, timezone)
        if (rollups := self.rollups) is not None:
            _guard("roll-up schedules", lambda: rollups.sync(self.scheduler))

    def fire(self, channel: str, source: str, schedule: str, timezone: str, when: dt.datetime | None = None) -> None:
        """Plan a scheduled channel, keyed by the scheduled (not the actual, possibly late) local time."""
        if not self.leader.is_leader():
            return
        if when is None:
            now = self.pipeline.clock()
            when = missed_run(schedule, timezone, now - dt.timedelta(hours=2), now) or now
        key = fire_key(when, timezone)
        queued = _guard("schedule", lambda: self.pipeline.run_schedule(channel, source, key))
        log.info("schedule of %s fired for %s: %s digests queued", channel, key, queued)
        self.deliver()

    def _catch_up(self) -> None:
        if self.rollups is not None:
            _guard("roll-up catch-up", self.rollups.catch_up)
        missed = _guard("catch-up", self.pipeline.catch_up) or []
        for sub, when in missed:
            log.info("catching up the run of %s missed at %s", sub.channel, when.isoformat())
            self.fire(sub.channel, sub.source, sub.schedule, sub.timezone, when)


def _guard(what: str, call: Callable[[], T]) -> T | None:
    """Run one step; a failure is logged and retried on the next tick instead of killing the job."""
    try:
        return call()
    except Exception:  # the scheduler must outlive any single failure
        log.exception("%s failed; retrying on the next tick", what)
        return None

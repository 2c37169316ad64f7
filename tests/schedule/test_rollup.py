"""The weekly roll-up: posted once per week and channel, through restarts, within Slack's limits."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler

from bot.outbox import Permalinks
from bot.pipeline import ingest
from bot.schedule.rollup import RollupJobs, render
from bot.slack.client import make_client
from bot.slack.sender import Sender
from bot.store import Store
from tests.support.clock import FakeClock
from tests.support.slack_standin import STANDIN_TOKEN

UTC = dt.timezone.utc
TITLE = "The week in briefings"


def _briefing(day: dt.date, n: int) -> bytes:
    paragraphs = [
        f"Ana Ruiz, who follows trade, spoke on day {n}.",
        f"“Shipping rates doubled in a month and nobody planned for number {n},” Ruiz said.",
        "Tom Berger disagreed.",
        f"“The ports will adapt faster than the models say, case {n},” Berger said.",
    ]
    title = f"Daily brief number {n} with a rather long title about ports, tariffs, grids and elections"
    text = f"date {day.isoformat()} {title}\n\nPorts and prices\n\n" + "\n\n".join(paragraphs) + "\n"
    return text.encode()


class Bot:
    """One process: the store, the roll-up jobs and a Slack sender, on a clock the test moves."""

    def __init__(self, url: str, clock: FakeClock, standin_url: str) -> None:
        self.store = Store.open(url, clock=clock)
        client = make_client(STANDIN_TOKEN, standin_url, rate_limit_retries=0)
        self.sender = Sender(self.store.outbox, client, clock, min_interval=0, sleep=lambda s: None)
        self.jobs = RollupJobs(
            self.store, clock, links=Permalinks("https://standin.slack.test/"), after=self.sender.deliver_due
        )

    def close(self) -> None:
        self.store.close()


def test_posted_once_per_week_through_a_restart_over_the_fire_time(tmp_path: Path, slack_standin) -> None:
    clock = FakeClock(dt.datetime(2025, 6, 6, 12, 0, tzinfo=UTC))  # a Friday
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    bot = Bot(url, clock, slack_standin.url)
    for i, day in enumerate(dt.date(2025, 6, 2) + dt.timedelta(days=d) for d in range(5)):
        ingest(bot.store, _briefing(day, i), f"b{i}.txt")
    bot.jobs.subscribe("C0WEEK", "mon", "08:00", "Europe/Berlin")
    bot.jobs.catch_up()
    assert slack_standin.posted("C0WEEK") == []  # nothing is due before the first Monday
    bot.close()  # the bot is down over Monday 08:00 Berlin

    clock.now = dt.datetime(2025, 6, 9, 9, 30, tzinfo=UTC)
    for _ in range(2):  # a restart, then another one (and a late cron firing) the same day
        bot = Bot(url, clock, slack_standin.url)
        bot.jobs.catch_up()
        bot.jobs.fire("C0WEEK", "0 8 * * mon", "Europe/Berlin", dt.datetime(2025, 6, 9, 6, 0, tzinfo=UTC))
        bot.close()
    other = Bot(url, clock, slack_standin.url)  # a second process sharing the database
    other.jobs.fire("C0WEEK", "0 8 * * mon", "Europe/Berlin", dt.datetime(2025, 6, 9, 6, 0, tzinfo=UTC))
    other.close()

    posted = [m for m in slack_standin.posted("C0WEEK") if TITLE in m["text"]]
    assert len(posted) == 1
    body = json.dumps(posted[0]["blocks"], ensure_ascii=False)
    assert "Ana Ruiz" in body and "Mon 02 Jun" in body and "Fri 06 Jun" in body

    clock.now = dt.datetime(2025, 6, 16, 6, 30, tzinfo=UTC)  # the next Monday: the next week, once
    bot = Bot(url, clock, slack_standin.url)
    bot.jobs.catch_up()
    bot.jobs.catch_up()
    bot.close()
    assert len([m for m in slack_standin.posted("C0WEEK") if TITLE in m["text"]]) == 2


def test_a_week_of_a_hundred_briefings_fits_slacks_limits(tmp_path: Path, slack_standin) -> None:
    clock = FakeClock(dt.datetime(2025, 6, 9, 6, 0, tzinfo=UTC))
    bot = Bot(f"sqlite:///{tmp_path / 'bot.db'}", clock, slack_standin.url)
    for i in range(100):
        ingest(bot.store, _briefing(dt.date(2025, 6, 2) + dt.timedelta(days=i % 7), i), f"b{i}.txt")
    parts = render(bot.store, dt.date(2025, 6, 2))
    for part in parts:
        assert len(part["blocks"]) <= 50
        sizes = [len(b["text"]["text"]) for b in part["blocks"] if "text" in b]
        assert all(size <= 3000 for size in sizes) and sum(sizes) <= 12_000
    listed = json.dumps([p["blocks"] for p in parts], ensure_ascii=False)
    assert all(f"number {i} " in listed for i in range(100))  # every day's digests are linked or listed
    bot.store.outbox.enqueue("C0BIG", 1, 1, parts, "rollup")
    bot.sender.deliver_due()
    assert bot.store.outbox.counts() == {"sent": len(parts)}
    bot.close()


def test_a_roll_up_whose_answer_was_lost_is_found_not_posted_again(tmp_path: Path, slack_standin) -> None:
    """A roll-up carries its own message metadata, so reconciliation finds an uncertain post; a
    digest with the same id in the same channel is a different message."""
    clock = FakeClock(dt.datetime(2025, 6, 9, 6, 30, tzinfo=UTC))
    slack_standin.clock = lambda: clock().timestamp()
    bot = Bot(f"sqlite:///{tmp_path / 'bot.db'}", clock, slack_standin.url)
    [stored] = ingest(bot.store, _briefing(dt.date(2025, 6, 3), 1), "b1.txt")
    slack_standin.drop_next("chat.postMessage")
    assert bot.jobs.run("C0WEEK", clock(), "UTC") == 1
    assert bot.sender.deliver_due() == 0
    [rollup] = bot.store.outbox.deliveries("C0WEEK")
    assert rollup.kind == "rollup" and rollup.state == "unknown"
    assert rollup.payload["metadata"]["event_payload"] == {
        "briefing_id": rollup.briefing_id,
        "version": 1,
        "part": 0,
        "kind": "rollup",
    }
    clock.advance(60)
    assert bot.sender.reconcile() == 1 and bot.sender.deliver_due() == 0
    assert len(slack_standin.posted("C0WEEK")) == 1 and bot.store.outbox.get(rollup.id).state == "sent"

    assert stored.briefing_id == rollup.briefing_id  # both are the first of their table
    assert bot.store.outbox.enqueue("C0WEEK", rollup.briefing_id, 1, [{"text": "a digest"}])
    assert bot.sender.deliver_due() == 1 and len(slack_standin.posted("C0WEEK")) == 2
    assert bot.store.outbox.planned("C0WEEK") == {stored.briefing_id: (1, "sent")}
    assert bot.store.outbox.planned("C0WEEK", "rollup") == {rollup.briefing_id: (1, "sent")}
    bot.close()


def test_jobs_follow_the_subscriptions(tmp_path: Path) -> None:
    clock = FakeClock(dt.datetime(2025, 6, 9, 6, 0, tzinfo=UTC))
    store = Store.open(f"sqlite:///{tmp_path / 'bot.db'}", clock=clock)
    jobs = RollupJobs(store, clock)
    scheduler = BackgroundScheduler(timezone=UTC)
    jobs.subscribe("C1", "fri", "17:30", "America/New_York")
    jobs.sync(scheduler)
    assert [j.id for j in scheduler.get_jobs()] == ["rollup:C1"]
    store.unsubscribe_rollup("C1")
    jobs.sync(scheduler)
    assert scheduler.get_jobs() == []
    store.close()

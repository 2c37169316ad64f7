"""Three real `digestbot run` replicas (subprocesses, HTTP mode) on one PostgreSQL database against the
Slack stand-in: 50 briefings waiting for two channels (one posting as briefings arrive, one on a
schedule), the leader SIGKILLed in the middle of the backlog. Every replica delivers and answers
slash commands; each digest reaches its channel exactly once, each scheduled run fires once, the
surviving replicas answer commands throughout, and posts to a channel keep the shared pacing.

A post the killed leader had in flight stays `sending` until its 120 s lease expires; as in
test_sigkill.py, that one is settled in-process with a clock moved past the lease.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.pipeline import schedule_key
from bot.runtime import build
from bot.settings import load
from bot.store import Store
from tests.faults.conftest import assert_exactly_once, fast_sender, outbox_states, put
from tests.support.clock import FakeClock
from tests.support.killpoints import BotProcess, bot_env, wait_until
from tests.support.signing import SIGNING_SECRET, sign, slash_body
from tests.support.slack_standin import STANDIN_TOKEN, SlackStandin

pytestmark = pytest.mark.slow

BRIEFINGS = 50
ASAP, SCHEDULED = "C0DIGEST", "C0WEEKLY"
INTERVAL = 0.15  # seconds between posts to one channel (DIGEST_POST_INTERVAL_SECONDS)


@pytest.fixture
def live_standin() -> Iterator[SlackStandin]:
    with SlackStandin() as standin:
        yield standin


SPEAKERS = ("Mira Holt", "Ana Ruiz", "Jon Bakker", "Lea Novak", "Omar Haddad")


def _briefing(i: int) -> bytes:
    return (
        f"date 2025-06-{1 + i % 28:02d} Harbour note {i}\n\nPorts\n\n"
        f"{SPEAKERS[i % 5]} said \u201cberth number {i} reopens after the dredging\u201d.\n"
    ).encode()


class Commands(threading.Thread):
    """Sends /whosaid to every live replica in turn until stopped; records each answer."""

    def __init__(self, standin: SlackStandin) -> None:
        super().__init__(daemon=True)
        self.standin = standin
        self.replicas: list[BotProcess] = []
        self.answers: list[tuple[str, int, bool]] = []  # (replica url, status, answered with a quote)
        self.halt = threading.Event()
        self.lock = threading.Lock()

    def run(self) -> None:
        n = 0
        while not self.halt.wait(0.25):
            with self.lock:  # a round goes to the replicas alive when it starts
                for bot in self.replicas:
                    n += 1
                    body = slash_body("/whosaid", "dredging", response_url=self.standin.hook_url + f"q{n}")
                    try:
                        answer = httpx.post(bot.url + "/slack/events", content=body, headers=sign(body), timeout=5)
                        self.answers.append((bot.url, answer.status_code, "Mira Holt" in answer.text))
                    except httpx.HTTPError:
                        self.answers.append((bot.url, 0, False))


def _role(bot: BotProcess) -> str:
    try:
        return httpx.get(bot.url + "/healthz", timeout=2).json()["leader"]["role"]
    except (httpx.HTTPError, KeyError, ValueError):
        return "?"


def _posted(standin: SlackStandin) -> int:
    return len(standin.posted(ASAP)) + len(standin.posted(SCHEDULED))


def test_three_replicas_post_every_digest_once_when_the_leader_is_killed(
    tmp_path: Path, live_standin: SlackStandin, pg_url: str
) -> None:
    inbox = tmp_path / "briefings"
    inbox.mkdir()
    store = Store.open(pg_url)  # migrated; a channel on a schedule, last run two minutes ago (caught up at start)
    store.subscribe(SCHEDULED, schedule="* * * * *", timezone="UTC")
    store.record_run(
        schedule_key(SCHEDULED, "*"), "earlier", dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=2)
    )
    for i in range(BRIEFINGS):
        put(inbox, f"note{i:02d}.txt", _briefing(i))

    env = bot_env(
        tmp_path,
        live_standin.url,
        pg_url,
        DIGEST_LEADER_LEASE_SECONDS="3",
        DIGEST_POST_INTERVAL_SECONDS=str(INTERVAL),
        DIGEST_POLL_SECONDS="2",
    )
    bots = [BotProcess(tmp_path, {**env, "PORT": str(_port())}, name=f"replica{i}") for i in range(3)]
    commands = Commands(live_standin)
    try:
        for bot in bots:
            bot.wait_healthy(40)
        body = slash_body("/whosaid", "dredging")
        headers = sign(body)
        assert httpx.post(bots[0].url + "/slack/events", content=body, headers=headers, timeout=5).status_code == 200
        for bot in bots[1:]:  # the replay cache is the database's: another replica refuses the same request
            assert httpx.post(bot.url + "/slack/events", content=body, headers=headers, timeout=5).status_code == 401
        commands.replicas.extend(bots)
        commands.start()
        leader = wait_until(lambda: next((b for b in bots if _role(b) == "leader"), None), 20, "a leader")
        wait_until(lambda: _posted(live_standin) >= 30, 40, "the backlog under way")
        with commands.lock:
            commands.replicas.remove(leader)
            killed_at = len(commands.answers)
            leader.kill()
        survivors = [b for b in bots if b is not leader]
        wait_until(lambda: any(_role(b) == "leader" for b in survivors), 20, "a new leader")
        wait_until(lambda: _posted(live_standin) >= 2 * BRIEFINGS - 1 and _settled(store), 40, "the backlog posted")
        time.sleep(1.0)  # a few more commands to the survivors
    finally:
        commands.halt.set()
        commands.join(10)
        for bot in bots:
            bot.stop()

    in_flight = outbox_states(store).get("sending", 0)  # a post the killed leader had on its way
    if in_flight:
        _recover_in_process(tmp_path, live_standin, pg_url)
    for channel in (ASAP, SCHEDULED):
        assert_exactly_once(store, live_standin, channel, expected=BRIEFINGS)
        stamps = sorted(float(m["ts"]) for m in live_standin.posted(channel))
        assert stamps[-1] - stamps[0] >= (len(stamps) - 1) * INTERVAL - 0.5, (
            "posts to one channel outpaced the shared pacing"
        )

    logs = "".join(b.output() for b in bots)
    runs = [(key, int(n)) for key, n in re.findall(rf"schedule of {SCHEDULED} fired for (.+?): (\d+) digests", logs)]
    planned = Counter(key for key, n in runs if n)
    assert sum(n for _, n in runs) == BRIEFINGS and list(planned.values()) == [1], runs  # one run planned them all
    assert max(Counter(key for key, _ in runs).values()) == 1, runs  # no run fired twice, on any replica

    after = commands.answers[killed_at:]
    assert after and all(status == 200 and quoted for _, status, quoted in after), after[:5]
    assert {url for url, _, _ in after} == {b.url for b in survivors}
    assert all(status == 200 for _, status, _ in commands.answers[:killed_at])
    store.close()


def _settled(store: Store) -> bool:
    states = outbox_states(store)
    return set(states) <= {"sent", "sending"} and states.get("sending", 0) <= 1


def _recover_in_process(tmp_path: Path, standin: SlackStandin, pg_url: str) -> None:
    clock = FakeClock(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=300))
    settings = load(
        slack_bot_token=STANDIN_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=standin.url,
        database_url=pg_url,
        inbox=tmp_path / "briefings",
        channel=ASAP,
        poll_seconds=3600,
    )
    runtime = build(settings, clock)
    try:
        sender = fast_sender(runtime, clock)
        for _ in range(6):
            if set(outbox_states(runtime.store)) == {"sent"}:
                break
            sender.reconcile()
            sender.deliver_due()
            clock.advance(130)
    finally:
        runtime.runner.leader.release()
        runtime.store.close()


def _port() -> int:
    from tests.support.bot_server import free_port

    return free_port()

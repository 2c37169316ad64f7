"""Fixtures for fault tests: briefings to post, a private PostgreSQL database, and the checks
that every digest part is in the channel exactly once.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from bot.outbox import METADATA_EVENT_TYPE
from bot.runtime import Runtime
from bot.slack.client import make_client
from bot.slack.sender import Sender
from bot.store import Store
from tests.support.clock import FakeClock
from tests.support.postgres import private_database
from tests.support.slack_standin import SlackStandin

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CHANNEL = "C0DIGEST"


def long_briefing(title: str = "THE LONG BRIEF", sections: int = 70) -> bytes:
    """A briefing whose digest needs two messages (a channel post and a thread reply)."""
    paras = []
    for i in range(sections):
        paras.append(f"Section {i} heading")
        paras.append(
            f'Minister Speaker{i % 5} said the matter number {i} is "'
            + "very important and worth watching closely " * 20
            + '" on Tuesday.'
        )
    return (f"date 2025-07-01 {title}\n\n" + "\n\n".join(paras) + "\n").encode()


def put(inbox: Path, name: str, data: bytes) -> None:
    """Place a file in the inbox atomically (a running bot never reads half of it)."""
    staging = inbox.parent / f".{name}.part"
    staging.write_bytes(data)
    os.replace(staging, inbox / name)


def drop_briefings(inbox: Path, *, long: bool = True) -> None:
    """A two-part briefing (by default) first, then the seed briefing."""
    if long:
        put(inbox, "long.txt", long_briefing())
    put(inbox, "seed.txt", (CORPUS / "seed.txt").read_bytes())


def parts_in_channel(standin: SlackStandin, channel: str = CHANNEL) -> Counter[tuple[int, int, int]]:
    """How often each (briefing_id, version, part) appears in the channel, from message metadata."""
    seen: Counter[tuple[int, int, int]] = Counter()
    for message in standin.posted(channel):
        meta = message.get("metadata") or {}
        assert meta.get("event_type") == METADATA_EVENT_TYPE, f"a message without digest metadata: {message}"
        p = meta["event_payload"]
        seen[(int(p["briefing_id"]), int(p["version"]), int(p["part"]))] += 1
    return seen


def planned_parts(store: Store, channel: str = CHANNEL) -> set[tuple[int, int, int]]:
    return {
        (d.briefing_id, d.briefing_version, d.part) for d in store.outbox.deliveries(channel) if d.state != "seeded"
    }


def assert_exactly_once(
    store: Store, standin: SlackStandin, channel: str = CHANNEL, *, expected: int | None = None
) -> None:
    """Every planned part is `sent`, with the ts of the single channel message that carries it."""
    deliveries = [d for d in store.outbox.deliveries(channel) if d.state != "seeded"]
    seen = parts_in_channel(standin, channel)
    duplicates = {k: n for k, n in seen.items() if n > 1}
    assert not duplicates, f"posted more than once: {duplicates}"
    assert set(seen) == planned_parts(store, channel), (
        f"in channel {sorted(seen)} vs planned {sorted(planned_parts(store, channel))}"
    )
    states = Counter(d.state for d in deliveries)
    assert states == Counter(sent=len(deliveries)), f"outbox not settled: {dict(states)}"
    by_ts = {m["ts"]: m for m in standin.posted(channel)}
    for d in deliveries:
        assert d.ts in by_ts, f"delivery {d.id} records ts {d.ts}, which is not in the channel"
        meta = by_ts[d.ts]["metadata"]["event_payload"]
        assert (meta["briefing_id"], meta["part"]) == (d.briefing_id, d.part)
        if d.part > 0:
            head = next(x for x in deliveries if x.briefing_id == d.briefing_id and x.part == 0)
            assert by_ts[d.ts].get("thread_ts") == head.ts, "a later part is not a reply to its digest"
    if expected is not None:
        assert len(deliveries) == expected


def outbox_states(store: Store) -> dict[str, int]:
    return {k: v for k, v in store.outbox.counts().items() if k != "seeded"}


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A uniquely named PostgreSQL database for this test session, dropped at the end."""
    with private_database("digest_faults") as url:
        yield url


@pytest.fixture
def pg_url(pg_server_url: str) -> str:
    """The session's PostgreSQL database, emptied for this test (the bot migrates it afresh)."""
    terminate_backends(pg_server_url)
    engine = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()
    return pg_server_url


def terminate_backends(pg_url: str) -> int:
    """pg_terminate_backend on every other session connected to the database of `pg_url`."""
    url = make_url(pg_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %(db)s AND pid <> pg_backend_pid()",
                {"db": url.database},
            ).all()
        return sum(1 for (ok,) in rows if ok)
    finally:
        admin.dispose()


def fast_sender(runtime: Runtime, clock: FakeClock, *, timeout: float = 1.0) -> Sender:
    """The runtime's sender rebuilt through its public constructor with test timings: a 1 s client
    timeout (instead of 10 s) and pacing sleeps that move the fake clock instead of real time."""
    settings = runtime.settings
    token = settings.slack_bot_token.get_secret_value()  # type: ignore[union-attr]
    client = make_client(token, settings.slack_api_url, timeout=timeout, rate_limit_retries=0)
    sender = Sender(runtime.store.outbox, client, clock, sleep=clock.sleep)
    runtime.runner.sender = sender
    return sender


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def slack_standin(clock: FakeClock) -> Iterator[SlackStandin]:
    """The Slack stand-in stamping messages with the bot's fake clock: Slack's `ts` and the bot's
    claim times come from one timeline, as they do (within seconds) in production."""
    with SlackStandin(clock=lambda: clock().timestamp()) as standin:
        yield standin

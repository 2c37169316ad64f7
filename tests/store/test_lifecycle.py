"""Blocks, shared pacing and seen requests, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from bot.outbox import WORKSPACE
from bot.pipeline import ingest
from tests.store.conftest import briefing_text


def _plan(store, channel: str, n: int = 1) -> list[int]:
    ids = []
    for i in range(n):
        [r] = ingest(
            store, briefing_text(f"Brief {channel} {i}", "2025-03-01", f"Alice said “x {i}”."), f"{channel}{i}.txt"
        )
        ids += store.outbox.enqueue(channel, r.briefing_id, 1, [{"text": "t"}])
    return ids


def test_a_block_holds_its_channel_and_is_lifted(store, clock):
    first, second = _plan(store, "C1", 2)
    [other] = _plan(store, "C2")
    claimed = store.outbox.claim(clock())
    assert claimed.id == first
    assert store.outbox.block(first, "C1", "not_in_channel") is True
    assert store.outbox.block(first, "C1", "not_in_channel") is False  # the same block: nobody told twice
    assert store.outbox.claim(clock()).id == other  # C1 waits, C2 goes on
    assert store.outbox.claim(clock()) is None
    [block] = store.outbox.blocks()
    assert (block.channel, block.reason, block.waiting) == ("C1", "not_in_channel", 2)
    store.outbox.mark_notified("C1")
    assert store.outbox.blocks()[0].notified_at == clock()
    assert store.outbox.channel_counts("C1") == {"blocked": 1, "pending": 1}
    clock.advance(30)
    assert {d.id for d in store.outbox.troubled(clock() - dt.timedelta(seconds=10), clock())} == {first}
    assert store.outbox.unblock("C1") == 1
    assert {store.outbox.claim(clock()).id, store.outbox.claim(clock()).id} == {first, second}


def test_a_workspace_block_holds_every_channel(store, clock):
    [a] = _plan(store, "C1")
    [b] = _plan(store, "C2")
    store.outbox.claim(clock())
    assert store.outbox.block(a, WORKSPACE, "invalid_auth")
    assert store.outbox.claim(clock()) is None
    assert store.outbox.unblock(WORKSPACE) == 1
    assert {store.outbox.claim(clock()).id, store.outbox.claim(clock()).id} == {a, b}


def test_retry_requeues_blocked_and_failed_but_not_superseded(store, clock):
    a, b, c = _plan(store, "C1", 3)
    for delivery_id in (a, b, c):
        store.outbox.claim(clock())
    store.outbox.block(a, "C1", "is_archived")
    store.outbox.mark_failed(b, "invalid_blocks")
    store.outbox.mark_failed(c, "superseded by version 2")
    assert store.outbox.retry("C1") == 2
    assert store.outbox.channel_counts("C1") == {"pending": 2, "failed": 1}
    assert store.outbox.blocks() == []


def test_pacing_slots_are_spaced_and_held(store, clock):
    now = clock()
    assert store.reserve("post:C1", 1.0, now) == now
    assert store.reserve("post:C1", 1.0, now) == now + dt.timedelta(seconds=1)
    assert store.reserve("post:C2", 1.0, now) == now  # per key
    assert store.reserve("read:h", 60.0, now, wait=False) == now
    assert store.reserve("read:h", 60.0, now + dt.timedelta(seconds=30), wait=False) is None
    store.hold("read:h", now + dt.timedelta(seconds=300))
    assert store.reserve("read:h", 60.0, now + dt.timedelta(seconds=120), wait=False) is None
    assert store.reserve("read:h", 60.0, now + dt.timedelta(seconds=300), wait=False) is not None


def test_a_request_is_seen_once_until_it_expires(store, clock):
    assert store.first_seen("signature:v0=ab", 300) is True
    assert store.first_seen("signature:v0=ab", 300) is False
    clock.advance(301)
    assert store.first_seen("signature:v0=ab", 300) is True


def test_a_weekly_roll_up_is_blocked_retried_and_counted_like_a_digest(store, clock):
    """Roll-ups sit in the outbox as kind "rollup" under their run id (no briefing row behind them)."""
    run = store.rollup_run("C1", dt.date(2025, 6, 2))
    [rollup] = store.outbox.enqueue("C1", run, 1, [{"text": "the week"}], "rollup")
    _plan(store, "C1")  # a digest waiting behind the same block
    assert store.outbox.claim(clock()).id == rollup
    clock.advance(5)
    store.outbox.mark_pending(rollup, clock(), "ratelimited")
    assert store.outbox.get(rollup).failing_since is not None
    assert store.outbox.claim(clock() + dt.timedelta(seconds=1)).id == rollup
    assert store.outbox.block(rollup, "C1", "is_archived")
    [block] = store.outbox.blocks()
    assert block.waiting == 2 and store.outbox.channel_counts("C1")["blocked"] == 1
    assert store.outbox.retry("C1") == 1
    assert store.outbox.planned("C1", "rollup").keys() == {run}

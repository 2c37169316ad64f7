from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.store import Store, Subscription
from tests.store.conftest import Clock

UTC = dt.timezone.utc
T0 = dt.datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


def test_subscribe_is_an_upsert(store: Store, clock: Clock) -> None:
    sub = store.subscribe("C1")
    assert sub == Subscription("C1", "*", "asap", "UTC", clock.now)
    clock.advance(60)
    again = store.subscribe("C1", schedule="0 8 * * mon-fri", timezone="Europe/Kyiv")
    assert (again.schedule, again.timezone, again.created_at) == ("0 8 * * mon-fri", "Europe/Kyiv", sub.created_at)
    store.subscribe("C1", source="atlantic")
    assert [(s.channel, s.source) for s in store.subscriptions()] == [("C1", "*"), ("C1", "atlantic")]
    assert store.unsubscribe("C1") is True
    assert store.unsubscribe("C1") is False
    assert [s.source for s in store.subscriptions()] == ["atlantic"]


def test_record_run_fires_once(store: Store) -> None:
    assert store.last_run("C1:*") is None
    assert store.record_run("C1:*", "2025-03-14 08:00", T0) is True
    assert store.record_run("C1:*", "2025-03-14 08:00", T0 + dt.timedelta(hours=1)) is False
    assert store.record_run("C2:*", "2025-03-14 08:00", T0) is True
    assert store.record_run("C1:*", "2025-03-15 08:00", T0 + dt.timedelta(days=1)) is True
    assert store.last_run("C1:*") == T0 + dt.timedelta(days=1)


def test_two_schedulers_record_a_run_once(db_url: str) -> None:
    stores = [Store.open(db_url) for _ in range(2)]
    try:
        wins: list[bool] = []
        start = threading.Barrier(8)

        def fire(i: int) -> None:
            start.wait()
            wins.append(stores[i % 2].record_run("C1:*", "2025-03-14 08:00", T0))

        threads = [threading.Thread(target=fire, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(wins) == [False] * 7 + [True]
    finally:
        for s in stores:
            s.close()


def test_source_state(store: Store) -> None:
    empty = store.source_state("feed")
    assert empty == {"last_success": None, "last_error": None, "failures": 0, "next_try": None, "data": {}}
    store.update_source_state("feed", data={"etag": '"abc"'}, last_success=T0, failures=0)
    store.update_source_state("feed", last_error="timeout", failures=1, next_try=T0 + dt.timedelta(minutes=5))
    got = store.source_state("feed")
    assert got["data"] == {"etag": '"abc"'} and got["last_success"] == T0 and got["failures"] == 1
    assert got["next_try"] == T0 + dt.timedelta(minutes=5) and got["last_error"] == "timeout"
    store.update_source_state("feed", last_error=None)
    assert store.source_state("feed")["last_error"] is None
    assert store.source_state("other")["data"] == {}
    for unknown in ("colour", "etag"):  # validators live in the source's own state
        with pytest.raises(TypeError):
            store.update_source_state("feed", **{unknown: "x"})

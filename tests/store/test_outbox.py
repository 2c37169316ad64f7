from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.outbox import Delivery, Outbox
from bot.pipeline import ingest
from bot.store import SqlOutbox, Store
from tests.store.conftest import briefing_text

UTC = dt.timezone.utc
T0 = dt.datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def parts(n: int, tag: str = "v1") -> list[dict]:
    return [{"text": f"{tag} part {i}", "blocks": []} for i in range(n)]


@pytest.fixture
def ids(store: Store) -> list[int]:
    out = []
    for i in range(3):
        text = briefing_text(f"Note {i}", f"2025-04-0{i + 1}", f"Person{i} said “thing number {i}” today.")
        out.append(ingest(store, text, f"{i}.txt")[0].briefing_id)
    return out


def test_is_an_outbox(store: Store) -> None:
    assert isinstance(store.outbox, SqlOutbox)
    box: Outbox = store.outbox  # the Protocol, checked by type checkers
    assert box.counts() == {}


def test_enqueue_is_idempotent(store: Store, ids: list[int]) -> None:
    first = store.outbox.enqueue("C1", ids[0], 1, parts(2))
    again = store.outbox.enqueue("C1", ids[0], 1, parts(2, "other"))
    assert first == again and len(set(first)) == 2
    assert store.outbox.counts() == {"pending": 2}
    assert [d.payload["text"] for d in store.outbox.deliveries("C1")] == ["v1 part 0", "v1 part 1"]
    assert store.outbox.deliveries("C2") == []


def test_claim_order_part_zero_first_and_thread_ts(store: Store, ids: list[int]) -> None:
    box = store.outbox
    box.enqueue("C1", ids[0], 1, parts(2))
    box.enqueue("C1", ids[1], 1, parts(1))
    a = box.claim(T0)
    assert a is not None and (a.briefing_id, a.part, a.state, a.attempts) == (ids[0], 0, "sending", 1)
    b = box.claim(T0)  # the reply waits for part 0: the next briefing goes first
    assert b is not None and (b.briefing_id, b.part) == (ids[1], 0)
    assert box.claim(T0) is None
    box.mark_sent(a.id, "111.000")
    c = box.claim(T0)
    assert c is not None and (c.briefing_id, c.part, c.thread_ts) == (ids[0], 1, "111.000")
    assert box.posted(ids, "C1") == {ids[0]: ("C1", "111.000")}  # part 0 of the second is not sent yet


def test_not_before_and_retry(store: Store, ids: list[int]) -> None:
    box = store.outbox
    box.enqueue("C1", ids[0], 1, parts(1))
    d = box.claim(T0)
    assert d is not None
    box.mark_pending(d.id, T0 + dt.timedelta(seconds=30), "ratelimited")
    assert box.claim(T0 + dt.timedelta(seconds=29)) is None
    again = box.claim(T0 + dt.timedelta(seconds=30))
    assert again is not None and again.id == d.id and again.attempts == 2 and again.error == "ratelimited"


def test_lease_expiry_counts_as_unknown_never_pending(store: Store, ids: list[int]) -> None:
    box = store.outbox
    box.enqueue("C1", ids[0], 1, parts(1))
    d = box.claim(T0, lease_seconds=60)
    assert d is not None
    assert box.unknown(T0 + dt.timedelta(seconds=59)) == []
    [late] = box.unknown(T0 + dt.timedelta(seconds=61))
    assert late.id == d.id and late.state == "sending"
    assert box.claim(T0 + dt.timedelta(hours=1)) is None  # never re-claimed as pending
    box.mark_unknown(d.id, "timeout")
    assert [u.id for u in box.unknown(T0)] == [d.id]
    box.mark_sent(d.id, "5.5")  # reconciled: found in the channel history
    assert box.unknown(T0 + dt.timedelta(days=1)) == [] and box.counts() == {"sent": 1}


def test_failed_is_terminal(store: Store, ids: list[int]) -> None:
    box = store.outbox
    box.enqueue("C1", ids[0], 1, parts(1))
    d = box.claim(T0)
    assert d is not None
    box.mark_failed(d.id, "channel_not_found")
    assert box.claim(T0) is None and box.counts() == {"failed": 1}
    assert box.deliveries()[0].error == "channel_not_found"


def test_new_version_updates_sent_parts(store: Store, ids: list[int]) -> None:
    box = store.outbox
    box.enqueue("C1", ids[0], 1, parts(2))
    head = box.claim(T0)
    assert head is not None
    box.mark_sent(head.id, "1.1")
    reply = box.claim(T0)
    assert reply is not None
    box.mark_sent(reply.id, "1.2")
    box.enqueue("C1", ids[0], 2, parts(2, "v2"))
    assert box.counts() == {"update": 2}
    u = box.claim(T0)
    assert u is not None and (u.part, u.ts, u.briefing_version, u.payload["text"]) == (0, "1.1", 2, "v2 part 0")
    box.mark_pending(u.id, T0, "5xx")  # an update that failed before sending stays an update
    assert box.deliveries()[0].state == "update"
    box.enqueue("C1", ids[0], 1, parts(2, "old"))  # an older version changes nothing
    assert box.deliveries()[0].payload["text"] == "v2 part 0"


def test_new_version_while_sending_waits_for_the_outcome(store: Store, ids: list[int]) -> None:
    box = store.outbox
    box.enqueue("C1", ids[0], 1, parts(1))
    d = box.claim(T0)
    assert d is not None
    box.enqueue("C1", ids[0], 2, parts(1, "v2"))
    assert box.deliveries()[0].payload["text"] == "v1 part 0"
    box.mark_sent(d.id, "9.9")
    [after] = box.deliveries()
    assert (after.state, after.ts, after.briefing_version, after.payload["text"]) == ("update", "9.9", 2, "v2 part 0")


def test_seed_is_never_posted(store: Store, ids: list[int]) -> None:
    box = store.outbox
    assert box.seed("C1", ids[:2]) == 2
    assert box.seed("C1", ids[:2]) == 0
    assert box.enqueue("C1", ids[0], 1, parts(1)) == []
    box.enqueue("C1", ids[2], 1, parts(1))
    d = box.claim(T0)
    assert d is not None and d.briefing_id == ids[2]
    assert box.claim(T0) is None
    assert box.counts() == {"seeded": 2, "sending": 1}


def test_concurrent_claims_never_share_a_delivery(db_url: str, ids: list[int]) -> None:
    stores = [Store.open(db_url) for _ in range(2)]  # two engines: as two processes would have
    try:
        for n, briefing_id in enumerate(ids):
            stores[0].outbox.enqueue(f"C{n}", briefing_id, 1, parts(1))
            stores[0].outbox.enqueue(f"D{n}", briefing_id, 1, parts(1))
        for k in range(20):
            stores[0].outbox.enqueue(f"E{k}", ids[0], 1, parts(1))
        got: list[Delivery] = []
        lock = threading.Lock()
        start = threading.Barrier(8)

        def worker(i: int) -> None:
            box = stores[i % 2].outbox
            start.wait()
            while (d := box.claim(T0)) is not None:
                with lock:
                    got.append(d)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(got) == 26 and len({d.id for d in got}) == 26
        assert stores[0].outbox.counts() == {"sending": 26}
    finally:
        for s in stores:
            s.close()

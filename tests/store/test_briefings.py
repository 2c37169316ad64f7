from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from bot.pipeline import ingest
from bot.store import Store
from tests.store.conftest import Clock, briefing_text
from tests.support.archive import briefing_ids, rejected

SEED = (Path(__file__).parents[1] / "corpus" / "seed.txt").read_bytes()


def test_new_then_unchanged(store: Store) -> None:
    [first] = ingest(store, SEED, "seed.txt")
    assert (first.outcome, first.version, first.title, first.name) == ("new", 1, "GET UP TO SPEED", "seed.txt")
    assert first.briefing_id is not None and first.reason is None
    [again] = ingest(store, SEED, "seed.txt")
    assert (again.outcome, again.briefing_id, again.version) == ("unchanged", first.briefing_id, 1)


def test_same_content_under_another_name_is_stored_once(store: Store) -> None:
    [first] = ingest(store, SEED, "seed.txt")
    [other] = ingest(store, SEED, "copy of seed.txt", source="imap")
    assert other.outcome == "unchanged" and other.briefing_id == first.briefing_id
    assert briefing_ids(store) == [first.briefing_id]


def test_update_bumps_version_and_reindexes_quotes(store: Store, clock: Clock) -> None:
    v1 = briefing_text("Daily note", "2025-04-02", "Alice said the plan is “bold and overdue” on Monday.")
    v2 = briefing_text("Daily note", "2025-04-02", "Alice said the plan is “timid and late” on Monday.")
    [a] = ingest(store, v1, "note.txt")
    clock.advance(60)
    [b] = ingest(store, v2, "note.txt")
    assert (b.outcome, b.briefing_id, b.version) == ("updated", a.briefing_id, 2)
    stored = store.briefing(a.briefing_id)
    assert stored is not None and stored.version == 2
    assert [q.text for q in stored.briefing.quotes] == ["timid and late"]
    assert store.whosaid("timid and late")[0].speaker == "Alice"
    assert store.whosaid("bold and overdue") == []
    [c] = ingest(store, v2, "note.txt")
    assert (c.outcome, c.version) == ("unchanged", 2)


def test_rejected_keeps_raw_bytes_and_reason(store: Store) -> None:
    [r] = ingest(store, b"", "empty.txt", source="inbox")
    assert r.outcome == "rejected" and r.briefing_id is None and r.reason
    [row] = rejected(store)
    assert (row.name, row.source, row.reason, row.size) == ("empty.txt", "inbox", r.reason, 0)
    assert briefing_ids(store) == []


def test_stored_briefing_round_trips(store: Store, clock: Clock) -> None:
    [r] = ingest(store, SEED, "seed.txt", source="inbox", content_type="text/plain")
    stored = store.briefing(r.briefing_id)
    assert stored is not None
    assert (stored.id, stored.version, stored.source, stored.item_key) == (r.briefing_id, 1, "inbox", "seed.txt")
    assert stored.ingested_at == clock.now and stored.ingested_at.tzinfo is not None
    assert stored.briefing.title == "GET UP TO SPEED" and stored.briefing.date == dt.date(2025, 3, 14)
    assert any(q.text == "root causes" and q.speaker == "Vladimir Putin" for q in stored.briefing.quotes)
    assert store.briefing(r.briefing_id + 1000) is None


def test_latest_on_date_ids_and_search(store: Store, clock: Clock) -> None:
    old = ingest(store, briefing_text("Old news", "2025-01-05", "Bob said “markets wobble” today."), "old.txt")[0]
    clock.advance(10)
    new = ingest(store, briefing_text("New news", "2025-02-05", "Carol said “tariffs bite” today."), "new.txt")[0]
    clock.advance(10)
    same_day = ingest(
        store,
        briefing_text("Later same day", "2025-02-05", "Dan said “ports reopen” today."),
        "later.txt",
        source="feed",
    )[0]
    assert [b.id for b in store.latest()] == [same_day.briefing_id, new.briefing_id, old.briefing_id]
    assert [b.id for b in store.latest(limit=1)] == [same_day.briefing_id]
    assert [b.id for b in store.on_date(dt.date(2025, 2, 5))] == [new.briefing_id, same_day.briefing_id]
    assert store.on_date(dt.date(2024, 1, 1)) == []
    assert briefing_ids(store, source="feed") == [same_day.briefing_id]
    assert sorted(briefing_ids(store)) == sorted([old.briefing_id, new.briefing_id, same_day.briefing_id])
    assert [b.id for b in store.search_briefings("tariffs")] == [new.briefing_id]
    assert [b.id for b in store.search_briefings("Later same")] == [same_day.briefing_id]
    assert store.search_briefings("NEAR( OR *") == []


def test_concurrent_ingest_of_one_file_stores_it_once(db_url: str) -> None:
    stores = [Store.open(db_url) for _ in range(2)]
    try:
        outcomes: list[str] = []
        start = threading.Barrier(6)

        def run(i: int) -> None:
            start.wait()
            outcomes.extend(r.outcome for r in ingest(stores[i % 2], SEED, "seed.txt"))

        threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["new"] + ["unchanged"] * 5
        assert len(briefing_ids(stores[0])) == 1
    finally:
        for s in stores:
            s.close()

"""The pipeline: one way to read a file into the archive, and a digest rendered once per version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.outbox import METADATA_EVENT_TYPE
from bot.pipeline import Pipeline, digest_parts, ingest, slack_parts
from bot.sources import InboxSource
from bot.store import Store
from bot.understand.analyze import read
from bot.understand.model import Briefing, Bullet, Section

SEED = Path(__file__).parent / "corpus" / "seed.txt"
NOTE = "date 2025-03-0{day} A short note\n\nAlice said “{words}” on the day.\n"


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Store.open(f"sqlite:///{tmp_path}/p.db")
    yield s
    s.close()


def test_planned_parts_carry_their_metadata() -> None:
    [briefing] = read(SEED.read_bytes(), "seed.txt")
    [part] = digest_parts(briefing, briefing_id=7, version=2, roster={})
    assert part["metadata"] == {
        "event_type": METADATA_EVENT_TYPE,
        "event_payload": {"briefing_id": 7, "version": 2, "part": 0},
    }


def test_every_thread_part_is_numbered_in_its_metadata() -> None:
    sections = [
        Section(f"Topic {i}", [], [Bullet(f"Point {i}.{j} " + "detail " * 20) for j in range(3)]) for i in range(200)
    ]
    briefing = Briefing(source="Wire", title="Long", date=dt.date(2025, 6, 2), sections=sections, quotes=[])
    parts = digest_parts(briefing, briefing_id=3, version=1, roster={})
    assert len(parts) > 1
    assert [p["metadata"]["event_payload"]["part"] for p in parts] == list(range(len(parts)))


def test_a_file_with_no_briefing_is_kept_as_rejected(store: Store) -> None:
    [result] = ingest(store, b"   \n", "blank.txt")
    assert result.outcome == "rejected" and result.reason == "empty: no text" and result.briefing_id is None


def test_a_digest_version_is_rendered_once_for_all_channels(store: Store) -> None:
    rendered: list[str] = []

    def counting(briefing: Briefing, roster: Mapping[str, Any]) -> list[dict[str, Any]]:
        rendered.append(briefing.title)
        return slack_parts(briefing, roster)

    pipeline = Pipeline(store, [], {}, render=counting)
    for channel in ("C1", "C2", "C3"):
        pipeline.subscribe(channel, seed=False)
    ingest(store, NOTE.format(day=1, words="first words").encode(), "note.txt")
    assert pipeline.plan() == 3 and rendered == ["A short note"]
    [corrected] = ingest(store, NOTE.format(day=1, words="corrected words").encode(), "note.txt")
    assert corrected.outcome == "updated"
    assert pipeline.plan() == 3 and len(rendered) == 2
    payloads = {d.channel: d.payload for d in store.outbox.deliveries() if d.part == 0}
    assert len({str(p) for p in payloads.values()}) == 1  # every channel is sent the same planned message
    assert payloads["C1"]["metadata"]["event_payload"]["version"] == 2


def test_source_health_is_kept_in_the_columns_only(store: Store, tmp_path: Path) -> None:
    t0 = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)
    clock = [t0]
    folder = tmp_path / "drop"
    pipeline = Pipeline(store, [InboxSource("inbox", folder, settle_seconds=0)], {}, clock=lambda: clock[0])
    # a row from before, with a copy of its health inside the source's own state: the copy is ignored
    store.update_source_state(
        "inbox", data={"files": {}, "health": {"failures": 9, "next_try": "2999-01-01T00:00:00+00:00"}}
    )
    assert pipeline.poll().errors["inbox"].startswith("inbox folder missing")
    failed = store.source_state("inbox")
    assert failed["failures"] == 1 and failed["next_try"] == t0 + dt.timedelta(minutes=1)
    assert failed["last_error"] and failed["last_error"].startswith("inbox folder missing")
    clock[0] = t0 + dt.timedelta(seconds=30)
    assert pipeline.poll().errors == {} and store.source_state("inbox") == failed  # backing off: nothing fetched
    folder.mkdir()
    clock[0] = t0 + dt.timedelta(minutes=2)
    assert pipeline.poll().errors == {}
    ok = store.source_state("inbox")
    assert ok["failures"] == 0 and ok["last_success"] == clock[0] and ok["next_try"] is None
    assert "health" not in ok["data"] and "files" in ok["data"]  # the source's own state only

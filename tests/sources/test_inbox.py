from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.sources import InboxSource, SourceError
from bot.sources.base import MAX_ITEM_BYTES
from bot.understand.analyze import read
from bot.understand.model import BriefingError

SEED = Path(__file__).parents[1] / "corpus" / "seed.txt"


def _write(path: Path, data: bytes, mtime: float | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def test_yields_briefing_files_only(tmp_path):
    _write(tmp_path / "a.txt", SEED.read_bytes())
    _write(tmp_path / "sub" / "b.md", b"# Title\n\nSome text here.\n")
    for skipped in ("README.md", ".hidden.txt", "gold.json", "notes.pdf", "~draft.txt", ".git/x.txt"):
        _write(tmp_path / skipped, b"no")
    items, state = InboxSource("inbox", tmp_path).poll({})
    assert [(i.name, i.item_key, i.source) for i in items] == [
        ("a.txt", "a.txt", "inbox"),
        ("sub/b.md", "sub/b.md", "inbox"),
    ]
    assert items[0].data == SEED.read_bytes()
    assert set(state["files"]) == {"a.txt", "sub/b.md"}


def test_items_parse_in_the_core(tmp_path):
    _write(tmp_path / "seed.txt", SEED.read_bytes())
    (item,), _ = InboxSource("inbox", tmp_path).poll({})
    briefings = read(item.data, item.name, item.content_type)
    assert any("root causes" in q.text for b in briefings for q in b.quotes)


def test_unchanged_files_are_skipped_changed_ones_yielded(tmp_path):
    source = InboxSource("inbox", tmp_path)
    _write(tmp_path / "a.txt", b"one", mtime=1_700_000_000)
    _write(tmp_path / "b.txt", b"two", mtime=1_700_000_000)
    items, state = source.poll({})
    assert len(items) == 2
    items, state = source.poll(state)
    assert items == []
    _write(tmp_path / "b.txt", b"two, edited", mtime=1_700_000_100)
    items, state = source.poll(state)
    assert [(i.item_key, i.data) for i in items] == [("b.txt", b"two, edited")]
    (tmp_path / "a.txt").unlink()
    items, state = source.poll(state)
    assert items == [] and list(state["files"]) == ["b.txt"]


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_files_still_settling_wait_for_a_later_poll(tmp_path):
    _write(tmp_path / "new.txt", b"fresh", mtime=1_000)
    clock = Clock(1_002)
    source = InboxSource("inbox", tmp_path, settle_seconds=5, clock=clock)
    items, state = source.poll({})
    assert items == [] and state["files"] == {} and list(state["waiting"]) == ["new.txt"]
    clock.now = 1_008
    items, _ = source.poll(state)
    assert [i.item_key for i in items] == ["new.txt"]


def test_a_writer_pausing_longer_than_the_settle_time_is_not_read_half_written(tmp_path):
    """The old rule (mtime older than settle_seconds) read the first half and posted it."""
    clock = Clock(10_000)
    source = InboxSource("inbox", tmp_path, settle_seconds=2, clock=clock)
    _write(tmp_path / "slow.txt", b"first half", mtime=9_990)  # the writer paused 10 s ago
    items, state = source.poll({})
    assert items == []
    clock.now += 60
    with (tmp_path / "slow.txt").open("ab") as fh:  # it resumes before the next poll
        fh.write(b", second half")
    os.utime(tmp_path / "slow.txt", (clock.now - 5, clock.now - 5))
    items, state = source.poll(state)
    assert items == []
    clock.now += 60
    items, state = source.poll(state)
    assert [i.data for i in items] == [b"first half, second half"]


def test_a_future_dated_file_is_read_with_a_warning(tmp_path, caplog):
    clock = Clock(10_000)
    source = InboxSource("inbox", tmp_path, settle_seconds=2, clock=clock)
    _write(tmp_path / "ahead.txt", b"from the future", mtime=10_000 + 86_400)
    items, state = source.poll({})
    clock.now += 60
    items, state = source.poll(state)
    assert [i.item_key for i in items] == ["ahead.txt"]
    assert "modification time in the future" in caplog.text


def test_partial_and_temporary_names_wait_until_renamed(tmp_path):
    for name in ("brief.txt.part", "brief.tmp", ".brief.txt.swp", ".brief.txt", "~brief.txt"):
        _write(tmp_path / name, b"draft")
    source = InboxSource("inbox", tmp_path)
    assert source.poll({})[0] == []
    (tmp_path / "brief.txt.part").rename(tmp_path / "brief.txt")
    assert [i.item_key for i in source.poll({})[0]] == ["brief.txt"]


def test_symlinks_and_unreadable_files_are_refused_with_a_reason_once(tmp_path):
    _write(tmp_path / "real.txt", b"real")
    (tmp_path / "link.txt").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block: never read
    source = InboxSource("inbox", tmp_path)
    items, state = source.poll({})
    refused = {i.item_key: i.error for i in items if i.error}
    assert set(refused) == {"link.txt", "pipe.txt"}
    assert "symbolic link" in refused["link.txt"] and "not a regular file" in refused["pipe.txt"]
    assert [i.data for i in items if not i.error] == [b"real"]
    assert source.poll(state)[0] == []  # reported once, not on every poll


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_refused(tmp_path):
    _write(tmp_path / "locked.txt", b"secret")
    (tmp_path / "locked.txt").chmod(0)
    [item], _ = InboxSource("inbox", tmp_path).poll({})
    assert "cannot read it" in (item.error or "")


def test_oversize_file_is_cut_to_one_byte_over_the_limit_and_the_core_rejects_it(tmp_path):
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.truncate(MAX_ITEM_BYTES + 5 * 1024 * 1024)  # sparse: nothing written to disk
    (item,), _ = InboxSource("inbox", tmp_path).poll({})
    assert len(item.data) == MAX_ITEM_BYTES + 1
    with pytest.raises(BriefingError, match="too_large"):
        read(item.data, item.name)


def test_missing_folder_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="inbox folder missing"):
        InboxSource("inbox", tmp_path / "nope").poll({})


def test_refused_files_are_kept_as_rejected_and_shown_in_the_sources_health(tmp_path):
    from bot.pipeline import Pipeline
    from bot.store import Store
    from tests.support.archive import rejected as rejected_files

    inbox = tmp_path / "in"
    _write(inbox / "seed.txt", SEED.read_bytes())
    (inbox / "link.txt").symlink_to(inbox / "seed.txt")
    store = Store.open(f"sqlite:///{tmp_path / 'p.db'}")
    pipeline = Pipeline(store, [InboxSource("inbox", inbox)])
    report = pipeline.poll()
    assert report.count("new") == 1 and report.count("rejected") == 1
    [rejected] = rejected_files(store)
    assert rejected.name == "link.txt" and "symbolic link" in rejected.reason
    assert "link.txt: a symbolic link" in store.source_state("inbox")["last_error"]
    assert pipeline.poll().results == []  # once
    store.close()

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.understand.analyze import read
from bot.understand.model import BriefingError
from bot.sources import InboxSource, SourceError
from bot.sources.base import MAX_ITEM_BYTES

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
    assert [(i.name, i.item_key, i.source) for i in items] == [("a.txt", "a.txt", "inbox"), ("sub/b.md", "sub/b.md", "inbox")]
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


def test_files_still_settling_wait_for_a_later_poll(tmp_path):
    _write(tmp_path / "new.txt", b"fresh", mtime=1_000)
    early = InboxSource("inbox", tmp_path, settle_seconds=5, clock=lambda: 1_002)
    items, state = early.poll({})
    assert items == [] and state == {"files": {}}
    later = InboxSource("inbox", tmp_path, settle_seconds=5, clock=lambda: 1_006)
    items, _ = later.poll(state)
    assert [i.item_key for i in items] == ["new.txt"]


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

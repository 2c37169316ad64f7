"""A folder of briefing files (dropped there by hand, a mail rule or a sync tool).

Files larger than the core's limit are yielded cut to limit + 1 bytes: the core then rejects them
with its `too_large` reason, the store records that, and a huge file is never read into memory.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from bot.understand.parse import looks_like_briefing
from bot.sources.base import MAX_ITEM_BYTES, Item, SourceError


class InboxSource:
    """Yields each briefing file whose (mtime, size) changed since the previous poll.

    `settle_seconds`: files modified more recently than this are left for a later poll
    (they may still be being written). `clock` returns the current time as a Unix timestamp.
    """

    def __init__(
        self,
        name: str,
        path: str | os.PathLike,
        *,
        settle_seconds: float = 0.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self.path = Path(path)
        self.settle_seconds = settle_seconds
        self.clock = clock

    def poll(self, state: dict) -> tuple[list[Item], dict]:
        if not self.path.is_dir():
            raise SourceError(f"inbox folder missing: {self.path}")
        before: dict = state.get("files", {})
        now = self.clock()
        seen: dict[str, list[int]] = {}
        items: list[Item] = []
        for rel, full in self._files():
            try:
                st = full.stat()
            except OSError:
                continue  # removed while listing
            if self.settle_seconds and now - st.st_mtime < self.settle_seconds:
                if rel in before:
                    seen[rel] = before[rel]
                continue
            stamp = [st.st_mtime_ns, st.st_size]
            seen[rel] = stamp
            if before.get(rel) == stamp:
                continue
            data = self._read(full)
            if data is None:
                seen.pop(rel)
                continue
            items.append(Item(self.name, rel, data, None, rel))
        return items, {"files": seen}

    def _files(self):
        for dirpath, dirnames, filenames in os.walk(self.path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for fname in sorted(filenames):
                full = Path(dirpath, fname)
                rel = full.relative_to(self.path).as_posix()
                if looks_like_briefing(fname) and full.is_file() and not full.is_symlink():
                    yield rel, full

    @staticmethod
    def _read(full: Path) -> bytes | None:
        try:
            with full.open("rb") as fh:
                return fh.read(MAX_ITEM_BYTES + 1)
        except OSError:
            return None

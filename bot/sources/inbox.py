"""A folder of briefing files (dropped there by hand, a mail rule or a sync tool).

A file is read once it has stopped changing: its size and modification time must be the same on
two polls at least `settle_seconds` apart, so a writer that pauses mid-file never gets half a
briefing posted. Names that are not briefings yet (`.part`, `.tmp`, hidden or `~` files) are left
alone until they are renamed. A future modification time (a clock off, an archive unpacked) does
not hold a file back; it is read with a warning.

Symbolic links and anything that is not a regular file are refused, and a file that cannot be
read is reported: each becomes an item with an `error`, which the store keeps as a rejected
briefing with that reason, once per change of the file.

Files larger than the core's limit are yielded cut to limit + 1 bytes: the core then rejects them
with its `too_large` reason, the store records that, and a huge file is never read into memory.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.sources.base import MAX_ITEM_BYTES, Item, SourceError
from bot.understand.parse import looks_like_briefing

log = logging.getLogger(__name__)
FUTURE_SLACK = 60.0  # seconds of clock difference tolerated before a modification time counts as future


class InboxSource:
    """Yields each briefing file whose stamp (mtime, size, ctime) changed since it was last read.

    `settle_seconds`: how long a changed file must look the same before it is read (0 reads it on
    the poll that first sees it). `clock` returns the current time as a Unix timestamp.
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
        waiting: dict = state.get("waiting", {})
        now = self.clock()
        seen: dict[str, list[int]] = {}
        still: dict[str, list[float]] = {}
        items: list[Item] = []
        for rel, full in self._files():
            try:
                st = full.lstat()
            except OSError:
                continue  # removed while listing
            stamp = [st.st_mtime_ns, st.st_size, st.st_ctime_ns]
            if before.get(rel) == stamp:
                seen[rel] = stamp
                continue
            prev = waiting.get(rel)
            since = prev[3] if prev and prev[:3] == stamp else now  # when the file was first seen like this
            if self.settle_seconds and now - since < self.settle_seconds:  # changed, or not still for long enough
                still[rel] = [*stamp, since]
                if rel in before:
                    seen[rel] = before[rel]
                continue
            seen[rel] = stamp
            items.append(self._item(rel, full, st, now))
        return items, {"files": seen, "waiting": still}

    def _item(self, rel: str, full: Path, st: os.stat_result, now: float) -> Item:
        if stat.S_ISLNK(st.st_mode):
            return self._refused(rel, "a symbolic link; the inbox reads only regular files (copy the file in instead)")
        if not stat.S_ISREG(st.st_mode):
            return self._refused(rel, "not a regular file; the inbox reads only regular files")
        if st.st_mtime > now + FUTURE_SLACK:
            log.warning(
                "inbox %s: %s has a modification time in the future; reading it anyway (check the clock)",
                self.name,
                rel,
            )
        try:
            with full.open("rb") as fh:
                data = fh.read(MAX_ITEM_BYTES + 1)
        except OSError as exc:
            return self._refused(rel, f"cannot read it ({exc.strerror or type(exc).__name__}); check its permissions")
        return Item(self.name, rel, data, None, rel)

    def _refused(self, rel: str, reason: str) -> Item:
        log.warning("inbox %s: %s refused: %s", self.name, rel, reason)
        return Item(self.name, rel, b"", None, rel, error=reason)

    def _files(self) -> Iterator[tuple[str, Path]]:
        for dirpath, dirnames, filenames in os.walk(self.path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for fname in sorted(filenames):
                full = Path(dirpath, fname)
                if looks_like_briefing(fname):
                    yield full.relative_to(self.path).as_posix(), full

"""The contract between sources and their callers (the store and the scheduler)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.understand.parse.feed import FeedEntry

MAX_ITEM_BYTES = 10 * 1024 * 1024


class SourceError(Exception):
    """A source is unreachable or broken; the message is a one-line reason."""


@dataclass(frozen=True)
class Item:
    """One document fetched from a source."""

    source: str
    name: str
    data: bytes
    content_type: str | None
    item_key: str
    error: str | None = (
        None  # set when the document exists but cannot be taken (unreadable, a symlink): kept as rejected
    )
    entry: FeedEntry | None = None  # a feed entry, already parsed: read as it is; `data` is its content, kept as raw


@runtime_checkable
class Source(Protocol):
    name: str

    def poll(self, state: dict) -> tuple[list[Item], dict]:
        """Fetch what is new. `state` is what the previous poll returned (JSON-serialisable).

        Raises SourceError (one-line reason) when the source is unreachable or broken.
        """
        ...

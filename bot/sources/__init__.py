"""Where briefings come from: a folder, feeds, web pages, an IMAP mailbox.

Every source has `name` and `poll(state) -> (items, state)`; `build_source` makes one from a
typed `[[sources]]` entry (`bot.settings.FeedConfig` and the other kinds).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.settings import AnySource
from bot.sources.base import Item, Source, SourceError
from bot.sources.feed import FeedSource
from bot.sources.health import PollOutcome, next_try_after, poll_safely
from bot.sources.imap import ImapSource
from bot.sources.inbox import InboxSource
from bot.sources.web import WebSource

KINDS: dict[str, Callable[..., Source]] = {
    "inbox": InboxSource,
    "feed": FeedSource,
    "web": WebSource,
    "imap": ImapSource,
}


def build_source(config: AnySource) -> Source:
    """A source from one typed `[[sources]]` entry (see `bot.settings`)."""
    return KINDS[config.kind](config.name, **config.options())


__all__ = [
    "Item",
    "Source",
    "SourceError",
    "build_source",
    "InboxSource",
    "FeedSource",
    "WebSource",
    "ImapSource",
    "PollOutcome",
    "poll_safely",
    "next_try_after",
    "KINDS",
]

"""Where briefings come from: a folder, feeds, web pages, an IMAP mailbox.

Every source has `name` and `poll(state) -> (items, state)`; `build_source` makes one from a
typed `[[sources]]` entry (`SourceConfig`: name, kind, and the kind's own keys such as `url`).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.settings import SourceConfig
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


def build_source(config: SourceConfig) -> Source:
    """A source from one `[[sources]]` entry; raises ValueError naming what is wrong."""
    kind = config.kind
    if kind not in KINDS:
        raise ValueError(f"source kind must be one of {sorted(KINDS)}, not {kind!r}")
    if not config.name:
        raise ValueError(f"{kind} source needs a name")
    options = dict(config.model_extra or {})  # the kind's own keys: path, url(s), host, ...
    if kind == "web" and "url" in options:
        options["urls"] = [options.pop("url")]
    try:
        return KINDS[kind](config.name, **options)
    except TypeError as exc:
        raise ValueError(f"source {config.name!r} ({kind}): {exc}") from None


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

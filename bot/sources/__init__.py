"""Where briefings come from: a folder, feeds, web pages, an IMAP mailbox.

Every source has `name` and `poll(state) -> (items, state)`; `build_source` makes one from a
config entry such as {"name": "ft", "kind": "feed", "url": "https://..."}.
"""

from __future__ import annotations

from bot.sources.base import Item, Source, SourceError
from bot.sources.feed import FeedSource
from bot.sources.health import PollOutcome, next_try_after, poll_safely
from bot.sources.imap import ImapSource
from bot.sources.inbox import InboxSource
from bot.sources.web import WebSource

KINDS = {"inbox": InboxSource, "feed": FeedSource, "web": WebSource, "imap": ImapSource}


def build_source(spec: dict) -> Source:
    """A source from one config entry; raises ValueError naming what is wrong."""
    spec = dict(spec)
    kind = spec.pop("kind", None)
    if kind not in KINDS:
        raise ValueError(f"source kind must be one of {sorted(KINDS)}, not {kind!r}")
    if not spec.get("name"):
        raise ValueError(f"{kind} source needs a name")
    if kind == "web" and "url" in spec:
        spec["urls"] = [spec.pop("url")]
    try:
        return KINDS[kind](**spec)
    except TypeError as exc:
        raise ValueError(f"source {spec['name']!r} ({kind}): {exc}") from None


__all__ = [
    "Item", "Source", "SourceError", "build_source", "InboxSource", "FeedSource", "WebSource", "ImapSource",
    "PollOutcome", "poll_safely", "next_try_after", "KINDS",
]

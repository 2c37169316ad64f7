"""RSS/Atom feeds: one Item per entry, carrying the entry as the feed parser read it (parsed once).

The XML passes understand's defusedxml gate before feedparser sees it (feedparser itself expands
quadratic-blowup entities). Entries whose text is only a teaser are replaced by the linked article.
"""

from __future__ import annotations

from dataclasses import replace

from bot.sources.addresses import AllowPrivate
from bot.sources.base import Item, SourceError
from bot.sources.documents import digest, extract_article, word_count
from bot.sources.fetch import fetch
from bot.understand.model import BriefingError
from bot.understand.parse.feed import FeedEntry, feed_entries

TEASER_WORDS = 80


class FeedSource:
    def __init__(
        self,
        name: str,
        url: str,
        *,
        allow_private: AllowPrivate = False,
        fetch_teasers: bool = True,
        timeout: float = 10,
    ) -> None:
        self.name = name
        self.url = url
        self.allow_private = allow_private
        self.fetch_teasers = fetch_teasers
        self.timeout = timeout

    def poll(self, state: dict) -> tuple[list[Item], dict]:
        got = fetch(
            self.url,
            etag=state.get("etag"),
            last_modified=state.get("last_modified"),
            timeout=self.timeout,
            allow_private=self.allow_private,
        )
        if got.not_modified:
            return [], dict(state)
        entries = self._entries(got.body)
        before: dict = state.get("entries", {})
        now: dict[str, str] = {}
        items: list[Item] = []
        for entry in entries:
            key = entry.key
            if not key or key in now:
                continue
            now[key] = digest(entry.title, entry.body, entry.link)
            if before.get(key) != now[key]:
                items.append(self._item(entry, key))
        new_state = {"etag": got.etag, "last_modified": got.last_modified, "entries": now}
        return items, {k: v for k, v in new_state.items() if v is not None}

    def _entries(self, body: bytes) -> list[FeedEntry]:
        try:
            return feed_entries(body)
        except BriefingError as exc:
            raise SourceError(f"feed refused: {exc}") from None

    def _item(self, entry: FeedEntry, key: str) -> Item:
        if self.fetch_teasers and entry.link and word_count(entry.body) < TEASER_WORDS:
            article = self._article(entry.link)
            if article and word_count(article) > word_count(entry.body):
                entry = replace(entry, body=article, html=True)
        content_type = "text/html" if entry.html else "text/plain"
        return Item(self.name, entry.link or self.url, entry.body.encode("utf-8"), content_type, key, entry=entry)

    def _article(self, link: str) -> str | None:
        """The linked page's article as HTML; a failing page leaves the teaser in place."""
        try:
            page = fetch(link, timeout=self.timeout, allow_private=self.allow_private)
        except SourceError:
            return None
        found = extract_article(page.body.decode("utf-8", "replace"), link)
        return found.body_html if found else None

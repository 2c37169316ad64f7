"""RSS/Atom feeds: one Item per entry, each a one-entry Atom document the core parses.

The XML passes the core's defusedxml gate before feedparser sees it (feedparser itself expands
quadratic-blowup entities). Entries whose text is only a teaser are replaced by the linked article.
"""

from __future__ import annotations

import time
from html import escape

import feedparser

from bot.understand.parse.feed import check_xml
from bot.understand.model import BriefingError
from bot.sources.addresses import AllowPrivate
from bot.sources.base import Item, SourceError
from bot.sources.documents import digest, extract_article, word_count
from bot.sources.fetch import fetch

TEASER_WORDS = 80
MAX_ENTRIES = 500
ATOM = "application/atom+xml"


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
            self.url, etag=state.get("etag"), last_modified=state.get("last_modified"),
            timeout=self.timeout, allow_private=self.allow_private,
        )
        if got.not_modified:
            return [], dict(state)
        entries = self._entries(got.body)
        before: dict = state.get("entries", {})
        now: dict[str, str] = {}
        items: list[Item] = []
        for entry in entries:
            key = entry_key(entry)
            if not key or key in now:
                continue
            now[key] = digest(entry.get("title"), _content(entry)[0], entry.get("link"))
            if before.get(key) != now[key]:
                items.append(self._item(entry, key))
        new_state = {"etag": got.etag, "last_modified": got.last_modified, "entries": now}
        return items, {k: v for k, v in new_state.items() if v is not None}

    def _entries(self, body: bytes) -> list:
        try:
            check_xml(body)
        except BriefingError as exc:
            raise SourceError(f"feed refused: {exc}") from None
        parsed = feedparser.parse(body)
        if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
            raise SourceError(f"not a readable feed: {self.url}")
        return parsed.entries[:MAX_ENTRIES]

    def _item(self, entry, key: str) -> Item:
        body, kind = _content(entry)
        link = safe_link(entry.get("link"))
        if self.fetch_teasers and link and word_count(body) < TEASER_WORDS:
            article = self._article(link)
            if article and word_count(article) > word_count(body):
                body, kind = article, "html"
        data = atom_entry(key, entry.get("title") or "", link, _date(entry), body, kind)
        return Item(self.name, link or self.url, data, ATOM, key)

    def _article(self, link: str) -> str | None:
        """The linked page's article as HTML; a failing page leaves the teaser in place."""
        try:
            page = fetch(link, timeout=self.timeout, allow_private=self.allow_private)
        except SourceError:
            return None
        found = extract_article(page.body.decode("utf-8", "replace"), link)
        return found.body_html if found else None


def entry_key(entry) -> str | None:
    return (entry.get("id") or entry.get("link") or "").strip() or None


def safe_link(link: str | None) -> str | None:
    if link and link.strip().lower().startswith(("http://", "https://")):
        return link.strip()
    return None


def atom_entry(key: str, title: str, link: str | None, date: str | None, body: str, kind: str) -> bytes:
    """A one-entry Atom document (escaped text, so no markup from the entry can break out)."""
    parts = [f"<id>{escape(key)}</id>", f"<title>{escape(title)}</title>"]
    if link:
        parts.append(f'<link rel="alternate" href="{escape(link)}"/>')
    if date:
        parts += [f"<published>{date}</published>", f"<updated>{date}</updated>"]
    parts.append(f'<content type="{kind}">{escape(body)}</content>')
    doc = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><entry>{''.join(parts)}</entry></feed>"
    )
    return doc.encode("utf-8")


def _content(entry) -> tuple[str, str]:
    content = entry.get("content") or []
    if content:
        return content[0].get("value") or "", _kind(content[0].get("type"))
    return entry.get("summary") or "", _kind(entry.get("summary_detail", {}).get("type"))


def _kind(mime: str | None) -> str:
    return "html" if "html" in (mime or "text/html") else "text"


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    return None

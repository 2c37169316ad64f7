"""Web pages (or every page a sitemap lists): the main text with headings, as a small HTML document."""

from __future__ import annotations

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from bot.sources.addresses import AllowPrivate
from bot.sources.base import Item, SourceError
from bot.sources.documents import digest, extract_article, html_document
from bot.sources.fetch import FetchResult, fetch

MAX_SITEMAP_URLS = 200
_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class WebSource:
    def __init__(self, name: str, urls: list[str], *, allow_private: AllowPrivate = False, timeout: float = 10) -> None:
        self.name = name
        self.urls = list(urls)
        self.allow_private = allow_private
        self.timeout = timeout

    def poll(self, state: dict) -> tuple[list[Item], dict]:
        """Pages that fail are recorded in state["errors"]; the poll fails only when nothing could be read."""
        before: dict = state.get("pages", {})
        pages: dict[str, dict] = {}
        errors: dict[str, str] = {}
        items: list[Item] = []
        read = 0
        for url in self._page_urls(errors):
            try:
                item, pages[url] = self._page(url, before.get(url, {}))
            except SourceError as exc:
                errors[url] = str(exc)
                if url in before:
                    pages[url] = before[url]
                continue
            read += 1
            if item:
                items.append(item)
        if errors and not read:
            raise SourceError(next(iter(errors.values())))
        new_state: dict = {"pages": pages}
        if errors:
            new_state["errors"] = errors
        return items, new_state

    def _get(self, url: str, **conditional) -> FetchResult:
        return fetch(url, timeout=self.timeout, allow_private=self.allow_private, **conditional)

    def _page_urls(self, errors: dict[str, str]) -> list[str]:
        urls: list[str] = []
        for url in self.urls:
            if not _is_sitemap_url(url):
                urls.append(url)
                continue
            try:
                urls += sitemap_urls(self._get(url).body, self._get)
            except SourceError as exc:
                errors[url] = str(exc)
        return list(dict.fromkeys(urls))[:MAX_SITEMAP_URLS]

    def _page(self, url: str, seen: dict) -> tuple[Item | None, dict]:
        got = self._get(url, etag=seen.get("etag"), last_modified=seen.get("last_modified"))
        if got.not_modified:
            return None, seen
        article = extract_article(got.body.decode("utf-8", "replace"), url)
        if article is None:
            raise SourceError(f"no article text found at {url}")
        data = html_document(article.title, article.date, url, article.body_html)
        record = {"etag": got.etag, "last_modified": got.last_modified, "digest": digest(data)}
        record = {k: v for k, v in record.items() if v is not None}
        if seen.get("digest") == record["digest"]:
            return None, record
        return Item(self.name, url, data, "text/html", url), record


def sitemap_urls(body: bytes, get=None, depth: int = 0) -> list[str]:
    """Page URLs in a sitemap; a sitemap index is followed one level down when `get` is given."""
    try:
        root = SafeET.fromstring(body)
    except DefusedXmlException as exc:
        raise SourceError(f"sitemap refused: xml_entities_forbidden: {type(exc).__name__}") from None
    except SafeET.ParseError as exc:
        raise SourceError(f"malformed sitemap: {exc}") from None
    locs = [(el.text or "").strip() for el in root.iter() if el.tag in (f"{_SM}loc", "loc")]
    locs = [u for u in locs if u.lower().startswith(("http://", "https://"))][:MAX_SITEMAP_URLS]
    if root.tag.endswith("sitemapindex"):
        if get is None or depth > 0:
            return []
        return [u for child in locs for u in sitemap_urls(get(child).body, get, depth + 1)]
    return locs


def _is_sitemap_url(url: str) -> bool:
    path = url.split("?", 1)[0].lower()
    return path.endswith(".xml") and "sitemap" in path.rsplit("/", 1)[-1]

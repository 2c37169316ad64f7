"""RSS and Atom: each entry is one briefing. XML passes a defusedxml gate before feedparser.

A feed is parsed once: `feed_entries` turns its bytes into `FeedEntry`s (what a feed source polls
and what a feed file holds), and `entry_document` reads one entry's content as a `Document`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from bot.understand.model import BriefingError, Document
from bot.understand.parse.html import parse_html
from bot.understand.parse.plain import parse_plain

MAX_ITEMS = 500


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry as feedparser read it: its identity, title, safe link, date and content."""

    key: str | None  # the guid, else the link: the entry's identity at its feed
    title: str
    link: str | None  # http(s) only
    date: dt.date | None
    body: str  # the content (or summary), HTML when `html`
    html: bool = True


def check_xml(data: bytes) -> None:
    """Refuse entity tricks (billion laughs, XXE, quadratic blow-up) before any parser expands them."""
    try:
        defusedxml.ElementTree.fromstring(data)
    except DefusedXmlException as exc:
        raise BriefingError(f"xml_entities_forbidden: {type(exc).__name__}") from None
    except defusedxml.ElementTree.ParseError as exc:
        raise BriefingError(f"malformed XML: {exc}") from None


def is_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_entries(data: bytes) -> list[FeedEntry]:
    """A feed's entries (at most MAX_ITEMS); BriefingError when it is unsafe or not a feed."""
    check_xml(data)
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root"
        raise BriefingError(f"not a readable feed: {reason}")
    return [_entry(e) for e in parsed.entries[:MAX_ITEMS]]


def parse_feed(data: bytes, source: str) -> list[Document]:
    return [entry_document(entry, source) for entry in feed_entries(data)]


def entry_document(entry: FeedEntry, source: str) -> Document:
    """One entry's content as a Document, with the entry's title, date, link and key."""
    if entry.html:
        doc = parse_html(
            f"<html><body><article>{entry.body}</article></body></html>",
            source,
            title=entry.title,
            date=entry.date,
            link=entry.link,
        )
    else:
        doc = parse_plain(entry.body, source, title=entry.title, date=entry.date, head=False)
        doc.link = entry.link
    doc.item_key = entry.key
    return doc


def safe_link(link: str | None) -> str | None:
    """An http(s) link, else None (a `javascript:` link never reaches a message)."""
    if link and link.strip().lower().startswith(("http://", "https://")):
        return link.strip()
    return None


def _entry(entry: Any) -> FeedEntry:  # a feedparser entry
    content = entry.get("content") or []
    if content:
        body, mime = content[0].get("value") or "", content[0].get("type")
    else:
        body, mime = entry.get("summary") or "", entry.get("summary_detail", {}).get("type")
    key = (entry.get("id") or entry.get("link") or "").strip() or None
    return FeedEntry(
        key,
        (entry.get("title") or "").strip(),
        safe_link(entry.get("link")),
        _date(entry),
        body,
        html="html" in (mime or "text/html"),
    )


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None

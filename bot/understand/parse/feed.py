"""RSS and Atom files: each item is one briefing. XML passes a defusedxml gate before feedparser."""

from __future__ import annotations

import datetime as dt
from typing import Any

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from bot.understand.parse.html import parse_html
from bot.understand.parse.plain import parse_plain
from bot.understand.model import BriefingError, Document

MAX_ITEMS = 500


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


def parse_feed(data: bytes, source: str) -> list[Document]:
    check_xml(data)
    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo"):
        raise BriefingError(f"not a readable feed: {parsed.get('bozo_exception')}")
    return [_entry(e, source) for e in parsed.entries[:MAX_ITEMS]]


def _entry(entry: Any, source: str) -> Document:  # a feedparser entry
    title = (entry.get("title") or "").strip()
    link = _safe_link(entry.get("link"))
    date = _date(entry)
    content = entry.get("content") or []
    body = content[0].get("value") if content else entry.get("summary", "")
    kind = content[0].get("type", "text/html") if content else entry.get("summary_detail", {}).get("type", "text/html")
    if "html" in (kind or ""):
        doc = parse_html(f"<html><body><article>{body}</article></body></html>", source, title=title, date=date, link=link)
    else:
        doc = parse_plain(body or "", source, title=title, date=date, head=False)
        doc.link = link
    doc.item_key = entry.get("id") or link or None
    return doc


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _safe_link(link: str | None) -> str | None:
    if link and link.lower().startswith(("http://", "https://")):
        return link
    return None

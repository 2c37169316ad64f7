"""Small standalone documents the core can parse, and article extraction with trafilatura."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from html import escape

import lxml.html
import trafilatura
from lxml.etree import ParserError


@dataclass(frozen=True)
class Article:
    title: str | None
    date: str | None  # ISO date as found in the page, if any
    body_html: str  # headings and paragraphs only


def extract_article(html: str, url: str | None = None) -> Article | None:
    """Main text of a web page with its headings, or None when nothing readable is found."""
    if not html.strip():
        return None
    body = trafilatura.extract(
        html,
        url=url,
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        include_links=False,
        include_images=False,
        favor_precision=True,
    )
    if not body:
        return None
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = meta.title if meta else None
    date = meta.date if meta else None
    return Article(title, date, _inner_body(body))


def html_document(title: str | None, date: str | None, link: str | None, body_html: str) -> bytes:
    """A minimal HTML page: title as h1, date as a meta tag, then the article body."""
    head = ['<meta charset="utf-8">']
    if title:
        head.append(f"<title>{escape(title)}</title>")
    if date:
        head.append(f'<meta name="date" content="{escape(date)}">')
    if link:
        head.append(f'<link rel="canonical" href="{escape(link)}">')
    h1 = f"<h1>{escape(title)}</h1>" if title and "<h1" not in body_html.lower() else ""
    page = f"<!doctype html><html><head>{''.join(head)}</head><body><article>{h1}{body_html}</article></body></html>"
    return page.encode("utf-8")


def word_count(html: str) -> int:
    if not html.strip():
        return 0
    try:
        text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    except (ParserError, ValueError):
        text = html
    return len(text.split())


def digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _inner_body(html: str) -> str:
    """trafilatura wraps its output in <html><body>; keep only the body's children."""
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return html
    body = root.find("body")
    if body is None:
        return html
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body)

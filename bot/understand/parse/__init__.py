"""Format parsers: bytes of one file in, one `Document` per briefing out.

`parse` picks the format from the name, the content type and the first bytes: plain text,
Markdown, HTML, RSS/Atom (one Document per item) and e-mail (.eml).
"""

from __future__ import annotations

from pathlib import PurePath

from bot.understand.model import BriefingError, Document
from bot.understand.parse.decode import decode
from bot.understand.parse.email import looks_like_email, parse_email
from bot.understand.parse.feed import is_feed, parse_feed
from bot.understand.parse.html import parse_html
from bot.understand.parse.markdown import parse_markdown
from bot.understand.parse.plain import parse_plain

MAX_BYTES = 10 * 1024 * 1024
BRIEFING_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".eml", ".xml", ".rss", ".atom"}


def looks_like_briefing(name: str) -> bool:
    """File names an inbox or `ingest` should read (gold labels, READMEs and hidden files are not)."""
    p = PurePath(name)
    if p.name.startswith((".", "~")) or p.name.upper().startswith(("README", "LICENSE")):
        return False
    return p.suffix.lower() in BRIEFING_SUFFIXES


def detect(data: bytes, name: str, content_type: str | None = None) -> str:
    suffix = PurePath(name).suffix.lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = data[:4096].lstrip().lower()
    if ctype in ("message/rfc822",) or suffix == ".eml":
        return "email"
    if (
        ctype in ("application/rss+xml", "application/atom+xml")
        or suffix in (".rss", ".atom")
        or (suffix in (".xml", "") and is_feed(data))
        or (head.startswith(b"<?xml") and is_feed(data))
    ):
        return "feed"
    if ctype in ("text/html", "application/xhtml+xml") or suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if ctype == "text/markdown" or suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def parse(data: bytes, name: str, content_type: str | None = None) -> list[Document]:
    """Parse one file's bytes. Raises BriefingError with a one-line reason."""
    if len(data) > MAX_BYTES:
        raise BriefingError(f"too_large: {len(data):,} bytes (limit {MAX_BYTES:,})")
    if not data.strip():
        raise BriefingError("empty: no text")
    kind = detect(data, name, content_type)
    if kind == "feed":
        return parse_feed(data, name)
    if kind == "email":
        docs = [parse_email(data, name)]
    else:
        text = decode(data)
        if not text.strip():
            raise BriefingError("empty: no text")
        if kind == "text" and looks_like_email(text) and b"\n\n" in data[:65536].replace(b"\r\n", b"\n"):
            docs = [parse_email(data, name)]
        elif kind == "html":
            docs = [parse_html(text, name)]
        elif kind == "markdown":
            docs = [parse_markdown(text, name)]
        else:
            docs = [parse_plain(text, name)]
    for doc in docs:
        if not any(s.paragraphs for s in doc.sections):
            raise BriefingError("no paragraphs found")
    return docs


__all__ = ["parse", "detect", "looks_like_briefing", "BRIEFING_SUFFIXES", "Document", "BriefingError"]

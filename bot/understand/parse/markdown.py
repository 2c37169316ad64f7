"""Markdown briefings: `# Title`, `## Heading`, optional front matter, rendered with markdown-it."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from bot.understand.model import Document
from bot.understand.parse.dates import parse_date
from bot.understand.parse.html import parse_html

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_md = MarkdownIt("commonmark", {"html": False})


def parse_markdown(text: str, source: str) -> Document:
    meta, body = _front_matter(text)
    html = _md.render(body)
    return parse_html(
        f"<html><body><article>{html}</article></body></html>",
        source,
        title=meta.get("title"),
        date=parse_date(meta.get("date")),
        link=meta.get("link") or meta.get("url"),
    )


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m[1].splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[m.end() :]

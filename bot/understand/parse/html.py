"""HTML newsletter pages: the article's title, date, headings and paragraphs, without the page chrome."""

from __future__ import annotations

import datetime as dt
import re

import lxml.etree
import lxml.html

from bot.understand.model import BriefingError, Document, RawSection
from bot.understand.parse.dates import date_line, parse_date
from bot.understand.text import squash

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "button",
    "select",
    "textarea",
    "nav",
    "footer",
    "aside",
    "head",
    "menu",
    "dialog",
}
_JUNK = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|social|share|sharing|unsubscribe|subscribe|"
    r"promo|advert|ads?|cookies?|banner|sidebar|related|signup|sign-up|comments?|breadcrumbs?|"
    r"skip|popup|modal|preheader|preview|masthead-links|byline|bylines|meta|author|authors|dateline|"
    r"timestamp|read-?time|reading-?time|tags|hidden|sr-only|visually-hidden|kicker|eyebrow|overline|"
    r"sponsor|sponsored|subtitle|deck|dek|standfirst|like|likes|ufi|reactions?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_JUNK_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_JUNK_TEXT = re.compile(
    r"unsubscribe|view (?:it |this )?in (?:your |a )?browser|manage (?:your )?(?:preferences|subscription)|"
    r"update your preferences|forward (?:this )?to a friend|you(?:'|’)re receiving this|"
    r"view (?:this |the )?(?:e-?mail|newsletter|message|issue) (?:in (?:your |a )?browser|online)|"
    r"^\s*(?:sponsored|advertisement|promoted|paid (?:post|content))\b|"
    r"all rights reserved|^\s*(?:©|\(c\)|copyright)\s|follow us on",
    re.IGNORECASE,
)
_HEADINGS = {"h1", "h2", "h3", "h4"}
_TEXT_BLOCKS = {"p", "li", "pre", "dd", "dt", "figcaption", "address", "summary"}
_BLOCKS = (
    _TEXT_BLOCKS
    | _HEADINGS
    | {
        "div",
        "section",
        "article",
        "main",
        "header",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "dl",
        "blockquote",
        "figure",
        "center",
        "body",
        "html",
        "h5",
        "h6",
        "hr",
        "details",
    }
)
_MAX_DEPTH = 200
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
)


def parse_html(
    text: str, source: str, *, title: str | None = None, date: dt.date | None = None, link: str | None = None
) -> Document:
    root = _parse(text)
    date = date or _meta_date(root) or _byline_date(root)
    for el in [el for el in root.iter(lxml.etree.Element) if _is_junk(el)]:
        if el.getparent() is not None:
            el.drop_tree()
    _drop_footer_blocks(root)
    container = _container(root)
    blocks: list[tuple[str, str]] = []
    _walk(container, blocks, 0)
    if title is None:
        title = _title(root, blocks)
    return _assemble(blocks, title, date, source, link)


def _parse(text: str) -> lxml.html.HtmlElement:
    if not text.strip():
        raise BriefingError("empty HTML document")
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise BriefingError(f"unreadable HTML: {exc}") from None
    for el in list(root.iter(lxml.etree.Element)):
        if el.tag in ("script", "style", "noscript", "template"):
            el.drop_tree()
    return root


def _is_junk(el: lxml.html.HtmlElement) -> bool:
    if not isinstance(el.tag, str):
        return True
    if el.tag in _DROP_TAGS:
        return True
    if el.tag in ("html", "body", "article", "main"):
        return False
    role = (el.get("role") or "").lower()
    if role in _JUNK_ROLES or _hidden(el):
        return True
    marker = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(marker.strip()) and bool(_JUNK.search(marker))


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0", re.IGNORECASE)
_FOOTER_BLOCK_MAX = 600


def _hidden(el: lxml.html.HtmlElement) -> bool:
    """Text no reader sees: an e-mail's preview text, screen-reader-only labels."""
    return (
        el.get("hidden") is not None
        or (el.get("aria-hidden") or "").lower() == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
    )


def _drop_footer_blocks(root: lxml.html.HtmlElement) -> None:
    """A short block that says `unsubscribe` or `you're receiving this` is the footer, all of it
    (the social links and postal address beside that line included)."""
    for el in list(root.iter("td", "div", "p", "section", "table", "center")):
        if el.getparent() is None or _has_block_child(el) or el.xpath(".//h1|.//h2|.//h3"):
            continue
        text = el.text_content()
        if len(text) < _FOOTER_BLOCK_MAX and _JUNK_TEXT.search(text):
            el.drop_tree()


def _container(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for path in ("//article", "//main", "//*[@role='main']"):
        found = root.xpath(path)
        if found:
            return max(found, key=lambda el: len(el.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _walk(el: lxml.html.HtmlElement, out: list[tuple[str, str]], depth: int) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _HEADINGS:
        out.append((tag, squash(el.text_content())))
        return
    if tag in _TEXT_BLOCKS and (depth > _MAX_DEPTH or not _has_block_child(el)):
        out.append(("p", squash(el.text_content())))
        return
    if depth > _MAX_DEPTH:
        out.append(("p", squash(el.text_content())))
        return
    buffer = [el.text or ""]
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag == "br":
            buffer.append("\n" + (child.tail or ""))
        elif ctag in _BLOCKS:
            _flush(buffer, out)
            _walk(child, out, depth + 1)
            buffer = [child.tail or ""]
        else:
            buffer.append(child.text_content() + (child.tail or ""))
    _flush(buffer, out)


def _has_block_child(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el)


def _flush(buffer: list[str], out: list[tuple[str, str]]) -> None:
    text = "".join(buffer)
    for part in re.split(r"\n\s*\n", text):
        part = squash(part)
        if part:
            out.append(("p", part))
    buffer.clear()


def _title(root: lxml.html.HtmlElement, blocks: list[tuple[str, str]]) -> str:
    for kind, text in blocks:
        if kind == "h1" and text:
            return text
    for path in ("//h1", "//meta[@property='og:title']/@content", "//title"):
        found = root.xpath(path)
        if found:
            value = found[0] if isinstance(found[0], str) else found[0].text_content()
            if squash(value):
                return squash(value)
    return ""


def _meta_date(root: lxml.html.HtmlElement) -> dt.date | None:
    for el in root.iter("time"):
        found = parse_date(el.get("datetime") or el.text_content())
        if found:
            return found
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META or key == "datepublished":
            found = parse_date(meta.get("content"))
            if found:
                return found
    return None


_BYLINE_CLASS = re.compile(r"byline|dateline|date|published|timestamp|meta", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+\S[^.!?]{0,120}$")


def _byline_date(root: lxml.html.HtmlElement) -> dt.date | None:
    """`<p class="byline">By Clara Jung · Thursday 30 October 2025</p>`: the date a page shows only there."""
    for el in root.iter("p", "div", "span", "small"):
        if _BYLINE_CLASS.search(el.get("class") or ""):
            found = _date_in(el.text_content())
            if found:
                return found
    return None


def _date_in(text: str) -> dt.date | None:
    for part in re.split(r"\s[·|•–—]\s|,\s", text):
        found = date_line(part.strip()) or (parse_date(part) if re.search(r"\d{4}", part) else None)
        if found:
            return found
    return None


def _assemble(
    blocks: list[tuple[str, str]], title: str, date: dt.date | None, source: str, link: str | None
) -> Document:
    sections = [RawSection(None, [])]
    title_seen = False
    for kind, text in blocks:
        if not text:
            continue
        if kind == "h1" and not title_seen and text == title:
            title_seen = True
            continue
        if kind in _HEADINGS:
            sections.append(RawSection(text, []))
            continue
        if _JUNK_TEXT.search(text) and len(text) < 400:
            continue
        if not any(s.paragraphs for s in sections) and (found := date_line(text)):
            date = date or found
            continue
        if not any(s.paragraphs for s in sections) and _BYLINE.match(text) and len(text.split()) <= 14:
            date = date or _date_in(text)  # `By the Commodities Desk · 3 December 2025`
            continue
        sections[-1].paragraphs.append(text)
    sections = [s for s in sections if s.paragraphs or s.heading is not None]
    return Document(title=title, date=date, sections=sections, source=source, link=link)

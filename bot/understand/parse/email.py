"""E-mail newsletters (.eml): the subject is the title, the HTML part (or the plain one) the body."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils

from bot.understand.model import BriefingError, Document
from bot.understand.parse.dates import parse_date
from bot.understand.parse.html import parse_html
from bot.understand.parse.plain import parse_plain


def looks_like_email(text: str) -> bool:
    head = text[:2000]
    return any(
        h in head for h in ("\nSubject:", "\nMessage-ID:", "\nMessage-Id:", "\nMIME-Version:")
    ) or head.startswith(
        ("From:", "Subject:", "Received:", "Return-Path:", "Message-ID:", "MIME-Version:", "Date:", "To:")
    )


def parse_email(data: bytes, source: str) -> Document:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    title = str(msg.get("subject") or "").strip()
    date = _date(msg.get("date"))
    part = msg.get_body(preferencelist=("html", "plain"))
    if part is None:
        raise BriefingError("e-mail has no text or HTML body")
    try:
        body = part.get_content()
    except (LookupError, UnicodeError) as exc:
        raise BriefingError(f"unreadable e-mail body: {exc}") from None
    if part.get_content_subtype() == "html":
        doc = parse_html(body, source, date=date)
        doc.title = doc.title or title
        if title and doc.title != title and not any(s.heading for s in doc.sections):
            doc.title = title
    else:
        doc = parse_plain(body, source, title=title or None, date=date, head=not title)
    doc.item_key = str(msg.get("message-id") or "").strip() or None
    return doc


def _date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(value)).date()
    except (TypeError, ValueError, IndexError):
        return parse_date(str(value))

"""Dates in the forms briefings use: ISO, 'March 14, 2025', '14 Mar 2025', '3/14/2025', RFC 2822..."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as _parser

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A whole line that is nothing but a date (with an optional weekday and label).
_DATE_LINE = re.compile(
    r"^\s*[*_]*\s*(?:(?:date|published|posted|updated|sent)\s*:?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    r"(?P<d>\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})\s*[*_]*\s*$",
    re.IGNORECASE,
)


def parse_date(value: str | None) -> dt.date | None:
    """The date in `value`, or None when there is none (a missing date is not an error)."""
    if not value:
        return None
    value = value.strip()[:80]
    m = _ISO.search(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        parsed = _parser.parse(value, fuzzy=True, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed.year > 1 else None


def date_line(line: str) -> dt.date | None:
    """The date when the whole line is a date (e.g. '*Friday, March 14, 2025*'), else None."""
    if len(line) > 60:
        return None
    m = _DATE_LINE.match(line)
    return parse_date(m["d"]) if m else None


# A date with its year inside running text: a dateline ('LONDON, March 3, 2025 (Reuters) —') or a
# byline ('By Jane Roe | 3 March 2025').
_DATE_IN_TEXT = re.compile(
    r"\b(?:\d{4}-\d{1,2}-\d{1,2}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})(?!\d)",
    re.IGNORECASE,
)


def find_date(text: str) -> dt.date | None:
    """The first full date (with a year) written out in `text`, else None."""
    m = _DATE_IN_TEXT.search(text[:300])
    return parse_date(m[0]) if m else None

"""The weekly roll-up: a week of briefings in one message (pure: no I/O).

Part 0 holds the week's top quotes by section theme, the most quoted people and the week's
digests day by day; what does not fit Slack's limits (50 blocks, about 11,000 characters a message,
3,000 a section) continues in thread replies, so a week of a hundred briefings still posts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

from slack_sdk.models.blocks import ContextBlock, HeaderBlock, MarkdownTextObject, PlainTextObject, SectionBlock

from bot.render.digest import MAX_BLOCKS
from bot.render.mrkdwn import MESSAGE_TEXT_BUDGET, SECTION_MAX, bold, escape, link, truncate
from bot.understand.speakers import Speaker, group_people

THEMES = 5
QUOTES_PER_THEME = 2
PEOPLE = 8
QUOTE_CHARS = 280


class WeekQuote(Protocol):
    @property
    def briefing_id(self) -> int: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def speaker_id(self) -> int | None: ...
    @property
    def text(self) -> str: ...
    @property
    def section(self) -> str | None: ...


class WeekBriefing(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> dt.date: ...


def week_title(start: dt.date, days: int = 7) -> str:
    end = start + dt.timedelta(days=days - 1)
    return f"The week in briefings: {start:%a %d %b} – {end:%a %d %b %Y}"


def rollup_messages(
    start: dt.date,
    briefings: Sequence[WeekBriefing],
    quotes: Sequence[WeekQuote],
    permalinks: Mapping[int, str],
    roster: Mapping[str, object] | None = None,
    days: int = 7,
) -> list[dict[str, Any]]:
    """The roll-up's messages: part 0 for the channel, the rest as thread replies."""
    title = week_title(start, days)
    header = HeaderBlock(text=PlainTextObject(text=truncate(title, 150)))
    people = {q.speaker_id for q in quotes if q.speaker_id}
    summary = (
        f"{len(briefings)} briefing{'s' if len(briefings) != 1 else ''} · {len(quotes)} quotes · "
        f"{len(people)} people quoted"
    )
    if not briefings:
        summary = "No briefings this week."
    texts = [*_themes(briefings, quotes), *_people(quotes, roster or {}), *_days(briefings, permalinks)]
    groups = _group(texts, first_chars=len(title) + len(summary))
    messages = []
    for part, group in enumerate(groups):
        blocks: list[Any] = (
            [header, ContextBlock(elements=[MarkdownTextObject(text=summary)])]
            if part == 0
            else [
                ContextBlock(
                    elements=[MarkdownTextObject(text=f"{escape(title)} · continued ({part + 1}/{len(groups)})")]
                )
            ]
        )
        blocks += [SectionBlock(text=MarkdownTextObject(text=t)) for t in group]
        fallback = title if part == 0 else f"{title} ({part + 1}/{len(groups)})"
        messages.append(
            {
                "text": escape(truncate(fallback, 300)),
                "blocks": [b.to_dict() for b in blocks],
                "unfurl_links": False,
                "unfurl_media": False,
            }
        )
    return messages


def _themes(briefings: Sequence[WeekBriefing], quotes: Sequence[WeekQuote]) -> Iterator[str]:
    """The sections whose themes drew the most quotes, each with its best quotes."""
    by_id = {b.id: b for b in briefings}
    themes: dict[str, list[WeekQuote]] = defaultdict(list)
    names: dict[str, str] = {}
    for q in quotes:
        if q.section and q.speaker:
            key = " ".join(q.section.casefold().split())
            themes[key].append(q)
            names.setdefault(key, q.section)
    loud: Counter[int | None] = Counter(q.speaker_id for q in quotes if q.speaker_id)
    ranked = sorted(themes.items(), key=lambda kv: (-len({q.briefing_id for q in kv[1]}), -len(kv[1]), kv[0]))
    lines = []
    for key, found in ranked[:THEMES]:
        best = sorted(found, key=lambda q: (-loud[q.speaker_id], -min(len(q.text.split()), 40), q.briefing_id))
        picked, speakers = [], set()
        for q in best:
            if q.speaker in speakers:
                continue
            speakers.add(q.speaker)
            picked.append(q)
            if len(picked) == QUOTES_PER_THEME:
                break
        lines.append(bold(truncate(names[key], 150)))
        for q in picked:
            b = by_id.get(q.briefing_id)
            where = f" ({escape(truncate(b.title, 80))}, {b.date:%a})" if b else ""
            lines.append(f"• {bold(q.speaker or '')}: “{escape(truncate(q.text, QUOTE_CHARS))}”{where}")
    if lines:
        yield from _pack(["*Top quotes by theme*", *lines])


def _people(quotes: Sequence[WeekQuote], roster: Mapping[str, object]) -> Iterator[str]:
    counts: dict[int, Speaker] = {}
    for q in quotes:
        if q.speaker_id and q.speaker:
            counts.setdefault(q.speaker_id, Speaker(q.speaker_id, q.speaker)).quotes += 1
    people = group_people(list(counts.values()), roster)[:PEOPLE]
    if people:
        lines = [f"• {bold(truncate(p.name, 100))}: {p.quotes} quote{'s' if p.quotes != 1 else ''}" for p in people]
        yield from _pack(["*Most quoted this week*", *lines])


def _days(briefings: Sequence[WeekBriefing], permalinks: Mapping[int, str]) -> Iterator[str]:
    by_day: dict[dt.date, list[WeekBriefing]] = defaultdict(list)
    for b in briefings:
        by_day[b.date].append(b)
    lines = ["*The week's digests*"]
    for day in sorted(by_day):
        items = [
            link(permalinks.get(b.id), truncate(b.title or "(untitled briefing)", 80))
            if permalinks.get(b.id)
            else escape(truncate(b.title or "(untitled briefing)", 80))
            for b in by_day[day]
        ]
        lines.append(f"• *{day:%a %d %b}*: " + " · ".join(items))
    if len(lines) > 1:
        yield from _pack(lines)


def _pack(lines: Sequence[str]) -> Iterator[str]:
    """Lines joined into sections of at most SECTION_MAX characters (a line longer than that is cut
    between items, never inside a link)."""
    current = ""
    for line in lines:
        for piece in _split(line):
            if current and len(current) + 1 + len(piece) > SECTION_MAX:
                yield current
                current = ""
            current = f"{current}\n{piece}" if current else piece
    if current:
        yield current


def _split(line: str) -> Iterator[str]:
    if len(line) <= SECTION_MAX:
        yield line
        return
    piece = ""
    for item in line.split(" · "):
        item = item if len(item) <= SECTION_MAX else truncate(item, SECTION_MAX)
        if piece and len(piece) + 3 + len(item) > SECTION_MAX:
            yield piece
            piece = ""
        piece = f"{piece} · {item}" if piece else item
    if piece:
        yield piece


def _group(texts: list[str], *, first_chars: int) -> list[list[str]]:
    """Sections packed into messages under the block and character budgets."""
    groups: list[list[str]] = [[]]
    blocks, chars = 2, first_chars
    for text in texts:
        if groups[-1] and (blocks + 1 > MAX_BLOCKS or chars + len(text) > MESSAGE_TEXT_BUDGET):
            groups.append([])
            blocks, chars = 1, 250
        groups[-1].append(text)
        blocks += 1
        chars += len(text)
    return groups

"""The digest as plain text, for the console and `digestbot analyze --format text`."""

from __future__ import annotations

from bot.understand.model import Briefing

LEDE = "In brief"


def digest_text(briefing: Briefing) -> str:
    lines = [briefing.title or "(untitled briefing)"]
    meta = " · ".join(
        x for x in (briefing.date.isoformat() if briefing.date else None, briefing.link or briefing.source) if x
    )
    if meta:
        lines.append(meta)
    for section in briefing.sections:
        if not section.bullets:
            continue
        lines += ["", section.heading or LEDE]
        lines += [f"  • {b.text}" for b in section.bullets]
    return "\n".join(lines)

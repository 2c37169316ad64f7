"""`/digest subscribe weekly [mon 08:00] [timezone]` and `/digest unsubscribe weekly`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.render.digest import escape
from bot.render.replies import message
from bot.schedule.rollup import RollupJobs
from bot.schedule.triggers import ScheduleError, zone
from bot.slack.commands import DigestCommand

if TYPE_CHECKING:
    from bot.slack.app import BotContext


def rollup_reply(ctx: BotContext, cmd: DigestCommand, channel: str) -> tuple[list[dict[str, Any]], str]:
    if cmd.action == "unsubscribe_weekly":
        gone = ctx.store.unsubscribe_rollup(channel)
        text = "This channel no longer gets the weekly roll-up." if gone else "This channel had no weekly roll-up."
        return message(text), text
    timezone = cmd.timezone or "UTC"
    try:
        zone(timezone)
    except ScheduleError as exc:
        text = f"{escape(str(exc))}. Example: `/digest subscribe weekly mon 08:00 Europe/Berlin`."
        return message(text), text
    weekday, at = cmd.schedule.split()
    jobs = ctx.rollups or RollupJobs(ctx.store, ctx.clock)
    jobs.subscribe(channel, weekday, at, timezone)
    text = (f"Subscribed: every {weekday.capitalize()} at {at} ({escape(timezone)}) this channel gets a roll-up of "
            "the past week: its top quotes by theme, the most quoted people and links to each day's digests.")
    return message(text), text

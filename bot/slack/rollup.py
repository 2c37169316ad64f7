"""`/digest subscribe weekly [mon 08:00] [timezone]` and `/digest unsubscribe weekly`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.render.mrkdwn import escape
from bot.schedule.rollup import RollupJobs
from bot.schedule.triggers import ScheduleError, zone
from bot.slack.commands import DigestCommand

if TYPE_CHECKING:
    from bot.slack.app import BotContext


def change_rollup(ctx: BotContext, cmd: DigestCommand, channel: str) -> tuple[bool, str]:
    """Start or stop the channel's weekly roll-up: (changed, what to say); the caller checks who may."""
    if cmd.action == "unsubscribe_weekly":
        if ctx.store.unsubscribe_rollup(channel):
            return True, "stopped the weekly roll-up in this channel. `/digest subscribe weekly` starts it again."
        return False, "This channel had no weekly roll-up."
    timezone = cmd.timezone or "UTC"
    try:
        zone(timezone)
    except ScheduleError as exc:
        return False, f"{escape(str(exc))}. Example: `/digest subscribe weekly mon 08:00 Europe/Berlin`."
    weekday, at = cmd.schedule.split()
    jobs = ctx.rollups or RollupJobs(ctx.store, ctx.clock)
    jobs.subscribe(channel, weekday, at, timezone)
    return True, (
        f"subscribed this channel to the weekly roll-up: every {weekday.capitalize()} at {at} "
        f"({escape(timezone)}) it gets the past week's top quotes by theme, the most quoted people "
        "and links to each day's digests."
    )

"""`digestbot deliveries`: what waits, what is blocked and why, what failed; `retry` re-queues."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.cli import app
from bot.cli.common import DB_HELP, open_store

deliveries_app = typer.Typer(help="Deliveries that wait, are blocked or failed; re-queue them.", no_args_is_help=False)
app.add_typer(deliveries_app, name="deliveries")

_TROUBLE = ("blocked", "failed", "unknown", "pending", "update", "sending")


@deliveries_app.callback(invoke_without_command=True)
def deliveries_command(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    channel: Annotated[str | None, typer.Option("--channel", "-c", help="Only this channel.")] = None,
) -> None:
    """List blocked channels (with what to do) and the deliveries not yet posted, by channel, state and reason."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.render.blocked import advice

    store = open_store(db)
    console = Console()
    blocks = [b for b in store.outbox.blocks() if channel in (None, b.channel)]
    if blocks:
        table = Table("blocked", "reason", "since (UTC)", "waiting", "told", "what to do")
        for b in blocks:
            table.add_row(
                "every channel" if b.channel == "*" else b.channel,
                b.reason,
                f"{b.since:%Y-%m-%d %H:%M}",
                str(b.waiting),
                "yes" if b.notified_at else "no",
                advice(b.channel, b.reason).replace("`", ""),
            )
        console.print(table)
    rows = Counter((d.channel, d.state, d.error or "") for d in store.outbox.deliveries(channel) if d.state in _TROUBLE)
    if not rows and not blocks:
        typer.echo("Every delivery is posted; nothing waits.")
        return
    if rows:
        table = Table("channel", "state", "deliveries", "last error")
        for (ch, state, error), n in sorted(rows.items()):
            table.add_row(ch, state, str(n), error[:80])
        console.print(table)
    if any(state in ("blocked", "failed") for _, state, _ in rows):
        typer.echo("Fix the cause, then `digestbot deliveries retry` re-queues blocked and failed deliveries.")


@deliveries_app.command("retry")
def retry_command(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    channel: Annotated[str | None, typer.Option("--channel", "-c", help="Only this channel.")] = None,
) -> None:
    """Re-queue blocked and failed deliveries (all, or one channel's); the running bot posts them."""
    store = open_store(db)
    count = store.outbox.retry(channel)
    where = f" for {channel}" if channel else ""
    typer.echo(f"{count} deliveries{where} re-queued at {dt.datetime.now(dt.UTC):%H:%M:%S} UTC")

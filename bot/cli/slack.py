"""`digestbot preview` and `digestbot post`: a digest's Block Kit, and posting one by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import typer

from bot.cli import app
from bot.cli.common import DB_HELP, EXIT_INPUT, EXIT_SETTINGS, open_store, settings

BUILDER = "https://app.slack.com/block-kit-builder/#"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        typer.echo(f"digestbot: {path}: cannot read: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None


@app.command("preview")
def preview_command(
    path: Annotated[Path | None, typer.Argument(help="A briefing file or feed file.")] = None,
    link: Annotated[bool, typer.Option("--link/--no-link", help="Also print a Block Kit Builder link.")] = True,
    week: Annotated[
        str | None,
        typer.Option(
            "--week", help="Instead: the weekly roll-up of the 7 days from this date (YYYY-MM-DD), from the archive."
        ),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Print the Block Kit messages a briefing's digest would post (part 0, then thread replies),
    or with --week DATE the weekly roll-up of the archive's briefings dated DATE to DATE+6."""
    if week is not None:
        _preview_week(week, db, link)
        return
    if path is None:
        typer.echo("digestbot: preview needs a briefing file, or --week DATE", err=True)
        raise typer.Exit(EXIT_SETTINGS)
    from bot.pipeline import digest_parts
    from bot.understand.analyze import read
    from bot.understand.model import BriefingError

    try:
        briefings = read(_read(path), path.name)
    except BriefingError as exc:
        typer.echo(f"digestbot: {path}: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    for briefing in briefings:
        roster = {k: v.model_dump(exclude_none=True) for k, v in settings().roster.items()}
        for part in digest_parts(briefing, briefing_id=0, version=1, roster=roster):
            typer.echo(json.dumps(part, ensure_ascii=False, indent=2))
            if link:
                typer.echo(BUILDER + quote(json.dumps({"blocks": part["blocks"]}, separators=(",", ":"))), err=True)


def _preview_week(week: str, db: str | None, link: bool) -> None:
    import datetime as dt

    from bot.schedule.rollup import render

    try:
        start = dt.date.fromisoformat(week)
    except ValueError:
        typer.echo(f"digestbot: --week {week!r}: use a date such as 2025-06-02", err=True)
        raise typer.Exit(EXIT_SETTINGS) from None
    store = open_store(db, create=False)  # read-only: never creates a database
    for part in render(store, start):
        typer.echo(json.dumps(part, ensure_ascii=False, indent=2))
        if link:
            typer.echo(BUILDER + quote(json.dumps({"blocks": part["blocks"]}, separators=(",", ":"))), err=True)


@app.command("post")
def post_command(
    path: Annotated[Path, typer.Argument(help="A briefing file or feed file.")],
    channel: Annotated[str, typer.Option("--channel", "-c", help="Channel ID, e.g. C0123456789.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Ingest a briefing and post its digest to a channel now (once: posting again does nothing)."""
    from bot.pipeline import Pipeline, ingest
    from bot.slack.client import make_client
    from bot.slack.sender import Sender

    config = settings()
    if config.slack_bot_token is None:
        typer.echo("digestbot: post needs SLACK_BOT_TOKEN (and the bot invited to the channel)", err=True)
        raise typer.Exit(EXIT_SETTINGS)
    store = open_store(db)
    results = ingest(store, _read(path), path.name, source="cli")
    rejected = [r for r in results if r.outcome == "rejected"]
    if rejected:
        typer.echo(f"digestbot: {path}: {rejected[0].reason}", err=True)
        raise typer.Exit(EXIT_INPUT)
    roster = {k: v.model_dump(exclude_none=True) for k, v in config.roster.items()}
    pipeline = Pipeline(store, [], roster)
    queued = sum(pipeline.queue(channel, r.briefing_id) for r in results if r.briefing_id is not None)
    client = make_client(config.slack_bot_token.get_secret_value(), config.slack_api_url, rate_limit_retries=0)
    sent = Sender(store.outbox, client).deliver_due()
    typer.echo(f"{queued} digest(s) queued for {channel}, {sent} message(s) posted")
    pending = {k: v for k, v in store.outbox.counts().items() if k in ("pending", "unknown", "failed") and v}
    if pending:
        typer.echo(f"outbox: {pending} (the running bot retries pending and unknown posts)", err=True)

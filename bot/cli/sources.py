"""`digestbot sources`: the configured sources and their health."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.cli import app
from bot.cli.common import DB_HELP, open_store, settings


@app.command("sources")
def sources_command(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    poll: Annotated[bool, typer.Option("--poll", help="Poll every source now and store what is new.")] = False,
) -> None:
    """List the sources (config/digestbot.toml and the inbox) with their last success and last error."""
    from bot.runtime import build
    from bot.store.briefings import INGEST_OUTCOMES

    config = settings()
    if db:
        config = config.model_copy(update={"database_url": db})
    store = open_store(db, create=poll)
    if poll:
        report = build(config).pipeline.poll()
        typer.echo(", ".join(f"{report.count(k)} {k}" for k in INGEST_OUTCOMES))
    table = Table("source", "kind", "where", "last success", "failures", "last error")
    for spec in config.all_sources():
        state = store.source_state(spec["name"])
        where = spec.get("url") or spec.get("path") or ", ".join(spec.get("urls", [])) or spec.get("host", "")
        ok = state.get("last_success")
        table.add_row(
            spec["name"],
            spec["kind"],
            str(where),
            f"{ok:%Y-%m-%d %H:%M}" if ok else "never",
            str(state.get("failures") or 0),
            (state.get("last_error") or "")[:80],
        )
    Console().print(table)

"""`digestbot ingest`, `digestbot whosaid` and `digestbot db upgrade`: the archive from the command line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.cli import app
from bot.cli.analyze import briefing_files
from bot.cli.common import DB_HELP, EXIT_INPUT, EXIT_PARTIAL, err, open_store

db_app = typer.Typer(help="Manage the database.", no_args_is_help=True)
app.add_typer(db_app, name="db")

Db = Annotated[str | None, typer.Option("--db", help=DB_HELP)]


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Briefing files, feed files, or folders of them.")],
    db: Db = None,
    source: Annotated[str, typer.Option(help="Source name to file the briefings under.")] = "inbox",
) -> None:
    """Store briefings in the archive, idempotently.

    Prints how many were new, updated (a corrected version of a stored item), unchanged and
    rejected, with the reason for each rejection. Rejected files are kept in the database too.

    Exit codes: 0 every file stored (or already stored), 1 nothing stored (every path refused, or no
    briefing files found), 4 some files refused, 3 the database cannot be opened.
    """
    from bot.pipeline import ingest
    from bot.store.briefings import INGEST_OUTCOMES

    files = briefing_files(paths)
    store = open_store(db)
    counts: Counter[str] = Counter()
    rejected: list[str] = []
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=len(files) < 20,
    ) as progress:
        task = progress.add_task("ingest", total=len(files))
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as exc:
                counts["rejected"] += 1
                rejected.append(f"{path}: cannot read: {exc.strerror or exc}")
                continue
            for result in ingest(store, data, path.name, source=source):
                counts[result.outcome] += 1
                if result.outcome == "rejected":
                    rejected.append(f"{path}: {result.reason}")
            progress.advance(task)
    typer.echo(", ".join(f"{counts[k]} {k}" for k in INGEST_OUTCOMES))
    for line in rejected:
        typer.echo(f"  rejected {line}")
    stored = counts["new"] + counts["updated"] + counts["unchanged"]
    if not stored:
        typer.echo("digestbot: nothing was stored", err=True)
        raise typer.Exit(EXIT_INPUT)
    if counts["rejected"]:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("whosaid")
def whosaid_command(
    query: Annotated[
        list[str], typer.Argument(help="Words from the quote, e.g. root causes; or a person: from:Ian [words].")
    ],
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list, best first.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=100, help="At most this many answers.")] = 5,
) -> None:
    """Who said it: quotes matching the words, best first (exact phrase, all words, then near spellings).

    `from:Ian NATO` lists what one person said about the words, newest first. With --json prints [{"speaker", "quote", "title", "date", "section", "score"}, ...]. Exit codes:
    0 answered (even with no match), 1 the query was refused, 3 no such database.
    """
    from bot.store import QueryError

    store = open_store(db, create=False)
    text = " ".join(query)
    try:
        hits = store.whosaid(text, limit=limit)
    except QueryError as exc:
        typer.echo(f"digestbot: {exc}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        rows = [
            {
                "speaker": h.speaker,
                "quote": h.quote,
                "title": h.title,
                "date": h.date.isoformat() if h.date else None,
                "section": h.section,
                "score": round(h.score, 4),
            }
            for h in hits
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not hits:
        typer.echo(f"No quotes match {text!r}.")
        return
    for h in hits:
        where = " · ".join(x for x in (h.title, h.date.isoformat() if h.date else None, h.section) if x)
        typer.echo(f"{h.speaker or 'Unattributed'}: “{h.quote}”\n    {where}")


@db_app.command("upgrade")
def upgrade_command(db: Db = None) -> None:
    """Create the database or bring it to the newest schema (safe to run again)."""
    open_store(db)
    typer.echo("database is up to date")

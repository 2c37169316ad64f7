"""Helpers shared by the CLI commands: settings with friendly errors, the store, stderr output.

Exit codes (the README lists them): 0 done; 1 the input was refused (a query, a file, nothing
stored); 2 a setting is wrong; 3 the database is missing or cannot be reached; 4 done in part
(some files were refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console

from bot.settings import Settings, SettingsError, database_url, load

if TYPE_CHECKING:
    from bot.store import Store

err = Console(stderr=True)

DB_HELP = "Database URL (default: DIGEST_DATABASE_URL, else data/digestbot.db in the bot's home folder)."
EXIT_INPUT, EXIT_SETTINGS, EXIT_DATABASE, EXIT_PARTIAL = 1, 2, 3, 4


def fail(message: str, code: int) -> NoReturn:
    """Print each problem as one `digestbot: ...` line on stderr and exit with `code`."""
    for line in message.splitlines():
        line = line.strip()
        if line and line != "invalid settings:":
            typer.echo(f"digestbot: {line}", err=True)
    raise typer.Exit(code)


def settings() -> Settings:
    """The settings, or exit 2 with one line per problem."""
    try:
        return load()
    except SettingsError as exc:
        fail(str(exc), EXIT_SETTINGS)


def open_store(db: str | None, *, create: bool = True) -> Store:
    """The store at --db (relative to the current folder) or DIGEST_DATABASE_URL; exit 3 when it cannot open.

    Read-only commands pass `create=False`: a database that does not exist is an error, never a new one.
    The roster of the settings comes along, for `from:` lookups.
    """
    from bot.store import Store, StoreUnavailable

    config = settings()
    name = "--db" if db else "DIGEST_DATABASE_URL"
    try:
        url = database_url(db) if db else config.database_url
    except ValueError as exc:
        fail(f"{name}: {exc}", EXIT_SETTINGS)
    try:
        store = Store.open(url, create=create)
    except StoreUnavailable as exc:
        fail(f"{name}: {exc}", EXIT_DATABASE)
    store.roster = {k: v.model_dump(exclude_none=True) for k, v in config.roster.items()}
    return store

"""Helpers shared by the CLI commands: settings with friendly errors, the store, stderr output."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.console import Console

from bot.settings import Settings, SettingsError, load

if TYPE_CHECKING:
    from bot.store import Store

err = Console(stderr=True)

DB_HELP = "Database URL (default: DIGEST_DATABASE_URL, else sqlite:///data/digestbot.db)."


def settings() -> Settings:
    """The settings, or exit 2 with one line per problem."""
    try:
        return load()
    except SettingsError as exc:
        typer.echo(f"digestbot: {exc}", err=True)
        raise typer.Exit(2) from None


def open_store(db: str | None) -> Store:

    from bot.store import Store

    config = settings()
    url = db or config.database_url
    try:
        store = Store.open(url)
        store.roster = {k: v.model_dump(exclude_none=True) for k, v in config.roster.items()}  # for from: lookups
        return store
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one readable line
        typer.echo(f"digestbot: cannot open the database {_safe_url(url)}: {type(exc).__name__}: {exc}".splitlines()[0], err=True)
        raise typer.Exit(2) from None


def _safe_url(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "(unparseable URL)"

"""The `digestbot` command line. Each area registers its commands in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="digestbot",
    help="Turn policy briefings into Slack digests with attributed quotes, and answer who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from bot import __version__

        typer.echo(f"digestbot {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Turn policy briefings into Slack digests with attributed quotes, and answer who said what."""


# Registration happens on import; keep one line per area.
from bot.cli import analyze as _analyze  # noqa: E402,F401
from bot.cli import deliveries as _deliveries  # noqa: E402,F401
from bot.cli import run as _run  # noqa: E402,F401
from bot.cli import slack as _slack  # noqa: E402,F401
from bot.cli import sources as _sources  # noqa: E402,F401
from bot.cli import store as _store  # noqa: E402,F401


def main() -> None:
    app()

"""CLI commands of this area (registered on `bot.cli.app`)."""

from bot.cli import app  # noqa: F401

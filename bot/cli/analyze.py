"""`digestbot analyze`: print the analysis of briefing files."""

from bot.cli import app  # noqa: F401

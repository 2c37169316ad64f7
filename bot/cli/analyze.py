"""`digestbot analyze`: print the analysis of briefing files, feeds or folders of them."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.render.text import digest_text
from bot.understand.analyze import read
from bot.understand.model import BriefingError
from bot.understand.parse import BRIEFING_SUFFIXES, looks_like_briefing


class Format(StrEnum):
    json = "json"
    text = "text"


def briefing_files(paths: list[Path]) -> list[Path]:
    """Files named on the command line, plus the briefing files inside named folders.

    Finding none at all stops the command: exit 1 with a one-line reason.
    """
    out = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and looks_like_briefing(p.name))
        else:
            out.append(path)
    if not out:
        named = ", ".join(str(p) for p in paths)
        typer.echo(f"digestbot: no briefing files in {named} (looked for {_SUFFIXES})", err=True)
        raise typer.Exit(1)
    return out


_SUFFIXES = ", ".join(sorted(BRIEFING_SUFFIXES))


@app.command("analyze")
def analyze_command(
    paths: Annotated[list[Path], typer.Argument(help="Briefing files, feed files, or folders of them.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="json: one object per briefing per line; text: the digest.")
    ] = Format.text,
) -> None:
    """Parse briefings and print their sections, attributed quotes and bullets.

    With --format json every briefing is one line:
    {"source", "date", "title", "sections": [{"heading", "paragraphs", "bullets": [{"text", "speakers"}]}],
    "quotes": [{"text", "speaker", "section"}]}. A file that cannot be read or parsed stops the
    command with a non-zero exit and a one-line reason naming the file.
    """
    first = True
    for path in briefing_files(paths):
        try:
            briefings = read(path.read_bytes(), path.name)
        except (OSError, BriefingError) as exc:
            typer.echo(f"digestbot: {path}: {_reason(exc)}", err=True)
            raise typer.Exit(1) from None
        for briefing in briefings:
            if format is Format.json:
                sys.stdout.write(json.dumps(briefing.to_dict(), ensure_ascii=False) + "\n")
            else:
                if not first:
                    typer.echo("\n" + "─" * 60 + "\n")
                typer.echo(digest_text(briefing))
            first = False


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)

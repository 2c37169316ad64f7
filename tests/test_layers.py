"""The import direction of the pipeline, checked so the layering cannot rot.

    sources -> understand -> store -> render -> slack

`bot/understand/` (pure analysis) imports nothing else of the bot; `bot/render/` (pure rendering)
imports only `bot/understand/`; neither does I/O (no network, files, database, clock or process);
the store persists what the pipeline understood and imports only the briefing model.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"

#: Modules whose use is I/O (or reaches a service); none may be imported by the pure core.
IO_MODULES = (
    "os",
    "io",
    "socket",
    "ssl",
    "select",
    "subprocess",
    "shutil",
    "tempfile",
    "sqlite3",
    "imaplib",
    "smtplib",
    "urllib.request",
    "http",
    "httpx",
    "requests",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "slack_bolt",
    "slack_sdk.web",
    "slack_sdk.socket_mode",
    "slack_sdk.webhook",
    "trafilatura",
    "apscheduler",
    "uvicorn",
    "typer",
    "rich",
    "logging",
    "time",
    "threading",
    "asyncio",
)
#: Calls that are I/O or read the clock.
IO_CALLS = {
    "open",
    "print",
    "input",
    "now",
    "utcnow",
    "today",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "getenv",
}


def modules(package: str) -> list[Path]:
    return sorted((BOT / package).rglob("*.py"))


def imports(path: Path) -> set[str]:
    """Every module a file imports, top level or inside functions, relative imports resolved."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = path.relative_to(BOT.parent).with_suffix("").parts[: -node.level]
                names.add(".".join(base + ((node.module,) if node.module else ())))
            elif node.module:
                names.add(node.module)
    return names


def calls(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            found.add(func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else "")
    return found


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def rel(path: Path) -> str:
    return str(path.relative_to(BOT.parent))


@pytest.mark.parametrize("path", modules("understand"), ids=rel)
def test_understand_imports_nothing_else_of_the_bot(path: Path) -> None:
    outside = {m for m in imports(path) if within(m, "bot") and not within(m, "bot.understand")}
    assert not outside, f"{rel(path)} reaches outside bot/understand/: {sorted(outside)}"
    assert not {m for m in imports(path) if within(m, "slack_sdk")}, "Slack belongs to bot/render/ and bot/slack/"


@pytest.mark.parametrize("path", modules("render"), ids=rel)
def test_render_imports_only_understand(path: Path) -> None:
    outside = {m for m in imports(path) if within(m, "bot") and not within(m, "bot.understand", "bot.render")}
    assert not outside, f"{rel(path)} imports {sorted(outside)}; bot/render/ may import only bot/understand/"


@pytest.mark.parametrize("path", modules("understand") + modules("render"), ids=rel)
def test_the_core_does_no_io(path: Path) -> None:
    io = {m for m in imports(path) if within(m, *IO_MODULES)}
    assert not io, f"{rel(path)} imports {sorted(io)}"
    io_calls = calls(path) & IO_CALLS
    assert not io_calls, f"{rel(path)} calls {sorted(io_calls)}"


@pytest.mark.parametrize("path", modules("store"), ids=rel)
def test_the_store_never_analyses(path: Path) -> None:
    # the data model, and the rules that tell when two names are one person (keys for stored speakers)
    allowed = {"bot.understand.model", "bot.understand.speakers"}
    analysis = {m for m in imports(path) if within(m, "bot.understand") and m not in allowed}
    assert not analysis, f"{rel(path)} imports {sorted(analysis)}; the pipeline reads, the store only persists"


def test_the_checks_see_the_code() -> None:
    """A guard for the guards: the walk finds the packages and their imports."""
    assert len(modules("understand")) > 10 and len(modules("render")) >= 3
    assert "bot.understand.model" in imports(BOT / "store" / "briefings.py")
    assert "read_bytes" in calls(BOT / "cli" / "analyze.py")

"""The command line: ingest, whosaid, preview, post, sources, db upgrade (run in-process with typer's runner)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.support.slack_standin import STANDIN_TOKEN

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DIGEST_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed.txt", "d0_chip_controls.txt", "d1_vaccine_pact.html"):
        shutil.copy(CORPUS / name, folder)
    (folder / "broken.txt").write_bytes(b"")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_ingest_is_idempotent_and_reports_rejections(env):
    db = f"sqlite:///{env / 'a.db'}"
    first = run("ingest", str(env / "in"), "--db", db)
    assert first.exit_code == 4, first.output  # done in part: one file refused
    assert first.output.splitlines()[0] == "3 new, 0 updated, 0 unchanged, 1 rejected"
    assert "broken.txt: empty" in first.output
    again = run("ingest", str(env / "in"), "--db", db)
    assert again.output.splitlines()[0] == "0 new, 0 updated, 3 unchanged, 1 rejected"


def test_whosaid_json_contract(env):
    db = f"sqlite:///{env / 'a.db'}"
    run("ingest", str(env / "in"), "--db", db)
    result = run("whosaid", "root", "causes", "--db", db, "--json")
    rows = json.loads(result.output)
    assert rows[0]["speaker"].endswith("Putin") and "root causes" in rows[0]["quote"]
    assert set(rows[0]) == {"speaker", "quote", "title", "date", "section", "score"}
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    bad = run("whosaid", "\x00", "--db", db)
    assert bad.exit_code == 1 and "Traceback" not in bad.output


def test_preview_prints_block_kit(env):
    result = run("preview", str(env / "in" / "seed.txt"), "--no-link")
    part = json.loads(result.output)
    assert part["blocks"][0]["type"] == "header" and part["metadata"]["event_type"] == "digestbot_digest_v1"


def test_post_sends_once(env, monkeypatch, slack_standin):
    monkeypatch.setenv("SLACK_BOT_TOKEN", STANDIN_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret-value")
    monkeypatch.setenv("SLACK_API_URL", slack_standin.url)
    db = f"sqlite:///{env / 'p.db'}"
    for _ in range(2):
        result = run("post", str(env / "in" / "seed.txt"), "--channel", "C0POST", "--db", db)
        assert result.exit_code == 0, result.output
    assert len(slack_standin.posted("C0POST")) == 1


def test_post_without_a_token_says_so(env):
    result = run("post", str(env / "in" / "seed.txt"), "--channel", "C1")
    assert result.exit_code == 2 and "SLACK_BOT_TOKEN" in result.output


def test_db_upgrade_and_sources(env):
    db = f"sqlite:///{env / 's.db'}"
    assert run("db", "upgrade", "--db", db).output.strip() == "database is up to date"
    listing = run("sources", "--db", db)
    assert listing.exit_code == 0 and "inbox" in listing.output and "never" in listing.output


def test_ingest_exits_1_when_every_path_was_rejected(env):
    (env / "bad").mkdir()
    (env / "bad" / "empty.txt").write_bytes(b"")
    result = run("ingest", str(env / "bad" / "empty.txt"), "--db", f"sqlite:///{env / 'r.db'}")
    assert result.exit_code == 1 and "0 new, 0 updated, 0 unchanged, 1 rejected" in result.output
    nothing = run("ingest", str(env / "nowhere"), "--db", f"sqlite:///{env / 'r.db'}")
    assert nothing.exit_code == 1


def test_ingest_exits_0_when_everything_was_stored(env):
    assert run("ingest", str(env / "in" / "seed.txt"), "--db", f"sqlite:///{env / 'o.db'}").exit_code == 0


def test_read_only_commands_never_create_a_database(env):
    missing = env / "typo" / "x.db"
    result = run("whosaid", "root", "--db", f"sqlite:///{missing}")
    assert result.exit_code == 3 and "no database at" in result.output
    assert not missing.exists() and not missing.parent.exists()
    listing = run("sources", "--db", f"sqlite:///{missing}")
    assert listing.exit_code == 3 and not missing.exists()


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_a_folder_with_nothing_to_read_exits_non_zero(env, command):
    empty = env / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("not a briefing")
    result = (
        run(command, str(empty), "--db", f"sqlite:///{env / 'e.db'}")
        if command == "ingest"
        else run(command, str(empty))
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()]  # one line
    assert result.output.startswith(f"digestbot: no briefing files in {empty}")
    assert not (env / "e.db").exists()


@pytest.mark.parametrize(
    "command",
    [[], ["analyze"], ["ingest"], ["whosaid"], ["run"], ["preview"], ["post"], ["sources"], ["db", "upgrade"]],
)
def test_help_is_clean(command):
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100", "TERMINAL_WIDTH": "100"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "[default: None]" not in result.output
    lines = [line.strip(" │") for line in result.output.splitlines()]
    # a paragraph of the description is wrapped by the terminal, not by the source's line breaks
    assert not any(line.startswith('"quotes"') for line in lines)

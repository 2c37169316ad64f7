"""Settings: defaults, the config file, and clear start-up errors that never show a secret."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load
from tests.support.bot_server import SEED, free_port
from tests.support.slack_standin import STANDIN_TOKEN, SlackStandin

NAMES = [
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DIGEST_DATABASE_URL",
    "DIGEST_INBOX",
    "DIGEST_CHANNEL",
    "DIGEST_SCHEDULE",
    "DIGEST_TIMEZONE",
    "DIGEST_POLL_SECONDS",
    "PORT",
    "DIGEST_HOME",
    "DIGEST_LOG_LEVEL",
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env, no config file unless a test writes one


def test_defaults_run_without_slack(tmp_path):
    s = load()
    assert s.mode == "console" and s.home == tmp_path.resolve()
    assert (
        s.database_url == f"sqlite:///{tmp_path.resolve()}/data/digestbot.db"
        and s.inbox == tmp_path.resolve() / "briefings"
    )
    assert s.schedule == "asap" and s.poll_seconds == 60 and s.port == 3000
    assert s.slack_api_url == "https://slack.com/api/"
    assert s.all_sources() == [{"name": "inbox", "kind": "inbox", "path": str(s.inbox), "settle_seconds": 2}]


def test_modes(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret-value")
    assert load().mode == "http"
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    assert load().mode == "socket"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"SLACK_BOT_TOKEN": "xoxb-canary-1234"}, "neither SLACK_APP_TOKEN"),
        ({"SLACK_SIGNING_SECRET": "canary-secret"}, "SLACK_BOT_TOKEN is missing"),
        ({"SLACK_BOT_TOKEN": "xoxb-canary-1234", "SLACK_APP_TOKEN": "xoxb-wrong-kind"}, "xapp-"),
        ({"DIGEST_TIMEZONE": "Mars/Olympus"}, "unknown timezone"),
        ({"DIGEST_SCHEDULE": "0 9 * * 9"}, "out of range"),
        ({"DIGEST_SCHEDULE": "every morning"}, "five fields"),
        ({"DIGEST_POLL_SECONDS": "-5"}, "DIGEST_POLL_SECONDS"),
        ({"PORT": "http"}, "PORT"),
        ({"DIGEST_LOG_LEVEL": "LOUD"}, "DIGEST_LOG_LEVEL: unknown log level; use one of DEBUG"),
        ({"DIGEST_SCHEDULE": "0 0 31 2 *"}, "never fires"),
        ({"DIGEST_CHANNEL": "#general"}, "DIGEST_CHANNEL: not a channel ID"),
        ({"DIGEST_DATABASE_URL": "mysql://u:canary@h/db"}, "DIGEST_DATABASE_URL: unsupported database 'mysql'"),
        ({"DIGEST_DATABASE_URL": "not a url"}, "DIGEST_DATABASE_URL: not a database URL"),
        ({"DIGEST_HOME": "/nonexistent/home"}, "DIGEST_HOME: /nonexistent/home is not a folder"),
        ({"SLACK_CLIENT_ID": "my-app", "SLACK_CLIENT_SECRET": "x"}, "SLACK_CLIENT_ID: not a client ID"),
        ({"SLACK_SCOPES": "commands, chat write"}, "SLACK_SCOPES: 'chat write' is not a scope"),
        (
            {"SLACK_REDIRECT_URI": "bot.example.org"},
            "SLACK_REDIRECT_URI: use the bot's full address ending in /slack/oauth_redirect",
        ),
        ({"DIGEST_LEADER_LEASE_SECONDS": "1"}, "DIGEST_LEADER_LEASE_SECONDS"),
    ],
)
def test_clear_errors_without_secrets(monkeypatch, env, message):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SettingsError) as info:
        load()
    text = str(info.value)
    assert message in text
    assert "canary" not in text and "xoxb-wrong-kind" not in text


def test_config_file(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text(
        """
poll_seconds = 30
[[sources]]
name = "think-tank"
kind = "feed"
url = "https://example.org/feed.xml"
[[channels]]
id = "C1"
schedule = "0 8 * * 1-5"
timezone = "Europe/Berlin"
[roster.Ian]
full_name = "Ian Bremmer"
"""
    )
    s = load()
    assert s.poll_seconds == 30
    assert [x["name"] for x in s.all_sources()] == ["inbox", "think-tank"]
    assert s.all_channels()[0].schedule == "0 8 * * 1-5" and s.roster["Ian"].full_name == "Ian Bremmer"


@pytest.mark.parametrize(
    "table, message",
    [
        ('team = "Acme"', "team 'Acme' is not a workspace ID: use the ID such as T0123456789"),
        ('enterprise = "T0GRID"', "enterprise 'T0GRID' is not an Enterprise Grid org ID"),
    ],
)
def test_a_configured_channels_workspace_must_be_an_id(tmp_path, table, message):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text(f'[[channels]]\nid = "C1"\n{table}\n')
    with pytest.raises(SettingsError, match=message):
        load()


@pytest.mark.parametrize(
    "table, message",
    [
        (
            'name = "tank"\nkind = "feed"\nurll = "https://example.org/rss"',
            "[[sources]] 1 (feed): urll: not a key of a feed source (it takes url, fetch_teasers, allow_private, timeout)",
        ),
        ('name = "tank"\nkind = "feed"', "[[sources]] 1 (feed): url: Field required"),
        ('name = "pages"\nkind = "web"\nurls = []', "[[sources]] 1 (web): urls: List should have at least 1 item"),
        (
            'name = "mail"\nkind = "imap"\nhost = "imap.example.org"\nuser = "u"',
            "[[sources]] 1 (imap): needs password_env",
        ),
        ('name = "x"\nkind = "ftp"', "[[sources]] 1: Input tag 'ftp' found using 'kind' does not match"),
    ],
)
def test_a_bad_source_table_is_one_line_naming_it(tmp_path, table, message):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text(f"[[sources]]\n{table}\n")
    with pytest.raises(SettingsError) as info:
        load()
    assert message in str(info.value)


def test_environment_beats_dotenv_beats_config(tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text('channel = "CFILE"\ntimezone = "Asia/Tokyo"\nport = 4000\n')
    (tmp_path / ".env").write_text("DIGEST_CHANNEL=CDOTENV\nDIGEST_TIMEZONE=Europe/Paris\n")
    monkeypatch.setenv("DIGEST_CHANNEL", "CENV")
    s = load()
    assert (s.channel, s.timezone, s.port) == ("CENV", "Europe/Paris", 4000)


def test_secrets_never_show_in_reprs(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-canary-1234")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "canary-signing")
    s = load()
    assert "canary" not in repr(s) and "canary" not in str(s.model_dump())


def _run(tmp_path, env):
    base = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_refuses_half_configured_slack_with_one_line(tmp_path):
    result = _run(tmp_path, {"SLACK_BOT_TOKEN": "xoxb-canary-1234"})
    assert result.returncode == 2
    assert "SLACK_APP_TOKEN" in result.stderr and "Traceback" not in result.stderr
    assert "canary" not in result.stderr + result.stdout


def test_run_reports_a_token_slack_rejects(tmp_path):
    with SlackStandin() as standin:
        result = _run(
            tmp_path,
            {
                "SLACK_BOT_TOKEN": "xoxb-canary-rejected",
                "SLACK_SIGNING_SECRET": "canary-signing",
                "SLACK_API_URL": standin.url,
                "PORT": str(free_port()),
            },
        )
    assert result.returncode == 2
    assert "rejected by Slack (invalid_auth)" in result.stderr and "Traceback" not in result.stderr
    assert "canary" not in result.stderr + result.stdout


def test_run_names_a_broken_source_in_the_config(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text('[[sources]]\nname = "x"\nkind = "feed"\n')  # no url
    result = _run(tmp_path, {})
    assert (
        result.returncode == 2
        and "[[sources]] 1 (feed): url: Field required" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_a_channel_link_gives_its_id(monkeypatch):
    monkeypatch.setenv("DIGEST_CHANNEL", "https://acme.slack.com/archives/C0123456789")
    assert load().channel == "C0123456789"


def test_postgres_urls_get_the_shipped_driver(monkeypatch):
    monkeypatch.setenv("DIGEST_DATABASE_URL", "postgres://bot:pw@db.example:5432/digests")
    assert load().database_url == "postgresql+psycopg://bot:pw@db.example:5432/digests"


def test_paths_resolve_against_the_home_folder_from_anywhere_below_it(tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text('[[sources]]\nname = "drop"\nkind = "inbox"\npath = "drop"\n')
    (tmp_path / ".env").write_text("DIGEST_INBOX=in\n")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "deep" / "er")
    s = load()
    assert s.home == tmp_path.resolve() and s.inbox == tmp_path.resolve() / "in"
    assert s.database_url == f"sqlite:///{tmp_path.resolve()}/data/digestbot.db"
    assert s.all_sources()[0]["path"] == str(tmp_path.resolve() / "drop")


def test_digest_home_wins(tmp_path, monkeypatch):
    home = tmp_path / "bot-home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "digestbot.toml").write_text("poll_seconds = 7\n")
    monkeypatch.setenv("DIGEST_HOME", str(home))
    s = load()
    assert s.poll_seconds == 7 and s.inbox == home.resolve() / "briefings"


def _one_line(result) -> str:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digestbot: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "env, code, message",
    [
        (
            {"DIGEST_DATABASE_URL": "postgresql+psycopg://nobody:canary-pw@127.0.0.1:1/none"},
            3,
            "DIGEST_DATABASE_URL: cannot open",
        ),
        ({"DIGEST_LOG_LEVEL": "LOUD"}, 2, "DIGEST_LOG_LEVEL"),
        ({"DIGEST_SCHEDULE": "0 0 31 2 *"}, 2, "never fires"),
        ({"DIGEST_CHANNEL": "#general"}, 2, "DIGEST_CHANNEL"),
    ],
)
def test_run_names_each_bad_setting_in_one_line(tmp_path, env, code, message):
    result = _run(tmp_path, env)
    assert result.returncode == code and message in _one_line(result)
    assert "canary" not in result.stderr + result.stdout


def test_run_with_an_unwritable_data_folder_says_so(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    result = _run(tmp_path, {"DIGEST_DATABASE_URL": "sqlite:///data/sub/digestbot.db"})
    assert result.returncode == 3 and "cannot create the folder" in _one_line(result)


def test_run_with_a_toml_syntax_error_says_where(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text("poll_seconds = = 3\n")
    result = _run(tmp_path, {})
    assert result.returncode == 2 and "TOML syntax error" in _one_line(result) and "line 1" in result.stderr


def test_run_once_from_another_folder_uses_the_home_archive(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text("# defaults\n")
    (tmp_path / "briefings").mkdir()
    (tmp_path / "briefings" / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "elsewhere").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DIGEST_INBOX_SETTLE_SECONDS": "0"}
    once = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--once"],
        cwd=tmp_path / "elsewhere",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert once.returncode == 0, once.stderr[-2000:]
    assert (tmp_path / "data" / "digestbot.db").is_file() and not (tmp_path / "elsewhere" / "data").exists()


def test_an_imap_password_can_come_from_dotenv_or_the_environment(tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "digestbot.toml").write_text(
        '[[sources]]\nname = "mail"\nkind = "imap"\nhost = "imap.example.org"\nuser = "u"\npassword_env = "MAIL_PASSWORD"\n'
    )
    with pytest.raises(SettingsError, match="password_env names MAIL_PASSWORD"):
        load()
    (tmp_path / ".env").write_text("MAIL_PASSWORD=from-dotenv\n")
    assert load().source_configs()[1].options()["password"] == "from-dotenv"
    monkeypatch.setenv("MAIL_PASSWORD", "from-env")
    [_, imap] = load().source_configs()
    assert imap.options()["password"] == "from-env" and "password_env" not in imap.options()
    assert "from-env" not in repr(imap) and "password" not in load().all_sources()[1]  # never in listings


def test_the_sample_briefing_is_read_in_console_mode_only(tmp_path, monkeypatch):
    (tmp_path / "examples").mkdir()
    assert [s["name"] for s in load().all_sources()] == ["inbox", "sample"]
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret-value")
    assert [s["name"] for s in load().all_sources()] == ["inbox"]


def test_the_shipped_sample_never_reaches_a_slack_channel(tmp_path):
    """A real `digestbot run --once` on an empty database, laid out as the repository ships."""
    repo = Path(__file__).resolve().parents[1]
    for folder in ("config", "briefings", "examples"):
        shutil.copytree(repo / folder, tmp_path / folder)
    with SlackStandin() as standin:
        env = {
            "SLACK_BOT_TOKEN": STANDIN_TOKEN,
            "SLACK_SIGNING_SECRET": "s3cret-value",
            "SLACK_API_URL": standin.url,
            "DIGEST_CHANNEL": "C0SAMPLE",
            "DIGEST_INBOX_SETTLE_SECONDS": "0",
        }
        once = subprocess.run(
            [sys.executable, "-m", "bot", "run", "--once"],
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert once.returncode == 0, once.stderr[-2000:]
        assert standin.posted("C0SAMPLE") == [] and not standin.calls_to("chat.postMessage")
    console = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--once"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DIGEST_DATABASE_URL": "sqlite:///data/c.db"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert console.returncode == 0 and "THE GRID BRIEF" in console.stdout


def test_dockerignore_keeps_secrets_and_archives_out_of_the_build_context():
    ignored = (Path(__file__).resolve().parents[1] / ".dockerignore").read_text().split()
    for pattern in (".env", "deploy/.env", "data/", ".venv/", ".git/", "*.db"):
        assert pattern in ignored

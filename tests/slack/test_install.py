"""OAuth settings: Bolt's conventional variables, clear refusals, and the scopes the manifest declares."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.settings import SettingsError, load
from bot.slack.install import BOT_SCOPES, authorize_url, scopes

MANIFEST = Path(__file__).resolve().parents[2] / "deploy" / "manifest.yml"
NAMES = [
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_SCOPES",
    "SLACK_REDIRECT_URI",
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_client_id_and_secret_with_a_signing_secret_mean_http_mode_with_oauth(monkeypatch):
    monkeypatch.setenv("SLACK_CLIENT_ID", "1.2")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "s3cr3t-value")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "sig")
    settings = load()
    assert settings.oauth and settings.mode == "http"
    assert scopes(settings) == list(BOT_SCOPES)
    monkeypatch.setenv("SLACK_SCOPES", "chat:write, commands")
    assert scopes(load()) == ["chat:write", "commands"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_SIGNING_SECRET": "sig"}, "go together"),
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s3cr3t-value"}, "needs HTTP mode"),
        (
            {
                "SLACK_CLIENT_ID": "1.2",
                "SLACK_CLIENT_SECRET": "s3cr3t-value",
                "SLACK_SIGNING_SECRET": "sig",
                "SLACK_APP_TOKEN": "xapp-1",
            },
            "needs HTTP mode",
        ),
        (
            {
                "SLACK_CLIENT_ID": "1.2",
                "SLACK_CLIENT_SECRET": "s3cr3t-value",
                "SLACK_SIGNING_SECRET": "sig",
                "SLACK_BOT_TOKEN": "xoxb-1",
            },
            "not both",
        ),
    ],
)
def test_inconsistent_oauth_settings_are_refused_without_showing_secrets(monkeypatch, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as err:
        load()
    assert message in str(err.value) and "s3cr3t-value" not in str(err.value)


def test_default_scopes_are_the_manifests():
    manifest = yaml.safe_load(MANIFEST.read_text())
    assert tuple(manifest["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES


@pytest.mark.parametrize(
    ("api", "page"),
    [
        ("https://slack.com/api/", "https://slack.com/oauth/v2/authorize"),
        ("https://slack-gov.com/api/", "https://slack-gov.com/oauth/v2/authorize"),
        ("http://127.0.0.1:8080/api/", "http://127.0.0.1:8080/oauth/v2/authorize"),
    ],
)
def test_the_authorize_page_is_on_the_web_apis_host(api, page):
    assert authorize_url(api) == page

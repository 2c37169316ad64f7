"""Installation by OAuth against the Slack stand-in: the "Add to Slack" page, the authorize redirect,
oauth.v2.access, the stored installation, then signed requests from several workspaces, each served
with its own workspace's token; forged and replayed states, uninstalls and org-wide installs."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from bot.runtime import Runtime, build
from bot.slack.install import BOT_SCOPES, installation_store
from tests.support.bot_server import SEED, serve, settings_for
from tests.support.postgres import private_database
from tests.support.signing import sign, slash_body
from tests.support.slack_standin import CLIENT_ID, CLIENT_SECRET, SlackStandin, Workspace
from tests.support.waiting import wait_for

NOT_INSTALLED = "no longer available"  # Bolt's answer to a workspace without an installation


def open_install_page(browser: httpx.Client, url: str) -> httpx.Response:
    """GET /slack/install; keeps its state cookie as a browser does over HTTPS (it is `Secure`, we serve HTTP)."""
    page = browser.get(url + "/slack/install")
    name, _, value = page.headers["set-cookie"].split(";", 1)[0].partition("=")
    browser.cookies.set(name, value)
    return page


@dataclass
class OAuthBot:
    url: str
    runtime: Runtime
    standin: SlackStandin

    def install(self, workspace: Workspace) -> httpx.Response:
        """What an admin's browser does: the install page, Slack's authorize page, back to the redirect."""
        with httpx.Client(timeout=10) as browser:
            page = open_install_page(browser, self.url)
            assert page.status_code == 200 and "Add to Slack" in page.text
            authorize = html.unescape(re.search(r'href="([^"]+)"', page.text.split("<body", 1)[1]).group(1))
            self.standin.authorize_as(workspace)
            approved = browser.get(authorize)
            assert approved.status_code == 302
            return browser.get(approved.headers["location"])

    def post(self, body: bytes, content_type: str | None = None) -> httpx.Response:
        headers = sign(body) if content_type is None else {**sign(body), "Content-Type": content_type}
        return httpx.post(self.url + "/slack/events", content=body, headers=headers, timeout=10)

    def command(self, team_id: str, text: str = "root causes", **extra: str) -> httpx.Response:
        return self.post(
            slash_body("/whosaid", text, team_id=team_id, response_url=self.standin.hook_url + team_id, **extra)
        )

    def event(self, event: dict, team_id: str | None, **envelope: object) -> httpx.Response:
        body = {
            "type": "event_callback",
            "team_id": team_id,
            "api_app_id": "A0DIGEST",
            "event": event,
            "event_id": f"Ev{time.time_ns()}",
            "event_time": int(time.time()),
            **envelope,
        }
        return self.post(json.dumps(body).encode(), "application/json")

    def bot_token(self, team_id: str | None, enterprise_id: str | None = None, org: bool = False) -> str | None:
        store = installation_store(self.runtime.settings, self.runtime.store.engine)
        bot = store.find_bot(enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=org)
        return bot.bot_token if bot else None


@pytest.fixture
def oauth_bot(request: pytest.FixtureRequest, tmp_path: Path, slack_standin: SlackStandin) -> Iterator[OAuthBot]:
    """The bot in HTTP mode with OAuth installs, on SQLite (or PostgreSQL when the test asks for it
    with the parameter "postgresql"; a dict parameter is settings to override)."""
    with ExitStack() as stack:
        param = getattr(request, "param", "sqlite")
        overrides: dict[str, object] = dict(param) if isinstance(param, dict) else {}
        if param == "postgresql":
            overrides["database_url"] = stack.enter_context(private_database("oauth"))
        settings = settings_for(
            tmp_path,
            slack_standin,
            slack_bot_token=None,
            slack_client_id=CLIENT_ID,
            slack_client_secret=CLIENT_SECRET,
            **overrides,
        )
        (settings.inbox / "seed.txt").write_bytes(SEED.read_bytes())
        runtime = build(settings)
        stack.callback(runtime.store.close)
        url, server, thread = serve(runtime)
        slack_standin.oauth_redirect = url + "/slack/oauth_redirect"
        yield OAuthBot(url, runtime, slack_standin)
        server.should_exit = True
        thread.join(10)


def _answer(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    return json.dumps(response.json())


def test_install_page_asks_for_the_manifest_scopes(oauth_bot):
    page = httpx.get(oauth_bot.url + "/slack/install")
    link = html.unescape(re.search(r'href="(http[^"]+authorize[^"]+)"', page.text).group(1))
    assert link.startswith(oauth_bot.standin.url.removesuffix("api/") + "oauth/v2/authorize?")
    query = parse_qs(urlsplit(link).query)
    assert query["client_id"] == [CLIENT_ID] and query["scope"] == [",".join(BOT_SCOPES)] and query["state"]
    assert "slack-app-oauth-state=" in page.headers["set-cookie"]


@pytest.mark.parametrize("oauth_bot", ["sqlite", "postgresql"], indirect=True)
def test_two_workspaces_install_and_are_each_served_with_their_own_token(oauth_bot):
    standin = oauth_bot.standin
    alpha, beta = standin.add_workspace("T0ALPHA", "Alpha"), standin.add_workspace("T0BETA", "Beta")
    oauth_bot.runtime.runner.tick()  # the seed briefing is archived; its digest waits for an install
    assert not standin.calls_to("chat.postMessage")

    done = oauth_bot.install(alpha)
    assert done.status_code == 200 and "slack://app" in done.text  # Bolt's success page
    assert [c.params["code"] for c in standin.calls_to("oauth.v2.access")] and not standin.codes
    assert oauth_bot.bot_token("T0ALPHA") == alpha.bot_token
    oauth_bot.runtime.runner.deliver()  # one workspace installed: its digests go out with its token
    assert {c.token for c in standin.calls_to("chat.postMessage")} == {alpha.bot_token}

    assert oauth_bot.install(beta).status_code == 200
    assert oauth_bot.bot_token("T0BETA") == beta.bot_token
    standin.calls.clear()
    assert "Putin" in _answer(oauth_bot.command("T0ALPHA"))
    assert "Putin" in _answer(oauth_bot.command("T0BETA"))  # one archive, searched from either workspace
    assert [c.token for c in standin.calls_to("auth.test")] == [alpha.bot_token, beta.bot_token]

    for team in ("T0ALPHA", "T0BETA"):
        assert oauth_bot.event({"type": "app_home_opened", "user": f"U{team}", "tab": "home"}, team).status_code == 200
    assert wait_for(lambda: len(standin.calls_to("views.publish")) == 2)
    published = {c.params["user_id"]: c.token for c in standin.calls_to("views.publish")}
    assert published == {"UT0ALPHA": alpha.bot_token, "UT0BETA": beta.bot_token}

    assert oauth_bot.command("T0GAMMA").status_code == 200  # a workspace that never installed the app
    assert wait_for(lambda: any(NOT_INSTALLED in json.dumps(body) for _, body in standin.hooks))


def test_forged_and_replayed_states_are_refused(oauth_bot):
    standin = oauth_bot.standin
    alpha = standin.add_workspace("T0ALPHA")
    redirect = oauth_bot.url + "/slack/oauth_redirect"
    with httpx.Client(timeout=10) as browser:
        page = open_install_page(browser, oauth_bot.url)
        state = parse_qs(urlsplit(html.unescape(re.search(r'href="(http[^"]+)"', page.text).group(1))).query)["state"][
            0
        ]
        code = standin.issue_code(alpha)
        forged = browser.get(redirect, params={"code": code, "state": "forged-state"})  # cookie says otherwise
        assert forged.status_code == 400
        browser.cookies.set("slack-app-oauth-state", "forged-state")
        assert browser.get(redirect, params={"code": code, "state": "forged-state"}).status_code == 401
        assert not standin.calls_to("oauth.v2.access") and oauth_bot.bot_token("T0ALPHA") is None

        browser.cookies.set("slack-app-oauth-state", state)
        assert browser.get(redirect, params={"code": code, "state": state}).status_code == 200
        replay = browser.get(redirect, params={"code": standin.issue_code(alpha), "state": state})
        assert replay.status_code == 401  # a state is good for one install only
    assert len(standin.calls_to("oauth.v2.access")) == 1


def test_denied_install_and_slack_down_show_a_page_not_a_500(oauth_bot):
    standin = oauth_bot.standin
    with httpx.Client(timeout=10) as browser:
        page = open_install_page(browser, oauth_bot.url)
        authorize = html.unescape(re.search(r'href="(http[^"]+)"', page.text).group(1))
        denied = browser.get(browser.get(authorize).headers["location"])  # the admin clicked Cancel
        assert denied.status_code == 200 and "<html" in denied.text.lower()
    alpha = standin.add_workspace("T0ALPHA")
    with httpx.Client(timeout=10) as browser:
        page = open_install_page(browser, oauth_bot.url)
        state = parse_qs(urlsplit(html.unescape(re.search(r'href="(http[^"]+)"', page.text).group(1))).query)["state"][
            0
        ]
        standin.down("refuse")
        try:
            done = browser.get(
                oauth_bot.url + "/slack/oauth_redirect", params={"code": standin.issue_code(alpha), "state": state}
            )
        finally:
            standin.up()
    assert done.status_code == 503 and "<html" in done.text.lower()
    assert oauth_bot.bot_token("T0ALPHA") is None


def test_uninstall_removes_the_installation_and_reinstalling_restores_it(oauth_bot):
    standin = oauth_bot.standin
    alpha = standin.add_workspace("T0ALPHA")
    oauth_bot.runtime.runner.tick()
    oauth_bot.install(alpha)
    assert "Putin" in _answer(oauth_bot.command("T0ALPHA"))

    assert oauth_bot.event({"type": "app_uninstalled"}, "T0ALPHA").status_code == 200
    assert wait_for(lambda: oauth_bot.bot_token("T0ALPHA") is None)
    standin.revoke(alpha.bot_token)
    oauth_bot.command("T0ALPHA")
    assert wait_for(lambda: any(NOT_INSTALLED in json.dumps(body) for _, body in standin.hooks))
    (oauth_bot.runtime.settings.inbox / "second.txt").write_text(
        "date 2025-06-03 Second brief\n\nThe plan\n\nMira said \u201cthe grid needs patience\u201d.\n"
    )
    oauth_bot.runtime.runner.tick()  # the new digest waits: nobody to post it as
    posted = len(standin.calls_to("chat.postMessage"))
    assert oauth_bot.runtime.installs.status()["installations"] == 0

    standin.tokens.add(alpha.bot_token)
    oauth_bot.install(alpha)
    assert "Putin" in _answer(oauth_bot.command("T0ALPHA"))
    oauth_bot.runtime.runner.deliver()
    assert len(standin.calls_to("chat.postMessage")) > posted  # reinstalling resumed the deliveries


def test_tokens_revoked_removes_the_bot(oauth_bot):
    standin = oauth_bot.standin
    alpha = standin.add_workspace("T0ALPHA")
    oauth_bot.install(alpha)
    event = {"type": "tokens_revoked", "tokens": {"bot": ["U0STANDIN"]}}
    assert oauth_bot.event(event, "T0ALPHA").status_code == 200
    assert wait_for(lambda: oauth_bot.bot_token("T0ALPHA") is None)


def test_org_wide_install_is_stored_and_authorizes_every_workspace_of_the_org(oauth_bot):
    standin = oauth_bot.standin
    org = standin.add_workspace(None, enterprise_id="E0GRID", is_enterprise_install=True)
    assert oauth_bot.install(org).status_code == 200
    assert oauth_bot.bot_token(None, "E0GRID", org=True) == org.bot_token
    standin.calls.clear()
    for team in ("T0GRIDA", "T0GRIDB"):  # two workspaces of the org, one installation
        answer = oauth_bot.command(team, enterprise_id="E0GRID", is_enterprise_install="true")
        assert "Putin" in _answer(answer) or "No quotes" in _answer(answer)
    assert [c.token for c in standin.calls_to("auth.test")] == [org.bot_token, org.bot_token]

    authorizations = [{"enterprise_id": "E0GRID", "team_id": None, "is_enterprise_install": True}]
    uninstalled = oauth_bot.event(
        {"type": "app_uninstalled"},
        "T0GRIDA",
        enterprise_id="E0GRID",
        is_enterprise_install=True,
        authorizations=authorizations,
    )
    assert uninstalled.status_code == 200
    assert wait_for(lambda: oauth_bot.bot_token(None, "E0GRID", org=True) is None)


def test_a_rejected_installed_token_holds_deliveries_until_a_token_works(oauth_bot):
    """A revoked installation's token blocks every delivery; the bot stays live (a restart cannot fix
    it), /healthz says what to do, and the periodic re-check with the installed token resumes them."""
    standin = oauth_bot.standin
    alpha = standin.add_workspace("T0ALPHA")
    oauth_bot.install(alpha)
    standin.revoke(alpha.bot_token)  # no tokens_revoked event arrived: the installation is still stored
    oauth_bot.runtime.runner.tick()
    assert not standin.posted("C0DIGEST")
    health = httpx.get(oauth_bot.url + "/healthz", timeout=5)
    body = health.json()
    assert health.status_code == 200 and body["live"] and not body["ok"]
    assert [b["channel"] for b in body["blocked"]] == ["*"] and "/slack/install" in " ".join(body["reasons"])
    assert body["installations"] == 1 and body["leader"]["role"] == "leader"

    standin.tokens.add(alpha.bot_token)  # installed again (the stand-in keeps the workspace's token)
    oauth_bot.install(alpha)
    oauth_bot.runtime.runner.reconcile()  # the minute's re-check of a rejected token
    oauth_bot.runtime.runner.deliver()
    assert standin.posted("C0DIGEST") and oauth_bot.runtime.store.outbox.blocks() == []


def _subscribe(oauth_bot: OAuthBot, team: str, channel: str, **extra: str) -> None:
    oauth_bot.standin.members[channel] = {"U0ASKER"}
    body = slash_body(
        "/digest",
        "subscribe",
        channel=channel,
        team_id=team,
        response_url=oauth_bot.standin.hook_url + channel,
        **extra,
    )
    assert "subscribed this channel" in _answer(oauth_bot.post(body))


def _posts(standin: SlackStandin, *channels: str) -> list[tuple[str, str]]:
    """(channel, token) of each digest posted to `channels` (its thread replies left out)."""
    return [
        (c.params["channel"], c.token or "")
        for c in standin.calls_to("chat.postMessage")
        if c.params.get("channel") in channels and not c.params.get("thread_ts")
    ]


def _brief(oauth_bot: OAuthBot, name: str, speaker: str, quote: str) -> None:
    (oauth_bot.runtime.settings.inbox / f"{name}.txt").write_text(
        f"date 2025-06-03 {name} brief\n\nThe plan\n\n{speaker} said \u201c{quote}\u201d.\n"
    )


def test_each_workspace_is_served_with_its_own_token_and_an_uninstall_pauses_only_its_deliveries(oauth_bot):
    standin, runtime = oauth_bot.standin, oauth_bot.runtime
    alpha, beta = standin.add_workspace("T0ALPHA", "Alpha"), standin.add_workspace("T0BETA", "Beta")
    runtime.runner.tick()  # the seed briefing is archived before anyone subscribes
    oauth_bot.install(alpha)
    oauth_bot.install(beta)
    _subscribe(oauth_bot, "T0ALPHA", "C0ALPHA")
    _subscribe(oauth_bot, "T0BETA", "C0BETA")
    assert {s.channel: s.team_id for s in runtime.store.subscriptions() if s.channel != "C0DIGEST"} == {
        "C0ALPHA": "T0ALPHA",
        "C0BETA": "T0BETA",
    }

    _brief(oauth_bot, "second", "Mira", "the grid needs patience")
    runtime.runner.tick()
    assert sorted(_posts(standin, "C0ALPHA", "C0BETA")) == [("C0ALPHA", alpha.bot_token), ("C0BETA", beta.bot_token)]
    standin.calls.clear()
    for team, workspace in (("T0ALPHA", alpha), ("T0BETA", beta)):  # each answered with its own token
        answer = _answer(
            oauth_bot.post(
                slash_body(
                    "/whosaid",
                    "grid needs patience",
                    channel=f"C0{team[2:]}",
                    team_id=team,
                    response_url=standin.hook_url + team,
                )
            )
        )
        assert "Mira" in answer and f"{workspace.url}archives/C0{team[2:]}/p" in answer  # its own workspace's link
    assert {c.token for c in standin.calls_to("auth.test")} == {alpha.bot_token, beta.bot_token}

    assert oauth_bot.event({"type": "app_uninstalled"}, "T0ALPHA").status_code == 200
    assert wait_for(lambda: oauth_bot.bot_token("T0ALPHA") is None)
    standin.revoke(alpha.bot_token)
    _brief(oauth_bot, "third", "Ola", "the ports reopen in May")
    runtime.runner.tick()
    assert _posts(standin, "C0ALPHA", "C0BETA") == [("C0BETA", beta.bot_token)]  # beta goes on, alpha waits
    assert runtime.store.outbox.channel_counts("C0ALPHA").get("pending") == 1
    body = httpx.get(oauth_bot.url + "/healthz", timeout=5).json()
    assert body["live"] and [(b["channel"], b["reason"]) for b in body["blocked"]] == [("*:T0ALPHA", "app_uninstalled")]
    assert "Ola" in _answer(
        oauth_bot.post(
            slash_body(
                "/whosaid", "ports reopen", channel="C0BETA", team_id="T0BETA", response_url=standin.hook_url + "b"
            )
        )
    )

    standin.tokens.add(alpha.bot_token)
    oauth_bot.install(alpha)  # installing again resumes its deliveries at once
    runtime.runner.deliver()
    assert _posts(standin, "C0ALPHA", "C0BETA") == [("C0BETA", beta.bot_token), ("C0ALPHA", alpha.bot_token)]
    assert runtime.store.outbox.blocks() == []


def test_an_org_wide_install_delivers_to_channels_in_every_workspace_of_the_org(oauth_bot):
    standin, runtime = oauth_bot.standin, oauth_bot.runtime
    org = standin.add_workspace(None, enterprise_id="E0GRID", is_enterprise_install=True)
    runtime.runner.tick()
    oauth_bot.install(org)
    for team in ("T0GRIDA", "T0GRIDB"):
        _subscribe(oauth_bot, team, f"C0{team}", enterprise_id="E0GRID", is_enterprise_install="true")
    _brief(oauth_bot, "second", "Mira", "the grid needs patience")
    runtime.runner.tick()
    assert sorted(_posts(standin, "C0T0GRIDA", "C0T0GRIDB")) == [
        ("C0T0GRIDA", org.bot_token),
        ("C0T0GRIDB", org.bot_token),
    ]
    assert {d.enterprise_id for d in runtime.store.outbox.deliveries("C0T0GRIDA")} == {"E0GRID"}


@pytest.mark.parametrize("oauth_bot", [{"channels": [{"id": "C0OPS", "team": "T0BETA"}]}], indirect=True)
def test_a_configured_channel_with_a_team_is_posted_with_that_workspaces_token(oauth_bot, caplog):
    standin, runtime = oauth_bot.standin, oauth_bot.runtime
    alpha, beta = standin.add_workspace("T0ALPHA", "Alpha"), standin.add_workspace("T0BETA", "Beta")
    assert {s.team_id for s in runtime.store.subscriptions() if s.channel == "C0OPS"} == {"T0BETA"}
    with caplog.at_level("INFO", logger="bot.slack.install"):
        oauth_bot.install(alpha)
        oauth_bot.install(beta)
    assert "installed in the workspace T0BETA (Beta)" in caplog.text  # where an operator finds the ID
    runtime.runner.tick()
    assert _posts(standin, "C0OPS", "C0DIGEST") == [("C0OPS", beta.bot_token)]  # C0DIGEST names no workspace: waits


def test_a_weekly_roll_up_links_each_digest_on_its_own_workspaces_url(oauth_bot):
    standin, runtime = oauth_bot.standin, oauth_bot.runtime
    alpha = standin.add_workspace("T0ALPHA", "Alpha")
    oauth_bot.install(alpha)
    oauth_bot.install(standin.add_workspace("T0BETA", "Beta"))
    _subscribe(oauth_bot, "T0ALPHA", "C0ALPHA")
    runtime.runner.tick()  # the seed briefing's digest is posted to C0ALPHA
    assert _posts(standin, "C0ALPHA") == [("C0ALPHA", alpha.bot_token)]
    body = slash_body(
        "/digest",
        "subscribe weekly mon 08:00",
        channel="C0ALPHA",
        team_id="T0ALPHA",
        response_url=standin.hook_url + "C0ALPHA",
    )
    assert "weekly roll-up" in _answer(oauth_bot.post(body))
    seed_day = runtime.store.latest(1)[0].briefing.date
    monday = seed_day - dt.timedelta(days=seed_day.weekday()) + dt.timedelta(days=7)
    assert runtime.runner.rollups.run("C0ALPHA", dt.datetime.combine(monday, dt.time(8), dt.UTC), "UTC") == 1
    runtime.runner.deliver()
    rollup = [c for c in standin.calls_to("chat.postMessage") if "The week in briefings" in c.params["text"]]
    assert rollup and rollup[-1].token == alpha.bot_token
    assert f"{alpha.url}archives/C0ALPHA/p" in json.dumps(rollup[-1].params)  # on its own workspace's URL

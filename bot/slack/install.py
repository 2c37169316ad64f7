"""Installation by OAuth: Bolt's "Add to Slack" flow with slack-sdk's SQLAlchemy stores, and the app's
lifecycle events.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, `GET /slack/install` shows the "Add to Slack" page and
`GET /slack/oauth_redirect` completes an install: Bolt checks the state (issued once, valid for ten
minutes, bound to the installer's browser by a cookie), exchanges the code with `oauth.v2.access`
and stores the installation. Installations and states live in the archive's own database (tables
of migration 0006), so any replica can finish a flow another one began. Every request is then
authorized with the bot token of the workspace, or the Enterprise Grid org, it comes from.

`app_uninstalled` and `tokens_revoked` remove the installation and pause that workspace's (or org's)
deliveries with a block scoped to it; installing again restores it and resumes them. Digests are
posted with the token of the workspace each row records (`InstalledClients`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from slack_bolt import App, BoltContext
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import FailureArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, select

from bot.settings import Settings
from bot.slack.client import make_client

log = logging.getLogger(__name__)

#: The bot scopes deploy/manifest.yml declares; SLACK_SCOPES overrides them.
BOT_SCOPES = (
    "chat:write",
    "chat:write.public",
    "commands",
    "channels:history",
    "groups:history",
    "channels:join",
    "channels:read",
    "groups:read",
    "app_mentions:read",
    "im:history",
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600


def scopes(settings: Settings) -> list[str]:
    if not settings.slack_scopes:
        return list(BOT_SCOPES)
    return [s.strip() for s in settings.slack_scopes.split(",") if s.strip()]


def authorize_url(api_url: str) -> str:
    """Slack's authorize page on the host of the Web API: slack.com, slack-gov.com, or a stand-in."""
    parts = urlsplit(api_url)
    path = parts.path.rstrip("/")
    path = path[: -len("/api")] if path.endswith("/api") else path
    return urlunsplit((parts.scheme, parts.netloc, f"{path}/oauth/v2/authorize", "", ""))


class WorkspaceInstallationStore(SQLAlchemyInstallationStore):
    """slack-sdk's SQLAlchemy store that also tells the outbox when a workspace (or org) installs the
    app, so its paused deliveries resume at once."""

    on_saved: Callable[[str | None, str | None, bool], Any] | None = None

    def save(self, installation: Installation) -> None:
        super().save(installation)
        where = (
            f"the Enterprise Grid org {installation.enterprise_id}"
            if installation.is_enterprise_install
            else f"the workspace {installation.team_id}"
            + (f" (org {installation.enterprise_id})" if installation.enterprise_id else "")
        )
        log.info("installed in %s (%s)", where, installation.team_name or installation.enterprise_name or "unnamed")
        if self.on_saved is not None:
            self.on_saved(installation.team_id, installation.enterprise_id, bool(installation.is_enterprise_install))


def installation_store(
    settings: Settings, engine: Engine, on_saved: Callable[[str | None, str | None, bool], Any] | None = None
) -> WorkspaceInstallationStore:
    store = WorkspaceInstallationStore(client_id=settings.slack_client_id or "", engine=engine, logger=log)
    store.on_saved = on_saved
    return store


def oauth_settings(
    settings: Settings, engine: Engine, on_saved: Callable[[str | None, str | None, bool], Any] | None = None
) -> OAuthSettings:
    """Bolt's OAuth settings on the archive's database; the tables come from `digestbot db upgrade`."""
    secret = settings.slack_client_secret
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=secret.get_secret_value() if secret else None,
        scopes=scopes(settings),
        user_scopes=[],
        redirect_uri=settings.slack_redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        authorization_url=authorize_url(settings.slack_api_url),
        installation_store=installation_store(settings, engine, on_saved),
        installation_store_bot_only=True,  # the bot asks for no user scopes
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=log),
        state_expiration_seconds=STATE_SECONDS,
        logger=log,
    )


def oauth_paths(flow: OAuthFlow) -> tuple[str, str]:
    return flow.install_path, flow.redirect_uri_path


def handle_oauth(flow: OAuthFlow, path: str, request: BoltRequest) -> BoltResponse:
    """The install page or the redirect; a failure (Slack unreachable, the database down) is a page, never a 500."""
    try:
        if path == flow.install_path:
            return flow.handle_installation(request)
        return flow.handle_callback(request)
    except Exception as exc:  # noqa: BLE001 - the installer sees a page that says to try again
        log.error("installation failed: %s", type(exc).__name__)
        args = FailureArgs(
            request=request,
            reason="server_error",
            error=exc,
            suggested_status_code=503,
            settings=flow.settings,
            default=flow.default_callback_options,
        )
        return flow.default_callback_options.failure(args)


# -- lifecycle ----------------------------------------------------------------------------------


def register_lifecycle(app: App, pause: Callable[[str | None, str | None, str], Any] | None = None) -> None:
    """`app_uninstalled` and `tokens_revoked`: forget the workspace's (or org's) installation and
    `pause(team_id, enterprise_id, reason)` its deliveries (team_id None: the whole org's); nothing
    else is affected, and installing again resumes them."""
    store = app.installation_store

    def hold(context: BoltContext, reason: str) -> None:
        if pause is not None:
            pause(_team(context), context.enterprise_id, reason)

    def uninstalled(context: BoltContext) -> None:
        where = _where(context)
        if store is None:
            log.error(
                "digestbot was uninstalled from %s: SLACK_BOT_TOKEN no longer works; "
                "install the app again and set its new token",
                where,
            )
            return
        store.delete_all(enterprise_id=context.enterprise_id, team_id=_team(context))
        hold(context, "app_uninstalled")
        log.warning(
            "digestbot was uninstalled from %s: its installation is removed and its digests wait; "
            "installing again restores both",
            where,
        )

    def revoked(event: dict[str, Any], context: BoltContext) -> None:
        tokens = event.get("tokens") or {}
        where = _where(context)
        if store is None:
            if tokens.get("bot"):
                log.error("the bot token of %s was revoked: install the app again and set its new token", where)
            return
        for user in tokens.get("oauth") or []:
            store.delete_installation(enterprise_id=context.enterprise_id, team_id=_team(context), user_id=user)
        if tokens.get("bot"):
            store.delete_all(enterprise_id=context.enterprise_id, team_id=_team(context))
            hold(context, "tokens_revoked")
            log.warning(
                "the bot token of %s was revoked: its installation is removed; installing again restores it", where
            )

    app.event("app_uninstalled")(uninstalled)
    app.event("tokens_revoked")(revoked)


def _team(context: BoltContext) -> str | None:
    """An org-wide install is stored without a team (slack-sdk's convention)."""
    return None if context.is_enterprise_install else context.team_id


def _where(context: BoltContext) -> str:
    if context.is_enterprise_install:
        return f"the org {context.enterprise_id}"
    return f"the workspace {context.team_id}"


# -- deliveries ---------------------------------------------------------------------------------


def installed_bots(store: SQLAlchemyInstallationStore) -> list[Bot]:
    """The newest bot of every installed workspace and org."""
    c = store.bots.c
    query = (
        select(c.enterprise_id, c.team_id, c.is_enterprise_install)
        .distinct()
        .where(c.client_id == store.client_id, c.bot_token.is_not(None))
    )
    with store.engine.connect() as conn:
        owners = conn.execute(query).all()
    bots = [
        store.find_bot(enterprise_id=r.enterprise_id, team_id=r.team_id, is_enterprise_install=r.is_enterprise_install)
        for r in owners
    ]
    return [b for b in bots if b is not None]


class InstalledClients:
    """The Web API client of each installed workspace, for the sender: `(team_id, enterprise_id)` of a
    row -> a client with the bot token of that workspace's installation, or of its org's org-wide
    install; None when neither is installed (its deliveries wait). Rows from before workspaces were
    recorded (both None) use the one installed workspace, and wait while there are none or several.
    Clients are cached per token; a new install brings a new token, hence a new client."""

    def __init__(self, store: SQLAlchemyInstallationStore, api_url: str) -> None:
        self.store = store
        self.api_url = api_url
        self._clients: dict[str, WebClient] = {}
        self._urls: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def __call__(self, team_id: str | None, enterprise_id: str | None) -> WebClient | None:
        bot = self.find(team_id, enterprise_id)
        if bot is None or not bot.bot_token:
            return None
        with self._lock:
            client = self._clients.get(bot.bot_token)
            if client is None:
                client = self._clients[bot.bot_token] = make_client(bot.bot_token, self.api_url, rate_limit_retries=0)
        return client

    def find(self, team_id: str | None, enterprise_id: str | None) -> Bot | None:
        if not team_id and not enterprise_id:
            bots = installed_bots(self.store)
            return bots[0] if len(bots) == 1 else None
        bot = None
        if team_id:
            bot = self.store.find_bot(enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=False)
        if bot is None and enterprise_id:  # an org-wide install serves every workspace of the org
            bot = self.store.find_bot(enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True)
        return bot

    def team_url(self, team_id: str | None, enterprise_id: str | None) -> str | None:
        """The workspace's URL for links to posted digests (auth.test once per token)."""
        client = self(team_id, enterprise_id)
        if client is None or client.token is None:
            return None
        if client.token not in self._urls:
            try:
                self._urls[client.token] = client.auth_test().get("url")
            except Exception as exc:  # noqa: BLE001 - no link rather than no answer
                log.info("no workspace URL for links: %s", type(exc).__name__)
                return None
        return self._urls[client.token]

    def status(self) -> dict[str, Any]:
        return {"installations": len(installed_bots(self.store))}

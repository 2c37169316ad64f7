"""Installation by OAuth: Bolt's "Add to Slack" flow with slack-sdk's SQLAlchemy stores, and the app's
lifecycle events.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, `GET /slack/install` shows the "Add to Slack" page and
`GET /slack/oauth_redirect` completes an install: Bolt checks the state (issued once, valid for ten
minutes, bound to the installer's browser by a cookie), exchanges the code with `oauth.v2.access`
and stores the installation. Installations and states live in the archive's own database (tables
of migration 0006), so any replica can finish a flow another one began. Every request is then
authorized with the bot token of the workspace, or the Enterprise Grid org, it comes from.

`app_uninstalled` and `tokens_revoked` remove the installation; installing again restores it.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from slack_bolt import App, BoltContext
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import FailureArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, select

from bot.settings import Settings

log = logging.getLogger(__name__)

#: The bot scopes deploy/manifest.yml declares; SLACK_SCOPES overrides them.
BOT_SCOPES = (
    "chat:write", "chat:write.public", "commands", "channels:history", "groups:history", "channels:join", "channels:read",
    "groups:read", "app_mentions:read", "im:history",
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


def installation_store(settings: Settings, engine: Engine) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(client_id=settings.slack_client_id or "", engine=engine, logger=log)


def oauth_settings(settings: Settings, engine: Engine) -> OAuthSettings:
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
        installation_store=installation_store(settings, engine),
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
        args = FailureArgs(request=request, reason="server_error", error=exc, suggested_status_code=503,
                           settings=flow.settings, default=flow.default_callback_options)
        return flow.default_callback_options.failure(args)


# -- lifecycle ----------------------------------------------------------------------------------


def register_lifecycle(app: App) -> None:
    """`app_uninstalled` and `tokens_revoked`: forget the workspace's (or org's) installation."""
    store = app.installation_store

    def uninstalled(context: BoltContext) -> None:
        where = _where(context)
        if store is None:
            log.error("digestbot was uninstalled from %s: SLACK_BOT_TOKEN no longer works; "
                      "install the app again and set its new token", where)
            return
        store.delete_all(enterprise_id=context.enterprise_id, team_id=_team(context))
        log.warning("digestbot was uninstalled from %s: its installation is removed; installing again restores it", where)

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
            log.warning("the bot token of %s was revoked: its installation is removed; installing again restores it", where)

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
    query = (select(c.enterprise_id, c.team_id, c.is_enterprise_install).distinct()
             .where(c.client_id == store.client_id, c.bot_token.is_not(None)))
    with store.engine.connect() as conn:
        owners = conn.execute(query).all()
    bots = [store.find_bot(enterprise_id=r.enterprise_id, team_id=r.team_id, is_enterprise_install=r.is_enterprise_install)
            for r in owners]
    return [b for b in bots if b is not None]


class InstalledWorkspaceSender:
    """Delivers digests with the bot token of the one installed workspace (or org).

    Deliveries do not yet record their workspace, so with nothing installed (before the first
    install, after an uninstall) or with several workspaces installed they wait in the outbox,
    and `status()` says why; installing (again) resumes them. A token Slack rejected blocks every
    delivery (bot/slack/sender.py); the sender's reconcile re-checks the installed token (a new install
    gives a new one) every minute and lifts that block once it works.
    """

    def __init__(self, sender: Any, client: WebClient, store: SQLAlchemyInstallationStore) -> None:
        self.sender = sender
        self.client = client
        self.store = store
        self._reason: str | None = None

    def deliver_due(self, max_items: int = 100) -> int:
        return self.sender.deliver_due(max_items) if self._use_installed_token() else 0

    def reconcile(self) -> int:
        return self.sender.reconcile() if self._use_installed_token() else 0

    def join(self, channel: str) -> bool:
        return bool(self._use_installed_token() and self.sender.join(channel))

    def observe(self, response: Any) -> None:
        self.sender.observe(response)

    def stop(self) -> None:
        self.sender.stop()

    def status(self) -> dict[str, Any]:
        return {"installations": len(installed_bots(self.store)), "deliveries_waiting_because": self._reason}

    def _use_installed_token(self) -> bool:
        bots = installed_bots(self.store)
        reason = None
        if not bots:
            reason = "no workspace has installed the app yet (open /slack/install)"
        elif len(bots) > 1:
            reason = f"{len(bots)} workspaces are installed; digests are delivered when only one is"
        if reason != self._reason and reason:
            log.warning("deliveries wait: %s", reason)
        self._reason = reason
        if reason:
            return False
        self.client.token = bots[0].bot_token
        return True


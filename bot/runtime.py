"""Assemble the running bot from its settings: store, sources, pipeline, sender, scheduler, Slack app."""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
from typing import Any

from bot.console import CHANNEL as CONSOLE_CHANNEL
from bot.console import ConsoleSender, console_parts
from bot.pipeline import Clock, Pipeline, ensure_subscriptions, utcnow
from bot.schedule.rollup import RollupJobs
from bot.schedule.leader import for_database
from bot.schedule.runner import Runner
from bot.settings import ChannelConfig, Settings, SettingsError
from bot.sources import build_source
from bot.store import Store

log = logging.getLogger(__name__)
REJECTED_TOKEN = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}


@dataclass
class Runtime:
    settings: Settings
    store: Store
    pipeline: Pipeline
    runner: Runner
    source_specs: list[dict[str, Any]]
    client: Any = None  # the Slack WebClient for the Bolt app (None in console mode)

    def health(self) -> dict[str, Any]:
        status = {"ok": True, "mode": self.settings.mode, "deliveries": self.store.outbox.counts()}
        status["leader"] = self.runner.leader.status()
        if hasattr(self.runner.sender, "status"):  # installs by OAuth: installations, why deliveries wait
            status.update(self.runner.sender.status())
        return status


def build(settings: Settings, clock: Clock = utcnow) -> Runtime:
    """Everything but the Slack connection; console mode is complete after this.

    `clock` (aware UTC) drives every decision about time; tests pass one they can move.
    """
    specs = settings.all_sources()
    try:
        sources = [build_source(spec) for spec in specs]
    except ValueError as exc:
        raise SettingsError(f"invalid settings:\n  sources: {exc}") from None
    store = Store.open(settings.database_url, clock=clock)
    roster = {name: person.model_dump(exclude_none=True) for name, person in settings.roster.items()}
    pipeline = Pipeline(store, sources, roster, clock)
    channels = settings.all_channels()
    client = None
    if settings.mode == "console":
        channels = channels or [ChannelConfig(id=CONSOLE_CHANNEL)]
        pipeline.render = console_parts
        sender: Any = ConsoleSender(store.outbox, clock=clock)
    else:
        from bot.slack.client import make_client
        from bot.slack.sender import Sender

        token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None  # None: OAuth
        client = make_client(token, settings.slack_api_url)
        sending = make_client(token, settings.slack_api_url, rate_limit_retries=0)
        sender = Sender(store.outbox, sending, clock)
        if settings.oauth:
            from bot.slack.install import InstalledWorkspaceSender, installation_store

            sender = InstalledWorkspaceSender(sender, sending, installation_store(settings, store.engine))
    ensure_subscriptions(pipeline, channels)
    leader = for_database(store.engine, settings.leader_lease_seconds, utcnow)  # refuses a shared SQLite file
    runner = Runner(pipeline, sender, settings.poll_seconds, leader=leader)
    store.roster = roster
    runner.rollups = RollupJobs(store, clock, after=runner.deliver)
    return Runtime(settings, store, pipeline, runner, specs, client)


def serve(runtime: Runtime, stop: threading.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or `stop`): the scheduler always, plus Slack in socket or HTTP mode."""
    stop = stop or threading.Event()
    settings = runtime.settings
    if settings.mode == "console":
        log.info("no Slack credentials: printing digests here; watching %s/ (Ctrl-C stops)", settings.inbox)
    runtime.runner.start()
    try:
        if settings.mode == "console":
            _wait(stop)
        elif settings.mode == "socket":
            _serve_socket(runtime, stop)
        else:
            _serve_http(runtime)
    finally:
        runtime.runner.shutdown()


def bolt_app(runtime: Runtime) -> Any:
    from bot.slack.app import BotContext, build_app

    settings = runtime.settings
    client = runtime.client
    # with OAuth, links to posted digests wait until deliveries know their workspace
    ctx = BotContext(runtime.store, runtime.pipeline, runtime.source_specs,
                     team_url=None if settings.oauth else _team_url(client),
                     configured_channels=frozenset(c.id for c in settings.all_channels()))
    ctx.rollups = runtime.runner.rollups
    if ctx.rollups is not None:
        ctx.rollups.team_url = ctx.team_url
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    oauth = None
    if settings.oauth:
        from bot.slack.install import oauth_settings

        oauth = oauth_settings(settings, runtime.store.engine)
    return build_app(ctx, signing_secret=secret, client=client, oauth_settings=oauth)


def http_app(runtime: Runtime) -> Any:
    from bot.slack.http import SlackHttpApp

    secret = runtime.settings.slack_signing_secret
    assert secret is not None
    return SlackHttpApp(bolt_app(runtime), secret.get_secret_value(), runtime.health)


def _serve_http(runtime: Runtime) -> None:
    import uvicorn

    port = runtime.settings.port
    log.info("HTTP mode: Slack requests on :%d/slack/events, health on /healthz", port)
    # keep-alive longer than the idle timeout of Slack's and proxies' connection pools, so a request
    # never races the server closing its connection
    uvicorn.run(http_app(runtime), host="0.0.0.0", port=port, log_level="warning", access_log=False,  # noqa: S104
                timeout_keep_alive=75)


def _serve_socket(runtime: Runtime, stop: threading.Event) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    token = runtime.settings.slack_app_token.get_secret_value()  # type: ignore[union-attr]
    handler = SocketModeHandler(bolt_app(runtime), token)
    handler.connect()
    log.info("Socket Mode: connected")
    try:
        _wait(stop)
    finally:
        handler.close()


def _team_url(client: Any) -> str | None:
    """The workspace URL for links to posted digests; the bot runs on without it."""
    from slack_sdk.errors import SlackApiError

    try:
        return client.auth_test().get("url")
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        if error in REJECTED_TOKEN:
            raise SettingsError(f"SLACK_BOT_TOKEN was rejected by Slack ({error}): copy the Bot User OAuth Token again") from None
        log.warning("auth.test failed (%s); answers will not link to posted digests", error)
        return None
    except Exception as exc:  # noqa: BLE001 - Slack being unreachable must not stop the start
        log.warning("auth.test failed (%s); answers will not link to posted digests", type(exc).__name__)
        return None


def _wait(stop: threading.Event) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        if threading.current_thread() is threading.main_thread():
            signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(1):
        pass

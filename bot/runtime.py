"""Assemble the running bot from its settings: store, sources, pipeline, sender, scheduler, Slack app.

Serving comes first: the port is bound (or the Socket Mode connection opened) before anything else,
so /healthz and slash commands answer within a second or two of the start whatever the backlog.
A background thread then checks the token with auth.test, and only after that starts the scheduler,
whose first round delivers the backlog. Nothing is posted before the token is known to work.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.console import CHANNEL as CONSOLE_CHANNEL
from bot.console import ConsoleSender, console_parts
from bot.health import Lifecycle, report
from bot.outbox import WORKSPACE, Permalinks
from bot.pipeline import Clock, Pipeline, ensure_subscriptions, utcnow
from bot.schedule.leader import for_database
from bot.schedule.rollup import RollupJobs
from bot.schedule.runner import Runner
from bot.settings import ChannelConfig, Settings, SettingsError
from bot.sources import build_source
from bot.store import Store

log = logging.getLogger(__name__)
REJECTED_TOKEN = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
AUTH_TIMEOUT = 30.0  # seconds for the start's auth.test (a slow Slack is waited for, not failed)
STOP_TIMEOUT = 30.0  # seconds a clean stop waits for a post in flight


@dataclass
class Runtime:
    settings: Settings
    store: Store
    pipeline: Pipeline
    runner: Runner
    source_specs: list[dict[str, Any]]
    client: Any = None  # the Slack WebClient for the Bolt app (None in console mode)
    clock: Clock = utcnow
    lifecycle: Lifecycle = field(default_factory=lambda: Lifecycle(utcnow()))
    links: Permalinks = field(default_factory=Permalinks)  # to posted digests: replies and roll-ups share it
    bot_context: Any = None  # the Bolt app's BotContext, once built
    bolt: Any = None  # the Bolt app, once built
    auth: Any = None  # Slack's auth.test answer, once it came
    installs: Any = None  # bot.slack.install.InstalledClients, with installs by OAuth

    def health(self) -> dict[str, Any]:
        status = report(
            self.store,
            self.lifecycle,
            self.settings.mode,
            self.clock(),
            self.settings.delivery_alert_seconds,
            installed=self.settings.oauth,
        )
        try:
            status["leader"] = self.runner.leader.status()
            if self.installs is not None:  # installs by OAuth: how many
                status.update(self.installs.status())
        except Exception as exc:  # noqa: BLE001 - a health check reports, it never raises
            status.update(ok=False, live=False)
            status["reasons"].append(f"the database does not answer ({type(exc).__name__})")
        return status


def build(settings: Settings, clock: Clock = utcnow) -> Runtime:
    """Everything but the Slack connection; console mode is complete after this.

    `clock` (aware UTC) drives every decision about time; tests pass one they can move.
    """
    configs = settings.source_configs()
    specs = settings.all_sources()
    try:
        sources = [build_source(c) for c in configs]
    except ValueError as exc:
        raise SettingsError(f"invalid settings:\n  sources: {exc}") from None
    roster = {name: person.model_dump(exclude_none=True) for name, person in settings.roster.items()}
    store = Store.open(settings.database_url, clock=clock, roster=roster)
    pipeline = Pipeline(store, sources, roster, clock)
    channels = settings.all_channels()
    client = None
    installs = None
    if settings.mode == "console":
        channels = channels or [ChannelConfig(id=CONSOLE_CHANNEL)]
        pipeline.render = console_parts
        sender: Any = ConsoleSender(store.outbox, clock=clock)
    else:
        from bot.slack.client import make_client
        from bot.slack.notify import Notifier
        from bot.slack.sender import Sender

        token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None  # None: OAuth
        client = make_client(token, settings.slack_api_url)
        sending = make_client(token, settings.slack_api_url, rate_limit_retries=0)
        if settings.oauth:  # every row is posted, and its subscriber told, with its own workspace's token
            from bot.slack.install import InstalledClients, installation_store

            installs = InstalledClients(installation_store(settings, store.engine), settings.slack_api_url)
        sender = Sender(
            store.outbox,
            sending,
            clock,
            pacer=store,
            reads_per_minute=settings.history_reads_per_minute,
            min_interval=settings.post_interval_seconds,
            on_blocked=Notifier(store, client, installs),
            clients=installs,
        )
    ensure_subscriptions(pipeline, channels)
    leader = for_database(store.engine, settings.leader_lease_seconds, utcnow)  # refuses a shared SQLite file
    links = Permalinks(team_urls=installs.team_url if installs is not None else None)  # each workspace's own URL
    rollups = RollupJobs(store, clock, links=links)
    runner = Runner(pipeline, sender, settings.poll_seconds, leader=leader, rollups=rollups)
    return Runtime(
        settings, store, pipeline, runner, specs, client, clock, Lifecycle(clock()), links=links, installs=installs
    )


def serve(runtime: Runtime, stop: threading.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or `stop`), then stop cleanly: no new posts, the one in flight is
    recorded, the scheduler shut down. Raises SettingsError when the port is taken or Slack rejects
    the token; in both cases nothing was posted."""
    stop = stop or threading.Event()
    settings = runtime.settings
    if settings.mode == "console":
        log.info("no Slack credentials: printing digests here; watching %s/ (Ctrl-C stops)", settings.inbox)
        runtime.runner.start()
        runtime.lifecycle.phase, runtime.lifecycle.waiting_for = "running", None
        try:
            _wait(stop)
        finally:
            runtime.runner.shutdown()
        return
    listener = _bind(settings.port) if settings.mode == "http" or "port" in settings.model_fields_set else None
    starter = threading.Thread(target=_start_delivering, args=(runtime, stop), name="startup", daemon=True)
    try:
        if settings.mode == "socket":
            _serve_socket(runtime, stop, starter, listener)
        else:
            assert listener is not None
            _serve(
                http_app(runtime),
                listener,
                stop,
                starter,
                f"HTTP mode: Slack requests on :{settings.port}/slack/events",
            )
    finally:
        _stop(runtime, stop, starter)
    if runtime.lifecycle.fatal:
        raise SettingsError(runtime.lifecycle.fatal)


def check_slack(runtime: Runtime, stop: threading.Event | None = None) -> bool:
    """auth.test before anything is posted. A rejected token raises SettingsError; a Slack that does
    not answer is asked again (with `stop`, until it answers; without, once). True when it answered.

    On success: the workspace URL for links, Slack's clock for reconciliation, Bolt's authorization
    primed (so the first command does not wait for its own auth.test), and deliveries blocked by an
    earlier rejected token released.
    """
    from slack_sdk.errors import SlackApiError

    from bot.slack.client import make_client

    if runtime.settings.oauth:  # no token of our own: each installation's is checked where it is used
        runtime.lifecycle.waiting_for = None
        return True
    token = runtime.settings.slack_bot_token.get_secret_value()  # type: ignore[union-attr]
    client = make_client(token, runtime.settings.slack_api_url, timeout=AUTH_TIMEOUT, server_error_retries=0)
    delay = 2.0
    while True:
        try:
            response = client.auth_test()
            break
        except SlackApiError as exc:
            error = str(exc.response.get("error") if exc.response is not None else "error")
            if error in REJECTED_TOKEN:
                raise SettingsError(
                    f"SLACK_BOT_TOKEN was rejected by Slack ({error}): copy the Bot User OAuth Token again; "
                    "nothing was posted and the waiting digests are kept"
                ) from None
            problem = error
        except Exception as exc:  # noqa: BLE001 - Slack unreachable or slow: ask again
            problem = type(exc).__name__
        runtime.lifecycle.waiting_for = f"Slack to answer auth.test (last: {problem})"
        log.warning("auth.test did not succeed (%s); nothing is posted until it does", problem)
        if stop is None or stop.wait(delay):
            return False
        delay = min(delay * 2, 60.0)
    _slack_ok(runtime, response)
    return True


def _slack_ok(runtime: Runtime, response: Any) -> None:
    runtime.auth, runtime.links.team_url = response, response.get("url")
    observe = getattr(runtime.runner.sender, "observe", None)
    if observe is not None:
        observe(response)
    _prime_bolt(runtime.bolt, response)
    lifted = runtime.store.outbox.unblock(WORKSPACE)
    if lifted:
        log.info("the bot token works: %d deliveries held by a rejected token resume", lifted)
    log.info("Slack accepted the bot token (team %s)", response.get("team_id"))


def _prime_bolt(bolt: Any, response: Any) -> None:
    """Hand our auth.test answer to Bolt's single-workspace authorization, which would otherwise
    call auth.test itself inside the first request's three seconds (and wait out a slow Slack).
    Until our own call has answered, a provisional result with no ids stands in for it."""
    if bolt is None:
        return
    from slack_bolt.middleware.authorization import SingleTeamAuthorization

    for middleware in getattr(bolt, "_middleware_list", []):
        if isinstance(middleware, SingleTeamAuthorization):
            middleware.auth_test_result = response


def _start_delivering(runtime: Runtime, stop: threading.Event) -> None:
    """The background half of the start: check the token, then the scheduler with its first round."""
    try:
        if not check_slack(runtime, stop):
            return
    except SettingsError as exc:
        runtime.lifecycle.fatal = str(exc)
        log.error("%s", exc)
        stop.set()
        return
    runtime.lifecycle.waiting_for = "the first round of deliveries"
    runtime.runner.start()
    runtime.lifecycle.phase, runtime.lifecycle.waiting_for = "running", None
    log.info("delivering")


def _stop(runtime: Runtime, stop: threading.Event, starter: threading.Thread) -> None:
    runtime.lifecycle.phase = "stopping"
    stop.set()
    halt = getattr(runtime.runner.sender, "stop", None)
    if halt is not None:
        halt()
    runtime.runner.stop()
    if starter.is_alive():
        starter.join(STOP_TIMEOUT)
    runtime.runner.shutdown()
    log.info("stopped")


def bolt_app(runtime: Runtime) -> Any:
    from bot.slack.app import BotContext, build_app

    settings = runtime.settings
    client = runtime.client
    ctx = BotContext(
        runtime.store,
        runtime.pipeline,
        runtime.source_specs,
        links=runtime.links,
        configured_channels=frozenset(c.id for c in settings.all_channels()),
    )
    ctx.rollups = runtime.runner.rollups
    join = getattr(runtime.runner.sender, "join", None)
    if join is not None:  # a public channel joined on subscribe: its history can then be read
        ctx.on_subscribed = lambda channel: threading.Thread(
            target=_join, args=(runtime.store, join, channel), daemon=True
        ).start()
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    oauth = None
    if settings.oauth:
        from bot.slack.install import oauth_settings

        oauth = oauth_settings(settings, runtime.store.engine, on_saved=runtime.store.outbox.resume_workspace)
    runtime.bot_context = ctx
    runtime.bolt = build_app(ctx, signing_secret=secret, client=client, oauth_settings=oauth)
    if not settings.oauth:  # Bolt authorizes each request by its installation instead
        _prime_bolt(runtime.bolt, runtime.auth or _provisional_auth())
    return runtime.bolt


def _join(store: Store, join: Callable[..., bool], channel: str) -> None:
    """Join a channel just subscribed, as the workspace it was subscribed from."""
    sub = next((s for s in store.subscriptions() if s.channel == channel), None)
    join(channel, sub.team_id if sub else None, sub.enterprise_id if sub else None)


def _provisional_auth() -> Any:
    from slack_sdk.web import SlackResponse

    return SlackResponse(
        client=None, http_verb="POST", api_url="auth.test", req_args={}, data={"ok": True}, headers={}, status_code=200
    )


def http_app(runtime: Runtime) -> Any:
    from bot.slack.http import SlackHttpApp

    secret = runtime.settings.slack_signing_secret
    assert secret is not None
    return SlackHttpApp(bolt_app(runtime), secret.get_secret_value(), runtime.health, seen=runtime.store.first_seen)


def health_app(runtime: Runtime) -> Any:
    """Socket Mode's /healthz (there is no Slack endpoint to serve)."""
    from bot.slack.http import HealthApp

    return HealthApp(runtime.health)


def _bind(port: int) -> socket.socket:
    """The listening socket, taken before anything else happens, so a busy port stops the start."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("0.0.0.0", port))  # noqa: S104
    except OSError as exc:
        sock.close()
        raise SettingsError(
            f"PORT {port} is not free ({exc.strerror}): stop what listens there or set PORT; nothing was posted"
        ) from None
    sock.listen(2048)
    return sock


def _serve(app: Any, listener: socket.socket, stop: threading.Event, starter: threading.Thread, what: str) -> None:
    """uvicorn on `listener` in a thread (so SIGTERM reaches our handler, not uvicorn's), then the
    background start; returns when `stop` is set or the server ends."""
    import uvicorn

    # keep-alive longer than the idle timeout of Slack's and proxies' connection pools, so a request
    # never races the server closing its connection
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=75, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, name="http", daemon=True)
    thread.start()
    log.info("%s, health on /healthz", what)
    starter.start()
    try:
        _wait(stop, thread.is_alive)
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT)


def _serve_socket(
    runtime: Runtime, stop: threading.Event, starter: threading.Thread, listener: socket.socket | None
) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    token = runtime.settings.slack_app_token.get_secret_value()  # type: ignore[union-attr]
    handler = SocketModeHandler(bolt_app(runtime), token)
    handler.connect()
    runtime.lifecycle.connected = handler.client.is_connected
    log.info("Socket Mode: connected")
    try:
        if listener is not None:
            _serve(health_app(runtime), listener, stop, starter, f"Socket Mode: health on :{runtime.settings.port}")
        else:
            starter.start()
            _wait(stop)
    finally:
        handler.close()


def _wait(stop: threading.Event, alive: Callable[[], bool] = lambda: True) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        if threading.current_thread() is threading.main_thread():
            signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(0.2) and alive():
        pass

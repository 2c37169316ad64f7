"""A local WebSocket server speaking Slack's Socket Mode protocol, on 127.0.0.1.

Slack's side of Socket Mode: the app calls `apps.connections.open` (the Web API stand-in answers with
`url` here), opens a WebSocket, receives `{"type": "hello"}`, then gets envelopes
(`slash_commands`, `events_api`, `interactive`) and must ack each with `{"envelope_id": ...,
"payload": ...}`. Tests push envelopes with `push_*` and read the acks with `wait_for_ack`.
slack_sdk's built-in client uses plain TCP for any port but 443, so `ws://` on loopback works.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

APP_ID = "A0STANDIN"


class SocketModeServer:
    """Start with `start()` (or as a context manager); `url` is what `apps.connections.open` returns."""

    def __init__(self) -> None:
        self.acks: dict[str, dict[str, Any]] = {}  # envelope_id -> the app's ack message
        self.received: list[Any] = []  # every message from the app, acks included, in order
        self.connects = 0  # connections that got a hello
        self._live: list[ServerConnection] = []
        self._changed = threading.Condition()
        self._ids = itertools.count(1)
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket=standin-ticket&app_id={APP_ID}"

    def start(self) -> SocketModeServer:
        self._server = serve(self._session, "127.0.0.1", 0, ping_interval=None, compression=None)
        self.port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> SocketModeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the app's connection ------------------------------------------------------------------

    def _session(self, conn: ServerConnection) -> None:
        conn.send(json.dumps(_hello()))
        with self._changed:
            self._live.append(conn)
            self.connects += 1
            self._changed.notify_all()
        try:
            for raw in conn:
                self._record(raw)
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                self._live.remove(conn)
                self._changed.notify_all()

    def _record(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            message = raw
        with self._changed:
            self.received.append(message)
            if isinstance(message, dict) and message.get("envelope_id"):
                self.acks[message["envelope_id"]] = message
            self._changed.notify_all()

    # -- driving the app -----------------------------------------------------------------------

    def wait_connected(self, connects: int = 1, timeout: float = 10) -> None:
        """Until `connects` connections have been made and one is open."""
        self._wait(lambda: self.connects >= connects and bool(self._live), timeout, "the app did not connect")

    def wait_for_ack(self, envelope_id: str, timeout: float = 10) -> dict[str, Any]:
        self._wait(lambda: envelope_id in self.acks, timeout, f"no ack for {envelope_id}")
        return self.acks[envelope_id]

    def push(self, envelope: dict[str, Any]) -> str:
        """Send an envelope on the newest open connection; returns its envelope_id."""
        envelope = {"envelope_id": f"env-{next(self._ids):04d}", **envelope}
        with self._changed:
            if not self._live:
                raise RuntimeError("no open Socket Mode connection")
            conn = self._live[-1]
        conn.send(json.dumps(envelope))
        return envelope["envelope_id"]

    def push_slash_command(self, command: str, text: str, **fields: str) -> str:
        payload = {
            "token": "verification-token-unused",
            "team_id": "T0STANDIN",
            "team_domain": "standin",
            "channel_id": "C0DIGEST",
            "channel_name": "digest",
            "user_id": "U0ASKER",
            "user_name": "asker",
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": "http://127.0.0.1:9/hooks/unused",
            "trigger_id": "1.2.trigger",
            **fields,
        }
        return self.push({"type": "slash_commands", "accepts_response_payload": True, "payload": payload})

    def push_event(self, event: dict[str, Any], retry_attempt: int = 0) -> str:
        payload = {
            "token": "verification-token-unused",
            "team_id": "T0STANDIN",
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{next(self._ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0STANDIN", "user_id": "U0STANDIN", "is_bot": True}],
        }
        return self.push(
            {
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": retry_attempt,
                "retry_reason": "",
                "payload": payload,
            }
        )

    def push_disconnect(self, reason: str = "refresh_requested") -> None:
        """Slack's notice that this connection will close soon: the app should open a new one."""
        with self._changed:
            conn = self._live[-1]
        conn.send(json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "standin"}}))

    def _wait(self, done: Any, timeout: float, failure: str) -> None:
        with self._changed:
            if not self._changed.wait_for(done, timeout):
                raise AssertionError(failure)


def _hello() -> dict[str, Any]:
    return {
        "type": "hello",
        "num_connections": 1,
        "debug_info": {"host": "standin", "build_number": 1, "approximate_connection_time": 18060},
        "connection_info": {"app_id": APP_ID},
    }

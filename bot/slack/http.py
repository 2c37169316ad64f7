"""HTTP mode: an ASGI app serving `/slack/events` (through Bolt) and `/healthz`, run by uvicorn.

Bolt's own request checks answer 500 to malformed signature headers (a non-numeric or 5,000-digit
timestamp, a non-ASCII signature), raise on a non-UTF-8 body, and log the whole body of a badly
signed request at INFO, response_url included. So every request is checked here first and anything
that is not a well-formed, fresh, correctly signed request gets 401 before Bolt sees it. Bolt's
dispatch is synchronous; it runs on a thread pool so one slow request never holds up the others.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.signature import Clock, SignatureVerifier

from bot.slack.install import handle_oauth, oauth_paths

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # Slack's payloads are a few KB; a megabyte is generous
MAX_AGE = 300  # seconds; Slack's recommended replay window
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class _Clock(Clock):
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock

    def now(self) -> float:
        return self._clock()


class SignatureCheck:
    """Slack's `v0` signatures (checked by slack-sdk) after strict checks of the headers' form,
    with replay protection inside the five-minute window.

    `seen(key, ttl)` records a signature and says whether it is new; pass the store's so a captured
    request is refused after a restart and by every other bot on the database, not only by this process.
    """

    def __init__(
        self, secret: str, clock: Callable[[], float] = time.time, seen: Callable[[str, float], bool] | None = None
    ) -> None:
        self._clock = clock
        self._verifier = SignatureVerifier(secret, _Clock(clock))
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        self._first_seen = seen

    def problem(self, headers: dict[str, str], body: bytes) -> str | None:
        """Why the request is refused, or None when it is genuine."""
        timestamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not _TIMESTAMP.fullmatch(timestamp):
            return "missing or malformed timestamp"
        if abs(self._clock() - int(timestamp)) > MAX_AGE:
            return "stale timestamp"
        if not _SIGNATURE.fullmatch(signature):
            return "missing or malformed signature"
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return "body is not UTF-8"
        if not self._verifier.is_valid(text, timestamp, signature):
            return "bad signature"
        return "replayed request" if self._replayed(signature, int(timestamp) + MAX_AGE) else None

    def _replayed(self, signature: str, stale_after: float) -> bool:
        """Seen before? A signature is kept only until its timestamp is stale (then it is refused anyway)."""
        now = self._clock()
        if self._first_seen is not None:
            return not self._first_seen(f"signature:{signature}", max(1.0, stale_after - now))
        with self._lock:
            while self._seen and next(iter(self._seen.values())) < now:
                self._seen.popitem(last=False)
            if signature in self._seen:
                return True
            self._seen[signature] = stale_after
            return False


class SlackHttpApp:
    """The ASGI application."""

    def __init__(
        self,
        bolt: App,
        signing_secret: str,
        health: Callable[[], dict[str, Any]] | None = None,
        *,
        workers: int = 64,
        path: str = "/slack/events",
        clock: Callable[[], float] = time.time,
        seen: Callable[[str, float], bool] | None = None,
    ) -> None:
        self.bolt = bolt
        self.check = SignatureCheck(signing_secret, clock, seen)
        self.health = health or (lambda: {"ok": True})
        self.path = path
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="slack-http")

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send, self.pool)
            return
        if scope["type"] != "http":
            return
        method, path = scope["method"], scope["path"]
        if path == "/healthz" and method in ("GET", "HEAD"):
            await _send_health(send, self.pool, self.health)
        elif path == self.path and method == "POST":
            await self._events(scope, receive, send)
        elif self.bolt.oauth_flow is not None and method == "GET" and path in oauth_paths(self.bolt.oauth_flow):
            await self._oauth(scope, send)
        elif path == self.path:
            await _send(send, 405, "method not allowed")
        else:
            await _send(send, 404, "not found")

    async def _events(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        body = await _read_body(receive, MAX_BODY)
        if body is None:
            await _send(send, 413, "request body too large")
            return
        headers = _headers(scope)
        problem = self.check.problem(headers, body)
        if problem:
            log.warning("refused a request: %s", problem)  # never the body: it may hold a response_url
            await _send(send, 401, "invalid request")
            return
        bolt_headers: dict[str, str | Sequence[str]] = {**headers}
        request = BoltRequest(
            body=body.decode("utf-8"), query=scope.get("query_string", b"").decode("latin-1"), headers=bolt_headers
        )
        response = await asyncio.get_running_loop().run_in_executor(self.pool, self.bolt.dispatch, request)
        content_type = (response.headers.get("content-type") or ["text/plain;charset=utf-8"])[0]
        await _send(send, response.status, response.body, content_type)

    async def _oauth(self, scope: dict[str, Any], send: Callable) -> None:
        """The "Add to Slack" page and the OAuth redirect (bot/slack/install.py); browsers, not Slack, call these."""
        flow = self.bolt.oauth_flow
        if flow is None:
            await _send(send, 404, "not found")
            return
        bolt_headers: dict[str, str | Sequence[str]] = {**_headers(scope)}
        request = BoltRequest(body="", query=scope.get("query_string", b"").decode("latin-1"), headers=bolt_headers)
        loop = asyncio.get_running_loop()
        response = await loop.run_in_executor(self.pool, handle_oauth, flow, scope["path"], request)
        data = (response.body or "").encode("utf-8")
        headers = [(b"content-length", str(len(data)).encode())]
        for name, values in response.headers.items():
            if name.lower() != "content-length":
                headers += [(name.lower().encode("latin-1"), str(v).encode("latin-1")) for v in values]
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": data})


class HealthApp:
    """Only /healthz (Socket Mode has no Slack endpoint to serve)."""

    def __init__(self, health: Callable[[], dict[str, Any]]) -> None:
        self.health = health
        self.pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="health")

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send, self.pool)
        elif scope["type"] == "http" and scope["path"] == "/healthz" and scope["method"] in ("GET", "HEAD"):
            await _send_health(send, self.pool, self.health)
        elif scope["type"] == "http":
            await _send(send, 404, "not found")


async def _send_health(send: Callable, pool: ThreadPoolExecutor, health: Callable[[], dict[str, Any]]) -> None:
    """200 while the bot can work ("live"), 503 when it cannot; the body says what needs a person."""
    status = await asyncio.get_running_loop().run_in_executor(pool, _checked, health)
    live = status.get("live", status.get("ok"))
    await _send(send, 200 if live else 503, json.dumps(status, default=str), "application/json")


def _checked(health: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return health()
    except Exception as exc:  # noqa: BLE001 - a health check reports, it never raises
        return {"ok": False, "live": False, "reasons": [f"health check failed: {type(exc).__name__}"]}


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        try:
            headers[name.decode("latin-1").lower()] = value.decode("ascii")
        except UnicodeDecodeError:
            headers[name.decode("latin-1").lower()] = ""  # non-ASCII header values are malformed
    return headers


async def _read_body(receive: Callable, limit: int) -> bytes | None:
    chunks = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return bytes(chunks)
        chunks += message.get("body", b"")
        if len(chunks) > limit:
            return None
        if not message.get("more_body"):
            return bytes(chunks)


async def _send(send: Callable, status: int, body: str, content_type: str = "text/plain; charset=utf-8") -> None:
    data = body.encode("utf-8")
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


async def _lifespan(receive: Callable, send: Callable, pool: ThreadPoolExecutor) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            pool.shutdown(wait=False, cancel_futures=True)
            await send({"type": "lifespan.shutdown.complete"})
            return

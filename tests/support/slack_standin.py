"""A local HTTP server standing in for the Slack Web API, with scripted faults.

`slack_sdk.WebClient(token=STANDIN_TOKEN, base_url=standin.url)` talks to it over real sockets.
Faults are queued per method: `fail_next` (any HTTP status, or `ok:false` errors), `hang_next`
(a slow answer, for client timeouts), `drop_next` (the message is stored, then the connection is
closed without a response: "sent but unconfirmed"), and `down()`/`up()` for an outage.

Channel membership follows Slack's rules for a bot with `chat:write.public`: in `nonmember_channels`
(public, not joined) it may post but not read the history until `conversations.join`; in
`outside_channels` (private, not invited) it can do neither and cannot join; `archived_channels`
refuse posts with `is_archived`. `latency` slows every call; `history_lag` shows a stored message
in the history only that many seconds after its ts (a late commit); `clock` is Slack's clock (ts
and the Date header), so a bot clock that differs from it models skew.

Several workspaces: `add_workspace` gives a team its own bot token (auth.test answers with the
token's team), and `authorize_as` makes the stand-in's `/oauth/v2/authorize` page approve an
install for that team, redirecting to `oauth_redirect` with a one-time code that `oauth.v2.access`
exchanges for the team's tokens (with `client_id`/`client_secret` checked over HTTP Basic auth).
"""

from __future__ import annotations

import base64
import email.utils
import itertools
import json
import re
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

STANDIN_TOKEN = "xoxb-standin-token"
STANDIN_APP_TOKEN = "xapp-standin-token"
BOT_USER_ID = "U0STANDIN"
BOT_ID = "B0STANDIN"
TEAM_ID = "T0STANDIN"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "standin-client-secret"
_EVENT_TYPE = re.compile(r"^[A-Za-z0-9_-]+$")
HOOK_USES = 5  # a response_url works 5 times (within 30 minutes)
MESSAGE_TEXT_MAX = 13_200  # about where Slack answers msg_blocks_too_long
_JSON_FIELDS = ("blocks", "attachments", "metadata", "view")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass
class Workspace:
    """A team (or, with `is_enterprise_install`, a whole Enterprise Grid org) the app is installed in."""

    team_id: str | None
    team_name: str
    bot_token: str
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    is_enterprise_install: bool = False
    bot_user_id: str = BOT_USER_ID
    bot_id: str = BOT_ID

    @property
    def url(self) -> str:
        return f"https://{(self.team_id or self.enterprise_id or 'org').lower()}.slack.test/"


@dataclass
class Fault:
    kind: str  # "status" | "hang" | "drop"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0
    process: bool = False  # handle the request normally (store the message) before misbehaving


class SlackStandin:
    """Start with `start()` (or use as a context manager); `url` ends with `/api/`."""

    def __init__(
        self,
        *,
        tokens: set[str] | None = None,
        app_tokens: set[str] | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.tokens = set(tokens or {STANDIN_TOKEN})
        self.app_tokens = set(app_tokens or {STANDIN_APP_TOKEN})  # app-level tokens, for apps.connections.open
        self.socket_url: str | None = None  # what apps.connections.open hands out (a ws:// URL)
        self.clock = clock  # epoch seconds used for message ts
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)  # channel -> oldest first
        self.views: dict[str, dict[str, Any]] = {}
        self.ephemeral: list[dict[str, Any]] = []
        self.hooks: list[tuple[str, Any]] = []  # bodies posted to /hooks/... (response_url stand-ins)
        self.hook_posts: list[tuple[str, Any]] = []  # what a response_url actually showed (posted or replaced)
        self.hook_deleted: list[str] = []  # response_urls whose original message was deleted
        self.expired_hooks: set[str] = set()  # paths answering 404 expired_url
        self.hook_uses: dict[str, int] = defaultdict(int)
        self.members: dict[str, set[str]] = {}  # channel -> user ids, for conversations.members
        self.unknown_channels: set[str] = set()  # answer channel_not_found
        self.outside_channels: set[str] = set()  # answer not_in_channel
        self.nonmember_channels: set[str] = set()  # public, not joined: posts work, reads answer not_in_channel
        self.archived_channels: set[str] = set()  # answer is_archived to posts
        self.latency = 0.0  # seconds every API call takes (real time)
        self.history_lag = 0.0  # seconds (stand-in clock) before a stored message shows in the history
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._down: str | None = None
        self._lock = threading.RLock()
        self._last_ts = 0.0
        self._seq = itertools.count(1)
        self._release = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        # OAuth: workspaces by bot token, one-time codes, and where the authorize page sends the browser
        self.client_id, self.client_secret = CLIENT_ID, CLIENT_SECRET
        self.workspaces: dict[str, Workspace] = {}
        self.codes: dict[str, Workspace] = {}
        self.oauth_redirect: str | None = None  # used when the authorize URL carries no redirect_uri
        self._approve: Workspace | None = None
        self._token: str | None = None  # the token of the call being handled (under the lock)

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def hook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/"

    def start(self) -> SlackStandin:
        self._serve(self.port)
        return self

    def stop(self) -> None:
        self._release.set()
        self._close_server()

    def __enter__(self) -> SlackStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, port: int) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
        server.daemon_threads = True
        self._server, self.port = server, server.server_address[1]
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def _close_server(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- workspaces and OAuth -----------------------------------------------------------------

    def add_workspace(
        self,
        team_id: str | None,
        name: str = "",
        *,
        enterprise_id: str | None = None,
        is_enterprise_install: bool = False,
    ) -> Workspace:
        """A workspace (or an org, for an org-wide install) with its own valid bot token."""
        owner = team_id or enterprise_id or "org"
        workspace = Workspace(
            team_id,
            name or owner,
            f"xoxb-{owner}-{next(self._seq)}",
            enterprise_id,
            f"Org {enterprise_id}" if enterprise_id else None,
            is_enterprise_install,
        )
        with self._lock:
            self.workspaces[workspace.bot_token] = workspace
            self.tokens.add(workspace.bot_token)
        return workspace

    def revoke(self, token: str) -> None:
        """The token stops working (uninstall, revocation): Slack answers invalid_auth."""
        with self._lock:
            self.tokens.discard(token)

    def authorize_as(self, workspace: Workspace) -> None:
        """The next visit to the authorize page approves the install for `workspace`."""
        self._approve = workspace

    def issue_code(self, workspace: Workspace) -> str:
        code = f"code-{next(self._seq)}-{time.time_ns()}"
        with self._lock:
            self.codes[code] = workspace
        return code

    def authorize_page(self, params: dict[str, Any]) -> tuple[int, dict[str, str]]:
        """Slack's /oauth/v2/authorize after the user clicks Allow: a redirect with code and state."""
        workspace, self._approve = self._approve, None
        redirect = params.get("redirect_uri") or self.oauth_redirect
        if params.get("client_id") != self.client_id or not redirect:
            return 400, {}
        if workspace is None:
            query = {"error": "access_denied", "state": params.get("state", "")}
        else:
            query = {"code": self.issue_code(workspace), "state": params.get("state", "")}
        return 302, {"Location": f"{redirect}?{urlencode(query)}"}

    def _oauth_access(self, params: dict[str, Any], basic: tuple[str, str] | None) -> dict[str, Any]:
        client_id, secret = basic or (params.get("client_id"), params.get("client_secret"))
        if client_id != self.client_id:
            return {"ok": False, "error": "invalid_client_id"}
        if secret != self.client_secret:
            return {"ok": False, "error": "bad_client_secret"}
        with self._lock:
            workspace = self.codes.pop(str(params.get("code")), None)
        if workspace is None:
            return {"ok": False, "error": "invalid_code"}
        enterprise = (
            {"id": workspace.enterprise_id, "name": workspace.enterprise_name} if workspace.enterprise_id else None
        )
        team = None if workspace.is_enterprise_install else {"id": workspace.team_id, "name": workspace.team_name}
        return {
            "ok": True,
            "app_id": "A0DIGEST",
            "authed_user": {"id": "U0INSTALLER"},
            "scope": params.get("scope") or "chat:write,commands",
            "token_type": "bot",
            "access_token": workspace.bot_token,
            "bot_user_id": workspace.bot_user_id,
            "team": team,
            "enterprise": enterprise,
            "is_enterprise_install": workspace.is_enterprise_install,
        }

    # -- fault injection ----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int = 429,
        headers: dict[str, str] | None = None,
        times: int = 1,
        *,
        error: str | None = None,
        process: bool = False,
    ) -> None:
        """Answer the next `times` calls of `method` with `status` (`ok:false`, `error`).

        `status=200, error="internal_error"` gives Slack's ambiguous `ok:false` answers;
        `process=True` stores the message first (the call succeeded behind the error).
        """
        if headers is None and status == 429:
            headers = {"Retry-After": "1"}
        default_error = {429: "ratelimited"}.get(status, "internal_error" if status >= 500 else "invalid_request")
        fault = Fault("status", status, dict(headers or {}), error or default_error, process=process)
        self._queue(method, fault, times)

    def hang_next(self, method: str, seconds: float, times: int = 1, *, process: bool = True) -> None:
        """Answer the next calls of `method` only after `seconds` (released early by `stop()`)."""
        self._queue(method, Fault("hang", seconds=seconds, process=process), times)

    def drop_next(self, method: str, times: int = 1, *, process: bool = True) -> None:
        """Handle the next calls of `method`, then close the connection without answering."""
        self._queue(method, Fault("drop", process=process), times)

    def down(self, mode: str = "503") -> None:
        """Start an outage: "503" answers every call with 503, "close" drops every connection
        unanswered (nothing handled), "refuse" stops listening (connection refused)."""
        if mode not in ("503", "close", "refuse"):
            raise ValueError(mode)
        self._down = mode
        if mode == "refuse":
            self._close_server()

    def up(self) -> None:
        if self._down == "refuse":
            self._serve(self.port)
        self._down = None

    def _queue(self, method: str, fault: Fault, times: int) -> None:
        with self._lock:
            self._faults[method].extend(fault for _ in range(times))

    def _next_fault(self, method: str) -> Fault | None:
        with self._lock:
            queue = self._faults.get(method)
            return queue.popleft() if queue else None

    # -- inspection ---------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """Every message in `channel` (replies included), oldest first."""
        with self._lock:
            return [dict(m) for m in self.messages.get(channel, [])]

    def user_message(self, channel: str, text: str, user: str = "U0ASKER", thread_ts: str | None = None) -> str:
        """A message a person posted (what a mention or a shortcut refers to); returns its ts."""
        with self._lock:
            message: dict[str, Any] = {
                "type": "message",
                "user": user,
                "text": text,
                "ts": self._new_ts(),
                "channel": channel,
            }
            if thread_ts:
                message["thread_ts"] = thread_ts
            self.messages[channel].append(message)
            return message["ts"]

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.messages.clear()
            self.views.clear()
            self.ephemeral.clear()
            self.hooks.clear()
            self.hook_posts.clear()
            self.hook_deleted.clear()
            self.hook_uses.clear()
            self._faults.clear()
            self._down = None

    # -- request handling ---------------------------------------------------------------------

    def handle(
        self, method: str, params: dict[str, Any], token: str | None, basic: tuple[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Run one API method; returns (HTTP status, JSON body)."""
        if method == "oauth.v2.access":  # authenticated by the app's client id and secret, not a token
            return 200, self._oauth_access(params, basic)
        if token is None:
            return 200, {"ok": False, "error": "not_authed"}
        error = self._token_error(method, token)
        if error:
            return 200, {"ok": False, "error": error}
        handler = _METHODS.get(method)
        if handler is None:
            return 404, {"ok": False, "error": "unknown_method"}
        with self._lock:
            self._token = token
            return 200, handler(self, params)

    def _token_error(self, method: str, token: str) -> str | None:
        """Slack rejects a bot token on app-level methods, and an app-level token everywhere else."""
        app_level = method in _APP_LEVEL_METHODS
        if token in (self.app_tokens if app_level else self.tokens):
            return None
        if token in (self.tokens if app_level else self.app_tokens):
            return "not_allowed_token_type"
        return "invalid_auth"

    def _new_ts(self) -> str:
        now = max(float(self.clock()), self._last_ts + 0.000001)
        self._last_ts = now
        return f"{now:.6f}"

    def _channel_error(self, channel: Any, *, read: bool = False) -> str | None:
        if not channel:
            return "channel_not_found"
        if channel in self.unknown_channels:
            return "channel_not_found"
        if channel in self.outside_channels or (read and channel in self.nonmember_channels):
            return "not_in_channel"
        if not read and channel in self.archived_channels:
            return "is_archived"
        return None

    def expire_hook(self, path: str) -> None:
        """Make a response_url (`/hooks/<path>`) answer like one past its 30 minutes."""
        with self._lock:
            self.expired_hooks.add("/hooks/" + path.removeprefix("/hooks/"))

    def hook(self, path: str, params: dict[str, Any]) -> tuple[int, str]:
        """A response_url: at most 5 uses, `delete_original` honoured alone (Slack drops content sent with it)."""
        with self._lock:
            self.hooks.append((path, params))
            self.hook_uses[path] += 1
            if path in self.expired_hooks or self.hook_uses[path] > HOOK_USES:
                return 404, "expired_url"
            if _truthy(params.get("delete_original")):
                self.hook_deleted.append(path)
                return 200, "ok"
            error = _blocks_error(params)
            if error:
                return 400, error
            self.hook_posts.append((path, params))
            return 200, "ok"

    def _visible(self, message: dict[str, Any]) -> bool:
        return float(message["ts"]) + self.history_lag <= float(self.clock())

    def _find(self, channel: str, ts: str) -> dict[str, Any] | None:
        return next((m for m in self.messages.get(channel, []) if m["ts"] == ts), None)


# -- API methods ------------------------------------------------------------------------------


def _blocks_error(params: dict[str, Any]) -> str | None:
    blocks = params.get("blocks")
    if blocks is None:
        return None if params.get("text") else "no_text"
    if not isinstance(blocks, list) or not all(isinstance(b, dict) and b.get("type") for b in blocks):
        return "invalid_blocks_format"
    if len(blocks) > 50:
        return "invalid_blocks"
    total = 0
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            limit = 150 if block["type"] == "header" else 3000
            if len(text.get("text", "")) > limit or (block["type"] == "header" and text.get("type") != "plain_text"):
                return "invalid_blocks"
            total += len(text.get("text", ""))
        elements = block.get("elements") or []
        if block["type"] == "context" and len(elements) > 10 or block["type"] == "actions" and len(elements) > 25:
            return "invalid_blocks"
        for element in elements:
            label = element.get("text")
            label = label.get("text", "") if isinstance(label, dict) else label or ""
            if len(label) > (75 if element.get("type") == "button" else 3000) or len(element.get("value") or "") > 2000:
                return "invalid_blocks"
            total += len(label)
    return "msg_blocks_too_long" if total > MESSAGE_TEXT_MAX else None


def _metadata(params: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
    meta = params.get("metadata")
    if not meta:
        return None, []
    if not isinstance(meta, dict) or not _EVENT_TYPE.match(str(meta.get("event_type", ""))):
        return None, ["invalid_metadata_schema"]  # Slack posts anyway and drops the metadata
    return {"event_type": meta["event_type"], "event_payload": meta.get("event_payload") or {}}, []


def _public(message: dict[str, Any], with_metadata: bool) -> dict[str, Any]:
    out = {k: v for k, v in message.items() if k != "metadata" and k != "channel"}
    if with_metadata and message.get("metadata"):
        out["metadata"] = message["metadata"]
    return out


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _post_message(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    channel = p.get("channel")
    error = s._channel_error(channel) or _blocks_error(p)
    if error:
        return {"ok": False, "error": error}
    meta, warnings = _metadata(p)
    message: dict[str, Any] = {
        "type": "message",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "text": p.get("text") or "",
        "ts": s._new_ts(),
        "channel": channel,
    }
    if p.get("blocks") is not None:
        message["blocks"] = p["blocks"]
    if p.get("thread_ts"):
        parent = s._find(channel, str(p["thread_ts"]))
        if parent is None:
            return {"ok": False, "error": "thread_not_found"}
        message["thread_ts"] = parent["ts"]
        parent.setdefault("thread_ts", parent["ts"])
        parent["reply_count"] = parent.get("reply_count", 0) + 1
    if meta:
        message["metadata"] = meta
    s.messages[channel].append(message)
    body = {"ok": True, "channel": channel, "ts": message["ts"], "message": _public(message, True)}
    if warnings:
        body["warning"] = ",".join(warnings)
        body["response_metadata"] = {"warnings": warnings}
    return body


def _update(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    channel = p.get("channel")
    error = s._channel_error(channel) or _blocks_error(p)
    if error:
        return {"ok": False, "error": error}
    message = s._find(channel, str(p.get("ts")))
    if message is None:
        return {"ok": False, "error": "message_not_found"}
    message["text"] = p.get("text") or ""
    if p.get("blocks") is not None:
        message["blocks"] = p["blocks"]
    meta, warnings = _metadata(p)
    if meta:
        message["metadata"] = meta
    message["edited"] = {"user": BOT_USER_ID, "ts": s._new_ts()}
    body = {
        "ok": True,
        "channel": channel,
        "ts": message["ts"],
        "text": message["text"],
        "message": _public(message, True),
    }
    if warnings:
        body["response_metadata"] = {"warnings": warnings}
    return body


def _permalink(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    channel, ts = p.get("channel"), str(p.get("message_ts"))
    error = s._channel_error(channel)
    if error or s._find(channel, ts) is None:
        return {"ok": False, "error": error or "message_not_found"}
    return {
        "ok": True,
        "channel": channel,
        "permalink": f"https://standin.slack.test/archives/{channel}/p{ts.replace('.', '')}",
    }


def _page(items: list[dict[str, Any]], p: dict[str, Any], default_limit: int) -> dict[str, Any]:
    limit = int(p.get("limit") or default_limit)
    start = int(p.get("cursor") or 0)
    page = items[start : start + limit]
    more = start + limit < len(items)
    return {
        "messages": page,
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _in_window(ts: str, p: dict[str, Any]) -> bool:
    inclusive = _truthy(p.get("inclusive"))
    value = float(ts)
    if p.get("oldest") is not None:
        oldest = float(p["oldest"])
        if value < oldest or (value == oldest and not inclusive):
            return False
    if p.get("latest") is not None:
        latest = float(p["latest"])
        if value > latest or (value == latest and not inclusive):
            return False
    return True


def _history(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    channel = p.get("channel")
    error = s._channel_error(channel, read=True)
    if error:
        return {"ok": False, "error": error}
    meta = _truthy(p.get("include_all_metadata"))
    top = [m for m in s.messages.get(channel, []) if m.get("thread_ts") in (None, m["ts"]) and s._visible(m)]
    items = [_public(m, meta) for m in reversed(top) if _in_window(m["ts"], p)]
    return {"ok": True, **_page(items, p, 100)}


def _replies(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    channel, ts = p.get("channel"), str(p.get("ts"))
    error = s._channel_error(channel, read=True)
    if error:
        return {"ok": False, "error": error}
    if s._find(channel, ts) is None:
        return {"ok": False, "error": "thread_not_found"}
    meta = _truthy(p.get("include_all_metadata"))
    thread = [m for m in s.messages[channel] if (m["ts"] == ts or m.get("thread_ts") == ts) and s._visible(m)]
    items = [_public(m, meta) for m in thread if m["ts"] == ts or _in_window(m["ts"], p)]
    return {"ok": True, **_page(items, p, 1000)}


def _auth_test(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    workspace = s.workspaces.get(s._token or "")
    if workspace is not None:
        return {
            "ok": True,
            "url": workspace.url,
            "team": workspace.team_name,
            "user": "digestbot",
            "team_id": workspace.team_id,
            "user_id": workspace.bot_user_id,
            "bot_id": workspace.bot_id,
            "enterprise_id": workspace.enterprise_id,
            "is_enterprise_install": workspace.is_enterprise_install,
        }
    return {
        "ok": True,
        "url": "https://standin.slack.test/",
        "team": "Standin",
        "user": "digestbot",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
    }


def _join(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    channel = p.get("channel")
    if not channel or channel in s.unknown_channels:
        return {"ok": False, "error": "channel_not_found"}
    if channel in s.archived_channels:
        return {"ok": False, "error": "is_archived"}
    if channel in s.outside_channels:
        return {"ok": False, "error": "method_not_supported_for_channel_type"}
    s.nonmember_channels.discard(channel)
    return {"ok": True, "channel": {"id": channel, "is_member": True}}


def _views_publish(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    user, view = p.get("user_id"), p.get("view")
    if not user:
        return {"ok": False, "error": "invalid_arguments"}
    if not isinstance(view, dict) or view.get("type") != "home" or len(view.get("blocks", [])) > 100:
        return {"ok": False, "error": "invalid_arguments"}
    workspace = s.workspaces.get(s._token or "")
    stored = {**view, "id": f"V{next(s._seq):08d}", "team_id": workspace.team_id if workspace else TEAM_ID}
    s.views[user] = stored
    return {"ok": True, "view": stored}


def _post_ephemeral(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    error = s._channel_error(p.get("channel")) or _blocks_error(p) or (None if p.get("user") else "user_not_in_channel")
    if error:
        return {"ok": False, "error": error}
    s.ephemeral.append(dict(p))
    return {"ok": True, "message_ts": s._new_ts()}


def _members(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    """conversations.members: the channel's user ids, paged; channels without a member list are not found."""
    channel = p.get("channel")
    error = s._channel_error(channel)
    if error or channel not in s.members:
        return {"ok": False, "error": error or "channel_not_found"}
    members = sorted(s.members[channel])
    limit, start = int(p.get("limit") or 100), int(p.get("cursor") or 0)
    more = start + limit < len(members)
    return {
        "ok": True,
        "members": members[start : start + limit],
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _connections_open(s: SlackStandin, p: dict[str, Any]) -> dict[str, Any]:
    if not s.socket_url:
        return {"ok": False, "error": "internal_error"}
    return {"ok": True, "url": s.socket_url}


_APP_LEVEL_METHODS = {"apps.connections.open"}
_METHODS: dict[str, Callable[[SlackStandin, dict[str, Any]], dict[str, Any]]] = {
    "chat.postMessage": _post_message,
    "chat.update": _update,
    "chat.getPermalink": _permalink,
    "chat.postEphemeral": _post_ephemeral,
    "conversations.history": _history,
    "conversations.replies": _replies,
    "conversations.members": _members,
    "conversations.join": _join,
    "auth.test": _auth_test,
    "views.publish": _views_publish,
    "apps.connections.open": _connections_open,
}


# -- HTTP -------------------------------------------------------------------------------------


def _make_handler(standin: SlackStandin) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def date_time_string(self, timestamp: float | None = None) -> str:  # Slack's clock, not ours
            return email.utils.formatdate(standin.clock() if timestamp is None else timestamp, usegmt=True)

        def do_GET(self) -> None:
            self._dispatch()

        def do_POST(self) -> None:
            self._dispatch()

        def _dispatch(self) -> None:
            path, params, token = self._read()
            if path == "/oauth/v2/authorize":
                status, headers = standin.authorize_page(params)
                return self._send(status, {"ok": status == 302}, headers)
            if path.startswith("/hooks/"):
                return self._send_text(*standin.hook(path, params))
            method = path[len("/api/") :] if path.startswith("/api/") else path.strip("/")
            with standin._lock:
                standin.calls.append(Call(method, params, token))
            if standin.latency:
                standin._release.wait(standin.latency)
            if standin._down == "503":
                return self._send(503, {"ok": False, "error": "service_unavailable"})
            if standin._down is not None:
                return self._drop()
            self._answer(method, params, token, standin._next_fault(method))

        def _answer(self, method: str, params: dict[str, Any], token: str | None, fault: Fault | None) -> None:
            if fault is None or fault.process:
                status, body = standin.handle(method, params, token, self._basic())
            if fault is None:
                return self._send(status, body)
            if fault.kind == "drop":
                return self._drop()
            if fault.kind == "hang":
                standin._release.wait(fault.seconds)
                if fault.process:
                    return self._send(status, body)
                return self._send(*standin.handle(method, params, token))
            self._send(fault.status, {"ok": False, "error": fault.error}, fault.headers)

        def _read(self) -> tuple[str, dict[str, Any], str | None]:
            url = urlsplit(self.path)
            params: dict[str, Any] = dict(parse_qsl(url.query))
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            kind = self.headers.get("Content-Type", "")
            if raw and "json" in kind:
                params.update(json.loads(raw))
            elif raw:
                params.update(parse_qsl(raw.decode()))
            for name in _JSON_FIELDS:
                if isinstance(params.get(name), str):
                    try:
                        params[name] = json.loads(params[name])
                    except ValueError:
                        pass
            auth = self.headers.get("Authorization", "")
            token = auth[7:] if auth.startswith("Bearer ") else params.pop("token", None)
            if auth.startswith("Basic "):
                token = params.pop("token", None)
            params.pop("token", None)
            return url.path, params, token

        def _basic(self) -> tuple[str, str] | None:
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("Basic "):
                return None
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            return user, password

        def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                self.close_connection = True

        def _send_text(self, status: int, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _drop(self) -> None:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    return Handler

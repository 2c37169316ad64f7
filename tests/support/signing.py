"""Requests signed the way Slack signs them (HMAC-SHA256 over `v0:{timestamp}:{body}`)."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import time
from urllib.parse import urlencode

_TRIGGERS = itertools.count(1)
SIGNING_SECRET = "test-signing-secret-8f2c"


def sign(body: bytes, timestamp: int | str | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def slash_body(
    command: str,
    text: str,
    *,
    channel: str = "C0DIGEST",
    user: str = "U0ASKER",
    response_url: str = "",
    team_id: str = "T0STANDIN",
    **extra: str,
) -> bytes:
    return urlencode(
        {
            **extra,  # e.g. enterprise_id and is_enterprise_install for an org-wide install
            "token": "legacy-unused",
            "team_id": team_id,
            "channel_id": channel,
            "user_id": user,
            "command": command,
            "text": text,
            "response_url": response_url,
            "trigger_id": f"{next(_TRIGGERS)}.{time.time_ns()}",  # Slack's differ per request
            "api_app_id": "A0DIGEST",
        }
    ).encode()

"""Slack retries an event it thinks was not delivered (X-Slack-Retry-Num), even when our listener
ran; the retry must not run it again. Event ids are recorded in the store, so the rule holds across
restarts and for every bot on the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

EVENT_TTL = 3600.0  # Slack retries for about 6 minutes; reconnect redeliveries have come later


def once_per_event(first_seen: Callable[[str, float], bool]) -> Callable[..., Any]:
    """A Bolt middleware that acks an already handled event without running its listeners."""

    def middleware(body: dict[str, Any], next: Callable[[], Any]) -> Any:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not first_seen(f"event:{body.get('team_id')}:{event_id}", EVENT_TTL):
            return BoltResponse(status=200, body="")
        return next()

    return middleware

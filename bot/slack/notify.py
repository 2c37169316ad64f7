"""Telling people about a blocked channel: once per block, privately, the people who subscribed it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.outbox import is_workspace
from bot.render.blocked import advice, notice
from bot.store import Store

log = logging.getLogger(__name__)


class Notifier:
    """Called by the sender when a block starts (`on_blocked`); the store records that it told someone."""

    def __init__(
        self, store: Store, client: Any, clients: Callable[[str | None, str | None], Any] | None = None
    ) -> None:
        self.store = store
        self.client = client
        self.clients = clients  # with installs by OAuth: the client of the channel's workspace

    def __call__(self, channel: str, error: str) -> None:
        log.error(
            "posting to %s is blocked (%s): %s",
            "every channel" if is_workspace(channel) else channel,
            error,
            advice(channel, error).replace("`", ""),
        )
        if is_workspace(channel):
            return  # the token cannot post anything: the log and /healthz say it
        subs = [s for s in self.store.subscriptions() if s.channel == channel]
        people = sorted({s.created_by for s in subs if s.created_by})
        client = (
            self.client if self.clients is None or not subs else self.clients(subs[0].team_id, subs[0].enterprise_id)
        )
        if not people or client is None:
            return
        waiting = next((b.waiting for b in self.store.outbox.blocks() if b.channel == channel), 0)
        text = notice(channel, error, waiting)
        told = 0
        for user in people:
            try:  # a message to a user id lands in their conversation with the app, seen only by them
                client.chat_postMessage(channel=user, text=text, unfurl_links=False, unfurl_media=False)
                told += 1
            except Exception as exc:  # noqa: BLE001 - the block stays visible in /healthz and /digest status
                log.warning("could not tell %s about the block of %s: %s", user, channel, type(exc).__name__)
        if told:
            self.store.outbox.mark_notified(channel)

"""Telling people about a blocked channel: once per block, privately, the people who subscribed it."""

from __future__ import annotations

import logging
from typing import Any

from bot.outbox import WORKSPACE
from bot.render.blocked import advice, notice
from bot.store import Store

log = logging.getLogger(__name__)


class Notifier:
    """Called by the sender when a block starts (`on_blocked`); the store records that it told someone."""

    def __init__(self, store: Store, client: Any) -> None:
        self.store = store
        self.client = client

    def __call__(self, channel: str, error: str) -> None:
        log.error("posting to %s is blocked (%s): %s", "every channel" if channel == WORKSPACE else channel, error,
                  advice(channel, error).replace("`", ""))
        if channel == WORKSPACE:
            return  # the token cannot post anything: the log and /healthz say it
        people = sorted({s.created_by for s in self.store.subscriptions() if s.channel == channel and s.created_by})
        if not people:
            return
        waiting = next((b.waiting for b in self.store.outbox.blocks() if b.channel == channel), 0)
        text = notice(channel, error, waiting)
        told = 0
        for user in people:
            try:  # a message to a user id lands in their conversation with the app, seen only by them
                self.client.chat_postMessage(channel=user, text=text, unfurl_links=False, unfurl_media=False)
                told += 1
            except Exception as exc:  # noqa: BLE001 - the block stays visible in /healthz and /digest status
                log.warning("could not tell %s about the block of %s: %s", user, channel, type(exc).__name__)
        if told:
            self.store.outbox.mark_notified(channel)

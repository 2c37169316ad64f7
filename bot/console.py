"""Console mode: with no Slack credentials, digests go to standard output through the same outbox.

The outbox still records each digest as delivered, so a restart prints only what is new.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TextIO

from bot.render.text import digest_text
from bot.outbox import Outbox
from bot.store import Store

CHANNEL = "console"
RULE = "─" * 72


class ConsoleSender:
    def __init__(self, store: Store, out: TextIO | None = None, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.store = store
        self.outbox: Outbox = store.outbox
        self.out = out or sys.stdout
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def deliver_due(self, max_items: int = 100) -> int:
        printed = 0
        for _ in range(max_items):
            delivery = self.outbox.claim(self.clock())
            if delivery is None:
                break
            if delivery.part == 0:
                stored = self.store.briefing(delivery.briefing_id)
                if stored is not None:
                    label = "updated digest" if delivery.state == "update" else "digest"
                    self.out.write(f"{RULE}\n[{label} #{stored.id} for {delivery.channel}]\n{digest_text(stored.briefing)}\n")
                    self.out.flush()
                    printed += 1
            self.outbox.mark_sent(delivery.id, delivery.ts or f"console-{delivery.id}")
        return printed

    def reconcile(self) -> int:
        """Nothing to reconcile: printing cannot half-succeed the way an HTTP call can."""
        for delivery in self.outbox.unknown(self.clock()):
            self.outbox.mark_pending(delivery.id, self.clock())
        return 0

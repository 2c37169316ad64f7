"""Console mode: with no Slack credentials, digests go to standard output through the same outbox.

The pipeline plans console digests as plain text (`console_parts`); the console prints exactly
the planned payload, and the outbox records it as delivered, so a restart prints only what is new.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from bot.outbox import Outbox
from bot.render.text import digest_text
from bot.understand.model import Briefing

CHANNEL = "console"
RULE = "─" * 72


def console_parts(briefing: Briefing, roster: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A console digest is one plain-text part."""
    return [{"text": digest_text(briefing)}]


class ConsoleSender:
    def __init__(
        self, outbox: Outbox, out: TextIO | None = None, clock: Callable[[], dt.datetime] | None = None
    ) -> None:
        self.outbox = outbox
        self.out = out or sys.stdout
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def deliver_due(self, max_items: int = 100) -> int:
        printed = 0
        for _ in range(max_items):
            delivery = self.outbox.claim(self.clock())
            if delivery is None:
                break
            text = str(delivery.payload.get("text") or "")
            if delivery.part == 0:
                label = "weekly roll-up" if delivery.kind == "rollup" else f"digest #{delivery.briefing_id}"
                if delivery.state == "update":
                    label = f"updated {label}"
                self.out.write(f"{RULE}\n[{label} for {delivery.channel}]\n{text}\n")
                printed += 1
            elif text:
                self.out.write(f"{text}\n")
            self.out.flush()
            self.outbox.mark_sent(delivery.id, delivery.ts or f"console-{delivery.id}")
        return printed

    def reconcile(self) -> int:
        """Nothing to reconcile: printing cannot half-succeed the way an HTTP call can."""
        for delivery in self.outbox.unknown(self.clock()):
            self.outbox.mark_pending(delivery.id, self.clock())
        return 0

"""Reading the archive's tables directly, for assertions the bot itself never needs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select

from bot.store import Store
from bot.store.schema import rejected as rejected_table


def rejected(store: Store, limit: int = 1000) -> list[Row[Any]]:
    """The files kept as rejected, newest first (name, source, content_type, reason, raw, size...)."""
    with store.engine.connect() as conn:
        return list(conn.execute(select(rejected_table).order_by(rejected_table.c.id.desc()).limit(limit)))


def briefing_ids(store: Store, source: str | None = None) -> list[int]:
    """Ids of the stored briefings, oldest first."""
    return list(store.briefing_versions(source))

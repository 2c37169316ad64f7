"""Storage of digestbot: briefings, quote search, the outbox and scheduling state (SQLite or PostgreSQL)."""

from bot.store.briefings import IngestResult, StoredBriefing
from bot.store.db import StoreUnavailable
from bot.store.outbox import SqlOutbox
from bot.store.search import QueryError, WhosaidHit
from bot.store.state import SourceState, Subscription
from bot.store.store import Store

__all__ = [
    "IngestResult",
    "QueryError",
    "SqlOutbox",
    "Store",
    "StoreUnavailable",
    "SourceState",
    "StoredBriefing",
    "Subscription",
    "WhosaidHit",
]

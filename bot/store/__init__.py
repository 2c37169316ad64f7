"""Storage of digestbot: briefings, quote search, the outbox and scheduling state (SQLite or PostgreSQL)."""

from bot.store.briefings import IngestResult, StoredBriefing
from bot.store.outbox import SqlOutbox
from bot.store.search import WhosaidHit, QueryError
from bot.store.state import Subscription
from bot.store.store import Store

__all__ = ["WhosaidHit", "IngestResult", "QueryError", "SqlOutbox", "Store", "StoredBriefing", "Subscription"]

"""Storage of digestbot: briefings, quote search, the outbox and scheduling state (SQLite or PostgreSQL)."""

from bot.store.briefings import IngestResult, StoredBriefing
from bot.store.outbox import SqlOutbox
from bot.store.search import WhosaidHit, QueryError
from bot.store.state import SourceState, Subscription
from bot.store.store import Store
from bot.store.db import StoreUnavailable

__all__ = ["IngestResult", "QueryError", "SqlOutbox", "Store", "StoreUnavailable", "SourceState", "StoredBriefing", "Subscription", "WhosaidHit"]

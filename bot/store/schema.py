"""Tables of the store (SQLAlchemy Core). Migrations in `migrations/versions` create the same shapes.

Full-text indexes live outside this metadata because they differ per dialect: on SQLite an FTS5
table per searchable table (kept in step by triggers), on PostgreSQL a generated tsvector column
with a GIN index.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

UTC = dt.timezone.utc


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out; SQLite keeps them naive (in UTC) so they sort as text."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

briefings = Table(
    "briefings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(200), nullable=False),
    Column("item_key", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("date", Date, nullable=True),
    Column("sort_date", Date, nullable=False),
    Column("body", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("content_type", String(200), nullable=True),
    Column("ingested_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("source", "item_key", name="uq_briefings_source_item"),
    Index("ix_briefings_content_hash", "content_hash"),
    Index("ix_briefings_sort", "sort_date", "ingested_at"),
    Index("ix_briefings_date", "date"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("briefing_id", Integer, ForeignKey("briefings.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("speaker", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("section", Text, nullable=True),
    Column("speaker_id", Integer, nullable=True),  # speakers.id, set by bot.store.speakers
    Index("ix_quotes_briefing", "briefing_id"),
    Index("ix_quotes_speaker", "speaker_id"),
)

vocab = Table(
    "vocab",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("word", String(200), nullable=False, unique=True),
)

rejected = Table(
    "rejected",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(200), nullable=False),
    Column("name", Text, nullable=False),
    Column("content_type", String(200), nullable=True),
    Column("reason", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Column("rejected_at", UTCDateTime, nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(100), nullable=False),
    Column("kind", String(10), nullable=False, server_default="digest"),  # "digest" or "rollup"
    Column("briefing_id", Integer, nullable=False),  # a digest's briefing, a roll-up's rollup_runs row
    Column("briefing_version", Integer, nullable=False),
    Column("part", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("ts", String(50), nullable=True),
    Column("thread_ts", String(50), nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("not_before", UTCDateTime, nullable=True),
    Column("claimed_at", UTCDateTime, nullable=True),
    Column("lease_until", UTCDateTime, nullable=True),
    Column("error", Text, nullable=True),
    Column("extra", Text, nullable=False, default="{}"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("failing_since", UTCDateTime, nullable=True),  # first failed attempt since the last success
    Column("unknown_since", UTCDateTime, nullable=True),  # when the outcome of its post became uncertain
    Column("team_id", String(32), nullable=True),  # the Slack workspace (NULL: the single workspace)
    Column("enterprise_id", String(32), nullable=True),  # its Enterprise Grid org, if any
    UniqueConstraint("channel", "kind", "briefing_id", "part", name="uq_deliveries_part"),
    Index("ix_deliveries_state", "state", "not_before"),
    Index("ix_deliveries_briefing", "briefing_id", "part"),
    Index("ix_deliveries_team", "team_id"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("channel", String(100), primary_key=True),
    Column("source", String(200), primary_key=True),
    Column("schedule", String(200), nullable=False),
    Column("timezone", String(100), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(100), nullable=True),  # the Slack user who subscribed (told when posting is blocked)
    Column("team_id", String(32), nullable=True),  # the Slack workspace (NULL: the single workspace)
    Column("enterprise_id", String(32), nullable=True),  # its Enterprise Grid org, if any
)

schedule_runs = Table(
    "schedule_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False),
    Column("fire_key", String(100), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    UniqueConstraint("key", "fire_key", name="uq_schedule_runs_fire"),
    Index("ix_schedule_runs_key_at", "key", "at"),
)

source_state = Table(
    "source_state",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("last_success", UTCDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("failures", Integer, nullable=True),
    Column("next_try", UTCDateTime, nullable=True),
    Column("data", JSON, nullable=True),  # the source's own poll state (seen files, cursors...)
)

seen_items = Table(
    "seen_items",
    metadata,
    Column("source", String(200), primary_key=True),
    Column("item_key", Text, primary_key=True),
    Column("seen_at", UTCDateTime, nullable=False),
)

#: Channels the bot cannot post to until something is fixed (channel "*...": a whole workspace, e.g. a
#: rejected token or an uninstall; its team_id/enterprise_id say which, NULL for every one). Deliveries to a blocked channel wait; the row goes when the cause is fixed.
channel_blocks = Table(
    "channel_blocks",
    metadata,
    Column("channel", String(100), primary_key=True),
    Column("reason", String(100), nullable=False),
    Column("since", UTCDateTime, nullable=False),
    Column("notified_at", UTCDateTime, nullable=True),
    Column("team_id", String(32), nullable=True),  # the Slack workspace (NULL: the single workspace)
    Column("enterprise_id", String(32), nullable=True),  # its Enterprise Grid org, if any
)

#: Shared pacing: the earliest time the next call under `key` may start (posts per channel, history
#: reads per method), so threads and processes on one database keep Slack's limits together.
pacing = Table(
    "pacing",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("next_at", UTCDateTime, nullable=False),
)

#: Signed requests and event ids already handled (replay protection and Slack's event retries),
#: kept until they expire, shared by every process on the database.
seen_requests = Table(
    "seen_requests",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("expires_at", UTCDateTime, nullable=False),
    Index("ix_seen_requests_expires", "expires_at"),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),  # bot.understand.speakers.name_key
    Column("name", Text, nullable=False),
)

rollups = Table(
    "rollups",
    metadata,
    Column("channel", String(100), primary_key=True),
    Column("weekday", String(3), nullable=False),  # mon..sun
    Column("at", String(5), nullable=False),  # HH:MM local time
    Column("timezone", String(100), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("team_id", String(32), nullable=True),  # the Slack workspace (NULL: the single workspace)
    Column("enterprise_id", String(32), nullable=True),  # its Enterprise Grid org, if any
)

rollup_runs = Table(
    "rollup_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(100), nullable=False),
    Column("week_start", Date, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("channel", "week_start", name="uq_rollup_runs_week"),
)

# Installations, bots and OAuth states, in the shapes slack-sdk's SQLAlchemy stores read and write
# (bot/slack/install.py); built by the stores' own table builders so the two never drift apart.
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore  # noqa: E402
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore  # noqa: E402

slack_installations = SQLAlchemyInstallationStore.build_installations_table(metadata, "slack_installations")
slack_bots = SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots")
slack_oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")

# One row per running bot process: its machine, its role (leader or follower) and its last heartbeat.
# On SQLite it keeps a second machine off the database file; on PostgreSQL it shows the fleet.
replicas = Table(
    "replicas",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("host", String(200), nullable=False),
    Column("machine", String(64), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("role", String(16), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
)

"""Initial schema: briefings and quotes with full-text indexes, outbox, subscriptions, schedule and source state.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id',"
    " tokenize='porter unicode61')",
    "CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER quotes_au AFTER UPDATE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);"
    " INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE VIRTUAL TABLE briefings_fts USING fts5(title, body, content='briefings', content_rowid='id',"
    " tokenize='porter unicode61')",
    "CREATE TRIGGER briefings_ai AFTER INSERT ON briefings BEGIN"
    " INSERT INTO briefings_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER briefings_ad AFTER DELETE ON briefings BEGIN"
    " INSERT INTO briefings_fts(briefings_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER briefings_au AFTER UPDATE OF title, body ON briefings BEGIN"
    " INSERT INTO briefings_fts(briefings_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO briefings_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]

POSTGRES_FTS = [
    "ALTER TABLE quotes ADD COLUMN tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, ''))) STORED",
    "CREATE INDEX ix_quotes_tsv ON quotes USING GIN (tsv)",
    "ALTER TABLE briefings ADD COLUMN tsv tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('english', coalesce(title, '')), 'A') || to_tsvector('english', coalesce(body, ''))) STORED",
    "CREATE INDEX ix_briefings_tsv ON briefings USING GIN (tsv)",
]


def upgrade() -> None:
    op.create_table(
        "briefings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("item_key", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("sort_date", sa.Date, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("content_type", sa.String(200), nullable=True),
        sa.Column("ingested_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("source", "item_key", name="uq_briefings_source_item"),
    )
    op.create_index("ix_briefings_content_hash", "briefings", ["content_hash"])
    op.create_index("ix_briefings_sort", "briefings", ["sort_date", "ingested_at"])
    op.create_index("ix_briefings_date", "briefings", ["date"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("briefing_id", sa.Integer, sa.ForeignKey("briefings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("speaker", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("section", sa.Text, nullable=True),
    )
    op.create_index("ix_quotes_briefing", "quotes", ["briefing_id"])
    op.create_table(
        "vocab",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("word", sa.String(200), nullable=False, unique=True),
    )
    op.create_table(
        "rejected",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("content_type", sa.String(200), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("rejected_at", TS, nullable=False),
    )
    _outbox_and_state()
    statements = {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_FTS}.get(op.get_bind().dialect.name, [])
    for statement in statements:
        op.execute(statement)


def _outbox_and_state() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(100), nullable=False),
        sa.Column("briefing_id", sa.Integer, sa.ForeignKey("briefings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("briefing_version", sa.Integer, nullable=False),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("ts", sa.String(50), nullable=True),
        sa.Column("thread_ts", sa.String(50), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("not_before", TS, nullable=True),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("lease_until", TS, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("extra", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("channel", "briefing_id", "part", name="uq_deliveries_part"),
    )
    op.create_index("ix_deliveries_state", "deliveries", ["state", "not_before"])
    op.create_index("ix_deliveries_briefing", "deliveries", ["briefing_id", "part"])
    op.create_table(
        "subscriptions",
        sa.Column("channel", sa.String(100), primary_key=True),
        sa.Column("source", sa.String(200), primary_key=True),
        sa.Column("schedule", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(100), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "schedule_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("fire_key", sa.String(100), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.UniqueConstraint("key", "fire_key", name="uq_schedule_runs_fire"),
    )
    op.create_index("ix_schedule_runs_key_at", "schedule_runs", ["key", "at"])
    op.create_table(
        "source_state",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("etag", sa.Text, nullable=True),
        sa.Column("last_modified", sa.Text, nullable=True),
        sa.Column("last_success", TS, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("failures", sa.Integer, nullable=True),
        sa.Column("next_try", TS, nullable=True),
        sa.Column("data", sa.JSON, nullable=True),
    )
    op.create_table(
        "seen_items",
        sa.Column("source", sa.String(200), primary_key=True),
        sa.Column("item_key", sa.Text, primary_key=True),
        sa.Column("seen_at", TS, nullable=False),
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("quotes_fts", "briefings_fts"):
            op.execute(f"DROP TABLE IF EXISTS {name}")
    for table in (
        "seen_items",
        "source_state",
        "schedule_runs",
        "subscriptions",
        "deliveries",
        "rejected",
        "vocab",
        "quotes",
        "briefings",
    ):
        op.drop_table(table)

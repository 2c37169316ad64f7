"""Delivery lifecycle: blocked channels, shared pacing, seen requests, failure times, who subscribed.

Revision ID: 0003_delivery_lifecycle
Revises: 0006_installations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_delivery_lifecycle"
down_revision = "0006_installations"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("failing_since", TS, nullable=True))
        batch.add_column(sa.Column("unknown_since", TS, nullable=True))
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("created_by", sa.String(100), nullable=True))
    op.create_table(
        "channel_blocks",
        sa.Column("channel", sa.String(100), primary_key=True),
        sa.Column("reason", sa.String(100), nullable=False),
        sa.Column("since", TS, nullable=False),
        sa.Column("notified_at", TS, nullable=True),
    )
    op.create_table(
        "pacing",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("next_at", TS, nullable=False),
    )
    op.create_table(
        "seen_requests",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_index("ix_seen_requests_expires", "seen_requests", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_seen_requests_expires", "seen_requests")
    for table in ("seen_requests", "pacing", "channel_blocks"):
        op.drop_table(table)
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("created_by")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("unknown_since")
        batch.drop_column("failing_since")

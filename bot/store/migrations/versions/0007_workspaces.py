"""Every row knows its workspace: team_id and enterprise_id on subscriptions, roll-ups, deliveries
and channel blocks. Rows from before stay NULL, meaning "the single workspace" of a bot with one
token (or the one installed workspace).

Revision ID: 0007_workspaces
Revises: 0003_delivery_lifecycle
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_workspaces"
down_revision = "0003_delivery_lifecycle"
branch_labels = None
depends_on = None

TABLES = ("subscriptions", "rollups", "deliveries", "channel_blocks")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("team_id", sa.String(32), nullable=True))
            batch.add_column(sa.Column("enterprise_id", sa.String(32), nullable=True))
    op.create_index("ix_deliveries_team", "deliveries", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_team", "deliveries")
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("enterprise_id")
            batch.drop_column("team_id")

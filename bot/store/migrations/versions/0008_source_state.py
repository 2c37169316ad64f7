"""Source health lives only in source_state's typed columns; the never-written etag and
last_modified columns go (a feed or page keeps its validators in its own state, `data`).

Revision ID: 0008_source_state
Revises: 0007_workspaces
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_source_state"
down_revision = "0007_workspaces"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("source_state") as batch:
        batch.drop_column("last_modified")
        batch.drop_column("etag")


def downgrade() -> None:
    with op.batch_alter_table("source_state") as batch:
        batch.add_column(sa.Column("etag", sa.Text, nullable=True))
        batch.add_column(sa.Column("last_modified", sa.Text, nullable=True))

"""A delivery says what it posts: `kind` is "digest" (its id is a briefing's) or "rollup" (its id is
a `rollup_runs` row). Roll-ups were keyed by the negated run id; they get their positive id back.

Revision ID: 0009_delivery_kind
Revises: 0008_source_state
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_delivery_kind"
down_revision = "0008_source_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False, server_default="digest"))
        batch.drop_constraint("uq_deliveries_part", type_="unique")
    op.execute("UPDATE deliveries SET kind = 'rollup', briefing_id = -briefing_id WHERE briefing_id < 0")
    with op.batch_alter_table("deliveries") as batch:
        batch.create_unique_constraint("uq_deliveries_part", ["channel", "kind", "briefing_id", "part"])


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("uq_deliveries_part", type_="unique")
    op.execute("UPDATE deliveries SET briefing_id = -briefing_id WHERE kind = 'rollup'")
    with op.batch_alter_table("deliveries") as batch:
        batch.create_unique_constraint("uq_deliveries_part", ["channel", "briefing_id", "part"])
        batch.drop_column("kind")

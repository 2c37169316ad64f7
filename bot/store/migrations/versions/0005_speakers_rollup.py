"""Speakers as people, and weekly roll-ups.

`speakers` holds one row per name as resolved within a briefing (a full name when the briefing
gives one); `quotes.speaker_id` points at it (filled in by the store, also for briefings stored
before this revision). `rollups` holds the channels' weekly roll-up subscriptions and
`rollup_runs` one row per (channel, week): its id, negated, is the roll-up's key in the outbox,
which is why `deliveries.briefing_id` no longer references `briefings`.

Revision ID: 0005_speakers_rollup
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_speakers_rollup"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
FK_NAMES = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def upgrade() -> None:
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.add_column("quotes", sa.Column("speaker_id", sa.Integer, nullable=True))
    op.create_index("ix_quotes_speaker", "quotes", ["speaker_id"])
    op.create_table(
        "rollups",
        sa.Column("channel", sa.String(100), primary_key=True),
        sa.Column("weekday", sa.String(3), nullable=False),
        sa.Column("at", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(100), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "rollup_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(100), nullable=False),
        sa.Column("week_start", sa.Date, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("channel", "week_start", name="uq_rollup_runs_week"),
    )
    _drop_deliveries_fk()


def _drop_deliveries_fk() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table("deliveries", naming_convention=FK_NAMES, recreate="always") as batch:
            batch.drop_constraint("fk_deliveries_briefing_id_briefings", type_="foreignkey")
        return
    for fk in sa.inspect(bind).get_foreign_keys("deliveries"):
        name = fk.get("name")
        if fk["referred_table"] == "briefings" and name:
            op.drop_constraint(name, "deliveries", type_="foreignkey")


def downgrade() -> None:
    op.drop_table("rollup_runs")
    op.drop_table("rollups")
    op.drop_index("ix_quotes_speaker", "quotes")
    op.drop_column("quotes", "speaker_id")
    op.drop_table("speakers")

"""Alembic environment: uses the connection handed over by bot.store.db.upgrade when present."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from bot.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Two processes starting at once must not both create the tables.
        connection.execute(text("SELECT pg_advisory_xact_lock(7301042)"))
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from bot.store.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.pipeline import ingest
from bot.store import Store
from bot.store.db import alembic_config, make_engine
from bot.store.schema import metadata
from tests.support.archive import briefing_ids
from tests.support.postgres import private_database

EXPECTED = {
    "briefings",
    "quotes",
    "vocab",
    "rejected",
    "deliveries",
    "subscriptions",
    "schedule_runs",
    "speakers",
    "rollups",
    "rollup_runs",
    "source_state",
    "seen_items",
    "alembic_version",
    "slack_installations",
    "slack_bots",
    "slack_oauth_states",
    "replicas",
    "channel_blocks",
    "pacing",
    "seen_requests",
}


def _head() -> str:
    from alembic.script import ScriptDirectory

    from bot.store.db import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() or ""


def test_fresh_database_is_migrated_to_head(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert EXPECTED <= tables
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
    finally:
        store.close()


def test_migrations_are_idempotent(db_url: str) -> None:
    Store.upgrade(db_url)
    Store.upgrade(db_url)
    store = Store.open(db_url)
    try:
        assert (
            ingest(store, b"date 2025-01-02 Title\n\nAlice said \xe2\x80\x9cthings change\xe2\x80\x9d.\n", "a.txt")[
                0
            ].outcome
            == "new"
        )
    finally:
        store.close()
    store = Store.open(db_url)
    try:
        assert len(briefing_ids(store)) == 1
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        store.close()


def test_sqlite_parent_directory_and_pragmas(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/nested/dir/digestbot.db"
    store = Store.open(url)
    try:
        assert (tmp_path / "nested" / "dir" / "digestbot.db").exists()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        store.close()


def test_write_transactions_begin_immediate(tmp_path: Path) -> None:
    """A writer holding the lock makes a second writer wait at BEGIN, not fail mid-transaction."""
    url = f"sqlite:///{tmp_path}/db.sqlite"
    Store.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            assert conn.connection.dbapi_connection.in_transaction
            conn.exec_driver_sql("SELECT count(*) FROM seen_items").scalar()  # a read only: the lock is already ours
            other = engine.raw_connection()
            try:
                other.driver_connection.execute("PRAGMA busy_timeout=50")
                try:
                    other.driver_connection.execute("BEGIN IMMEDIATE")
                    raise AssertionError("second writer got the lock while the first held it")
                except Exception as exc:  # noqa: BLE001 - sqlite3.OperationalError: database is locked
                    assert "locked" in str(exc)
            finally:
                other.close()
    finally:
        engine.dispose()


def _in_the_schema(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Full-text search lives outside bot/store/schema.py by design (see its docstring): FTS5 tables
    on SQLite, generated tsvector columns with GIN indexes on PostgreSQL."""
    name = name or ""
    if type_ == "table" and reflected and compare_to is None and "_fts" in name:
        return False
    return not (type_ == "column" and name == "tsv") and not (type_ == "index" and name.endswith("_tsv"))


def test_the_migrations_build_exactly_the_declared_schema(db_url: str) -> None:
    """`alembic revision --autogenerate` would find nothing to do: schema.py and the migrations agree."""
    store = Store.open(db_url)
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _in_the_schema})
            differences = compare_metadata(context, metadata)
    finally:
        store.close()
    assert differences == []


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database no migration has touched yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/old.db"
        return
    with private_database("digest_migrate") as url:
        yield url


def test_roll_ups_keyed_by_a_negated_run_id_get_their_kind(empty_url: str) -> None:
    """Before 0009 a roll-up's outbox key was minus its run id; the upgrade gives it kind "rollup"."""
    db_url = empty_url
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            cfg = alembic_config(db_url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0008_source_state")
            conn.execute(
                text(
                    "INSERT INTO deliveries (channel, briefing_id, briefing_version, part, payload, state, attempts,"
                    " extra, created_at, updated_at) VALUES"
                    " ('C1', -7, 1, 0, '{}', 'sent', 1, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),"
                    " ('C1', 7, 1, 0, '{}', 'sent', 1, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
    finally:
        engine.dispose()
    store = Store.open(db_url)
    try:
        assert store.outbox.planned("C1") == {7: (1, "sent")}
        assert store.outbox.planned("C1", "rollup") == {7: (1, "sent")}
    finally:
        store.close()

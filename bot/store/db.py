"""Engine creation and migrations: one code path for SQLite (default) and PostgreSQL.

SQLite runs in WAL mode with synchronous=FULL (the outbox must survive power loss) and every
write transaction starts with BEGIN IMMEDIATE: a deferred transaction that reads and then writes
fails at once with "database is locked" when another connection committed in between.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "digestbot_read_only"


class StoreUnavailable(RuntimeError):
    """The database cannot be opened; the message is one line naming it (never its password) and the fix."""


def safe_url(url: str) -> str:
    """The URL without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def open_engine(url: str, *, create: bool = True) -> Engine:
    """An engine whose database answers; StoreUnavailable says why not in one line.

    `create=False` is for read-only commands: a SQLite file that does not exist is an error, not a
    new empty archive.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUnavailable(
            "not a database URL; use sqlite:///data/digestbot.db or postgresql+psycopg://user:pass@host/db"
        ) from None
    if (
        parsed.get_backend_name() == "sqlite"
        and parsed.database
        and parsed.database != ":memory:"
        and not parsed.database.startswith("file:")
    ):
        _check_sqlite_path(Path(parsed.database).expanduser(), create)
    try:
        engine = make_engine(url)
    except (NoSuchModuleError, ImportError):
        raise StoreUnavailable(
            f"{safe_url(url)}: unsupported database; use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user:pass@host/db"
        ) from None
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        reason = " ".join(str(exc.orig or exc).split())[:300]
        raise StoreUnavailable(
            f"cannot open {safe_url(url)} ({reason}); check that the server runs and the URL, "
            "user and password are right"
        ) from None
    return engine


def _check_sqlite_path(path: Path, create: bool) -> None:
    if not create and not path.is_file():
        raise StoreUnavailable(f"no database at {path}; check the path (a read-only command never creates one)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailable(
            f"cannot create the folder {path.parent} ({exc.strerror or exc}); "
            "choose a writable place in DIGEST_DATABASE_URL"
        ) from None


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, pool_size=16, max_overflow=64, pool_timeout=60, connect_args={"timeout": 5.0, "check_same_thread": False}
    )
    _sqlite_events(engine)
    return engine


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: object) -> None:
        dbapi_conn.isolation_level = None  # let the "begin" hook below emit BEGIN itself
        cur = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "busy_timeout=5000",
            "foreign_keys=ON",
            "temp_store=MEMORY",
        ):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction (deferred on SQLite, so readers never wait for the write lock)."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn, conn.begin():
        yield conn


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Run `alembic upgrade head` on the engine's database (idempotent)."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

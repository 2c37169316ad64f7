"""A private PostgreSQL database for one test session, on the server DIGEST_TEST_DATABASE_URL names.

Several test runs may share the server, so each creates its own uniquely named database and drops it
at the end; without the variable, PostgreSQL tests are skipped with a reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

PG_ENV = "DIGEST_TEST_DATABASE_URL"


@contextmanager
def private_database(prefix: str) -> Iterator[str]:
    """Yield the URL of a fresh database named `{prefix}_{pid}_{random}`; skip when no server is set."""
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(f"{PG_ENV} is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

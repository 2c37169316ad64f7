"""Which bot process polls sources and fires schedules when several share one database.

Every replica serves Slack; only the leader runs the pipeline's jobs, so a briefing is polled and a
schedule fires once however many replicas run.

- PostgreSQL: the leader holds a session-level advisory lock on a connection of its own. The lock
  lives exactly as long as that session: when the leader exits or crashes, or its connection is
  cut, PostgreSQL releases it and the next replica to try (every third of a lease) takes over. A
  leader that cannot confirm its session for a whole lease stops acting as leader, and the server is
  told (TCP keepalives, tcp_user_timeout) to drop a silent session after about a lease, so a leader
  whose machine vanished is replaced within about a lease and a third.
- SQLite: the embedded default for one machine. Its file cannot be shared by machines (WAL needs
  shared memory), so each process records its machine in the `replicas` table and a process on
  another machine refuses to start while that record is fresh. Processes on the same machine elect
  their leader with an OS file lock beside the database.

Every replica's role and heartbeat is in the `replicas` table, and in its /healthz.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import Connection, Engine, create_engine, delete, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.settings import SettingsError
from bot.store.schema import replicas

log = logging.getLogger(__name__)

LOCK_KEY = 7301043  # the advisory lock of leadership (migrations take 7301042)
FORGET_AFTER = dt.timedelta(days=1)  # replica rows of processes gone this long are deleted


class Leadership(Protocol):
    interval: float  # seconds between checks

    def check(self) -> bool: ...

    def is_leader(self) -> bool: ...

    def release(self) -> None: ...

    def status(self) -> dict[str, Any]: ...


def machine_id() -> str:
    """The running kernel: the same for every container on one machine, different on another machine."""
    for path in ("/proc/sys/kernel/random/boot_id", "/etc/machine-id"):
        try:
            value = Path(path).read_text().strip()
        except OSError:
            continue
        if value:
            return value[:64]
    return f"{socket.gethostname()}-{uuid.getnode():x}"[:64]


class Replicas:
    """This process's row in the `replicas` table: machine, role and heartbeat."""

    def __init__(self, engine: Engine, machine: str, now: Callable[[], dt.datetime]) -> None:
        self.engine, self.machine, self.now = engine, machine, now
        self.id = f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.started = now()

    def beat(self, role: str) -> None:
        now = self.now()
        values = {
            "host": socket.gethostname()[:200],
            "machine": self.machine,
            "pid": os.getpid(),
            "role": role,
            "seen_at": now,
        }
        with self.engine.begin() as conn:
            if not conn.execute(update(replicas).where(replicas.c.id == self.id).values(**values)).rowcount:
                conn.execute(replicas.insert().values(id=self.id, started_at=self.started, **values))
            conn.execute(delete(replicas).where(replicas.c.seen_at < now - FORGET_AFTER))

    def other_machine(self, fresh: dt.timedelta) -> dict[str, Any] | None:
        """A live process on another machine, if any."""
        query = (
            select(replicas)
            .where(replicas.c.machine != self.machine, replicas.c.seen_at >= self.now() - fresh)
            .order_by(replicas.c.seen_at.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return dict(row) if row else None

    def leave(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(replicas).where(replicas.c.id == self.id))


class _Lease:
    """Leadership that lapses when it is not confirmed for `lease` seconds."""

    def __init__(self, replica: Replicas | None, lease: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.replica = replica
        self.lease = lease
        self.interval = lease / 3
        self._clock = clock
        self._held = False
        self._confirmed = float("-inf")
        self._checked = float("-inf")
        self._lock = threading.Lock()

    def is_leader(self) -> bool:
        """Leading, as confirmed within the lease (checked again when the last check is an interval old)."""
        if self._clock() - self._checked >= self.interval:
            self.check()
        return self._held and self._clock() - self._confirmed < self.lease

    def check(self) -> bool:
        with self._lock:
            self._checked = self._clock()
            self._held = self._hold()
            if self._held:
                self._confirmed = self._checked
            self._beat()
        return self._held and self._clock() - self._confirmed < self.lease

    def _hold(self) -> bool:
        raise NotImplementedError

    def _beat(self) -> None:
        if self.replica is None:
            return
        try:
            self.replica.beat("leader" if self._held else "follower")
        except Exception as exc:  # noqa: BLE001 - the heartbeat is for people; leadership does not depend on it
            log.warning("could not record this replica's heartbeat (%s)", type(exc).__name__)

    def status(self) -> dict[str, Any]:
        return {
            "role": "leader" if self.is_leader() else "follower",
            "lease_seconds": self.lease,
            "replica": self.replica.id if self.replica else None,
        }

    def release(self) -> None:
        self._held = False
        if self.replica is not None:
            try:
                self.replica.leave()
            except Exception:  # noqa: BLE001 - the row expires on its own
                log.debug("could not remove this replica's row", exc_info=True)


class PostgresLeader(_Lease):
    """A session-level advisory lock on a dedicated, unpooled connection."""

    def __init__(
        self, url: str, lease: float, replica: Replicas | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(replica, lease, clock)
        seconds = max(1, int(lease / 3))
        self._engine = create_engine(
            url,
            poolclass=NullPool,
            isolation_level="AUTOCOMMIT",
            # the client notices a dead server as fast as the server notices a dead client
            connect_args={
                "connect_timeout": seconds,
                "keepalives": 1,
                "keepalives_idle": seconds,
                "keepalives_interval": max(1, seconds // 2),
                "keepalives_count": 2,
            },
        )
        self._conn: Connection | None = None
        self.backend_pid: int | None = None  # the lock session's server process (terminating it forces a failover)

    def _hold(self) -> bool:
        try:
            if self._conn is None:
                self._conn = self._connect()
            if self._held:
                self._conn.exec_driver_sql("SELECT 1")  # the session lives, so does its lock
                return True
            return bool(self._conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar())
        except Exception as exc:  # noqa: BLE001 - a lost connection is a lost lock, never a crash
            if self._held:
                log.warning("lost the leader lock's connection (%s): no longer leading", type(exc).__name__)
            self._drop()
            return False

    def _connect(self) -> Connection:
        conn = self._engine.connect()
        idle = max(1, int(self.lease / 3))
        # the server drops this session (and so releases the lock) after about a lease of silence
        for setting in (
            f"tcp_keepalives_idle = {idle}",
            f"tcp_keepalives_interval = {max(1, idle // 2)}",
            "tcp_keepalives_count = 4",
            f"tcp_user_timeout = {int(self.lease * 1000)}",
            f"statement_timeout = {int(self.interval * 1000)}",
            "application_name = 'digestbot leader lock'",
        ):
            conn.exec_driver_sql(f"SET {setting}")
        self.backend_pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        return conn

    def status(self) -> dict[str, Any]:
        return {**super().status(), "lock_session_pid": self.backend_pid}

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.invalidate()
                self._conn.close()
            except Exception:  # noqa: BLE001 - it is already broken
                log.debug("closing the leader connection failed", exc_info=True)
        self._conn = None
        self.backend_pid = None
        self._held = False

    def release(self) -> None:
        self._drop()  # closing the session releases the lock at once
        self._engine.dispose()
        super().release()


class SqliteLeader(_Lease):
    """One machine per SQLite file; among its processes, an exclusive lock on `<database>.leader`."""

    def __init__(
        self,
        path: Path | None,
        lease: float,
        replica: Replicas | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(replica, lease, clock)
        self.path = path
        self._file: IO[bytes] | None = None
        other = replica.other_machine(dt.timedelta(seconds=lease)) if replica else None
        if other:
            raise SettingsError(_shared_sqlite(other, lease))

    def _hold(self) -> bool:
        if self.replica is not None:
            other = self.replica.other_machine(dt.timedelta(seconds=self.lease))
            if other:
                log.error("%s", _shared_sqlite(other, self.lease))
                return False
        if self.path is None or self._file is not None:
            return True
        return self._lock_file()

    def _lock_file(self) -> bool:
        try:
            import fcntl
        except ImportError:  # no POSIX file locks: one process is assumed
            return True
        assert self.path is not None  # only file-backed SQLite databases take a lock file
        handle = open(self.path, "ab")  # noqa: SIM115 - held open for as long as this process leads
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the lock
            self._file = None
        super().release()


def _shared_sqlite(other: dict[str, Any], lease: float) -> str:
    return (
        f"DIGEST_DATABASE_URL: this SQLite database is in use by a bot on another machine ({other['host']}, "
        f"pid {other['pid']}). SQLite cannot be shared between machines: give each machine its own file, or "
        f"run the replicas on PostgreSQL. If that machine is gone, start again in {int(lease)} seconds."
    )


def for_database(
    engine: Engine, lease: float, now: Callable[[], dt.datetime], machine: str | None = None
) -> Leadership:
    """The leadership that fits the database: an advisory lock on PostgreSQL, a machine check on SQLite."""
    replica = Replicas(engine, machine or machine_id(), now)
    url = engine.url
    if url.get_backend_name() == "postgresql":
        return PostgresLeader(url.render_as_string(hide_password=False), lease, replica)
    database = make_url(url).database or ""
    path = None if database in ("", ":memory:") or database.startswith("file:") else Path(f"{database}.leader")
    return SqliteLeader(path, lease, replica)

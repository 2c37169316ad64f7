"""A cached archive of generated briefings (plus the corpus seed), built with the real store, and the
real bot served over HTTP on top of a copy of it.

    python bench/archive.py [--briefings 10000] [--db postgresql+psycopg://postgres@127.0.0.1:5432/test]
                            [--workers 2]

SQLite: the database lives in bench/out/. PostgreSQL (`--db`, the URL of any database on the
server): the archive is the database `digest_bench_N` on that server. Either is rebuilt only when
the count, the generator's source or the seed briefing changes. Benchmarks work on a copy
(`working_copy`: a file copy, or `CREATE DATABASE ... TEMPLATE`), so the cache stays as built.
Prints the ingest rate (briefings/s and quotes/s through `bot.pipeline.ingest`) while building;
`--workers W` ingests with W processes (PostgreSQL only). `--more N` then ingests N further generated
briefings into a copy of the archive and prints that rate: what ingest costs at that size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import briefing_text  # noqa: E402
from bot.pipeline import ingest  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from bot.runtime import build as build_runtime  # noqa: E402
from bot.store import Store  # noqa: E402

OUT = ROOT / "bench" / "out"
SEED = ROOT / "tests" / "corpus" / "seed.txt"
GENERATOR = ROOT / "bench" / "generate.py"


def generator_version() -> str:
    """Changes whenever the generator or the seed briefing changes."""
    digest = hashlib.sha256(GENERATOR.read_bytes() + SEED.read_bytes())
    return digest.hexdigest()[:12]


def archive_path(count: int) -> Path:
    return OUT / f"archive-{count}.db"


def _meta_path(db: Path) -> Path:
    return db.with_suffix(".json")


def _is_current(db: Path, count: int) -> bool:
    meta = _meta_path(db)
    if not db.exists() or not meta.exists():
        return False
    try:
        saved = json.loads(meta.read_text())
    except ValueError:
        return False
    return saved.get("count") == count and saved.get("generator") == generator_version()


def build(count: int = 10_000, *, quiet: bool = False) -> Path:
    """The archive's path, building it first when there is no current one."""
    db = archive_path(count)
    if _is_current(db, count):
        return db
    OUT.mkdir(parents=True, exist_ok=True)
    partial = db.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{partial}")
    try:
        start = time.perf_counter()
        ingest(store, SEED.read_bytes(), "seed.txt")
        for i in range(count):
            ingest(store, briefing_text(i).encode("utf-8"), f"briefing-{i:05d}.txt")
            if not quiet and (i + 1) % 500 == 0:
                _progress(store.engine, i + 1, count, time.perf_counter() - start)
        elapsed = time.perf_counter() - start
        quotes = _counts(store.engine)[1]
    finally:
        store.close()
    partial.replace(db)
    _meta_path(db).write_text(
        json.dumps({"count": count, "generator": generator_version(), "seconds": round(elapsed, 1)})
    )
    if not quiet:
        print(_built_line(str(db), count, quotes, elapsed, 1), flush=True)
    return db


def _counts(engine: Engine) -> tuple[int, int]:
    """(briefings, quotes) stored so far."""
    with engine.connect() as conn:
        row = conn.execute(text("SELECT (SELECT count(*) FROM briefings), (SELECT count(*) FROM quotes)")).one()
    return int(row[0]), int(row[1])


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _progress(engine: Engine, done: int, count: int, elapsed: float) -> None:
    quotes = _counts(engine)[1]
    print(
        f"  archive: {done:,}/{count:,} briefings, {quotes:,} quotes; {done / elapsed:,.0f} briefings/s, "
        f"{quotes / elapsed:,.0f} quotes/s; {_load()}",
        flush=True,
    )


def _built_line(where: str, count: int, quotes: int, elapsed: float, workers: int) -> str:
    return (
        f"archive: built {where} ({count:,} briefings + seed, {quotes:,} quotes) in {elapsed:.0f} s with "
        f"{workers} process{'es' if workers > 1 else ''}: {count / elapsed:,.1f} briefings/s, "
        f"{quotes / elapsed:,.0f} quotes/s; {_load()}"
    )


# -- PostgreSQL ---------------------------------------------------------------------------------------


def pg_name(count: int) -> str:
    return f"digest_bench_{count}"


def pg_url(server: str, database: str) -> str:
    """`server` (the URL of any database on the server) pointed at `database`."""
    return make_url(server).set(database=database).render_as_string(hide_password=False)


def _admin(server: str) -> Engine:
    return create_engine(server, isolation_level="AUTOCOMMIT")


def _pg_meta(admin: Engine, name: str) -> dict:
    """The build record kept as the database's comment; {} when there is no such database."""
    with admin.connect() as conn:
        comment = conn.execute(
            text("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n"), {"n": name}
        ).scalar()
    try:
        return json.loads(comment) if comment else {}
    except ValueError:
        return {}


def _pg_is_current(admin: Engine, count: int) -> bool:
    saved = _pg_meta(admin, pg_name(count))
    return saved.get("count") == count and saved.get("generator") == generator_version()


def _ingest_slice(url: str, count: int, worker: int, workers: int, start: int = 0) -> None:
    """One worker process: briefings start + worker, start + worker + workers, ... below start + count,
    through the real pipeline."""
    store = Store.open(url)
    try:
        for i in range(start + worker, start + count, workers):
            ingest(store, briefing_text(i).encode("utf-8"), f"briefing-{i:05d}.txt")
    finally:
        store.close()


def build_pg(count: int, server: str, *, workers: int = 1, quiet: bool = False) -> str:
    """The URL of the PostgreSQL archive `digest_bench_<count>` on `server`, built first when needed.

    Built as `<name>_partial` and renamed when complete, with the count and generator version in
    the database's comment, so an interrupted build is never taken for a finished one."""
    admin = _admin(server)
    name = pg_name(count)
    try:
        if _pg_is_current(admin, count):
            return pg_url(server, name)
        partial = f"{name}_partial"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{partial}"')
        url = pg_url(server, partial)
        store = Store.open(url)  # migrates once, before any worker opens it
        try:
            start = time.perf_counter()
            ingest(store, SEED.read_bytes(), "seed.txt")
            if workers <= 1:
                _ingest_serial(store, count, start, quiet)
            else:
                _ingest_parallel(store.engine, url, count, workers, start, quiet)
            elapsed = time.perf_counter() - start
            stored, quotes = _counts(store.engine)
        finally:
            store.close()
        if stored != count + 1:
            raise RuntimeError(f"{partial}: {stored:,} briefings stored, expected {count + 1:,}")
        meta = json.dumps(
            {
                "count": count,
                "generator": generator_version(),
                "seconds": round(elapsed, 1),
                "workers": workers,
                "quotes": quotes,
            }
        )
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'ALTER DATABASE "{partial}" RENAME TO "{name}"')
            conn.exec_driver_sql(f'COMMENT ON DATABASE "{name}" IS ' + "'" + meta.replace("'", "''") + "'")
        vacuum = create_engine(pg_url(server, name), isolation_level="AUTOCOMMIT")
        try:
            with vacuum.connect() as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        finally:
            vacuum.dispose()
        if not quiet:
            print(_built_line(f"PostgreSQL database {name}", count, quotes, elapsed, workers), flush=True)
        return pg_url(server, name)
    finally:
        admin.dispose()


def _ingest_serial(store: Store, count: int, start: float, quiet: bool) -> None:
    for i in range(count):
        ingest(store, briefing_text(i).encode("utf-8"), f"briefing-{i:05d}.txt")
        if not quiet and (i + 1) % 500 == 0:
            _progress(store.engine, i + 1, count, time.perf_counter() - start)


def _ingest_parallel(
    engine: Engine, url: str, count: int, workers: int, start: float, quiet: bool, first: int = 0
) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_ingest_slice, args=(url, count, w, workers, first)) for w in range(workers)]
    for proc in procs:
        proc.start()
    try:
        while any(proc.is_alive() for proc in procs):
            for proc in procs:
                proc.join(timeout=30 / workers)
            if not quiet:
                _progress(engine, _counts(engine)[0] - 1 - first, count, time.perf_counter() - start)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
    failed = [proc.exitcode for proc in procs if proc.exitcode]
    if failed:
        raise RuntimeError(f"{len(failed)} ingest worker(s) failed (exit codes {failed})")


def ingest_more(count: int, more: int, server: str | None, *, workers: int = 1) -> str:
    """Ingest briefings count .. count + more - 1 into a private copy of the archive of `count`
    (SQLite, or PostgreSQL when `server` is given), dropped after; the rate as one line."""
    with tempfile.TemporaryDirectory(prefix="bench-more-") as tmp:
        copy = pg_working_copy(count, server, workers=workers) if server else _sqlite_copy(count, Path(tmp))
        with copy as url:
            store = Store.open(url)
            try:
                before = _counts(store.engine)[1]
                start = time.perf_counter()
                if workers <= 1:
                    for i in range(count, count + more):
                        ingest(store, briefing_text(i).encode("utf-8"), f"briefing-{i:05d}.txt")
                else:
                    _ingest_parallel(store.engine, url, more, workers, start, True, first=count)
                elapsed = time.perf_counter() - start
                stored, quotes = _counts(store.engine)
            finally:
                store.close()
    if stored != count + more + 1:
        raise RuntimeError(f"{stored:,} briefings stored, expected {count + more + 1:,}")
    return (
        f"ingest at {count:,} briefings: {more:,} more ({quotes - before:,} quotes) in {elapsed:.1f} s with "
        f"{workers} process{'es' if workers > 1 else ''}: {more / elapsed:,.1f} briefings/s, "
        f"{(quotes - before) / elapsed:,.0f} quotes/s; {_load()}"
    )


def working_copy(count: int, folder: Path) -> Path:
    """A private copy of the archive in `folder`, safe to write to (subscriptions, outbox)."""
    source = build(count)
    target = folder / "bot.db"
    shutil.copyfile(source, target)
    return target


@dataclass
class Bot:
    url: str  # http://127.0.0.1:port/slack/events
    hook_url: str  # the stand-in's response_url prefix
    runtime: Runtime


@contextmanager
def pg_working_copy(count: int, server: str, *, workers: int = 1) -> Iterator[str]:
    """The URL of a private copy of the PostgreSQL archive (`CREATE DATABASE ... TEMPLATE`), dropped after."""
    source = pg_name(count)
    build_pg(count, server, workers=workers)
    copy = f"{source}_run_{os.getpid()}"
    admin = _admin(server)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{copy}" TEMPLATE "{source}" STRATEGY FILE_COPY')
        yield pg_url(server, copy)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        admin.dispose()


@contextmanager
def running_bot(count: int, folder: Path, *, db: str | None = None, workers: int = 1) -> Iterator[Bot]:
    """The real bot in HTTP mode (uvicorn, in this process) on a copy of the archive (SQLite, or
    PostgreSQL when `db` names a server), against the Slack Web API stand-in on loopback; the
    scheduler is not started, so nothing polls meanwhile."""
    copy = pg_working_copy(count, db, workers=workers) if db else _sqlite_copy(count, folder)
    with copy as url, _serving(url, folder) as bot:
        yield bot


@contextmanager
def _sqlite_copy(count: int, folder: Path) -> Iterator[str]:
    yield f"sqlite:///{working_copy(count, folder)}"


@contextmanager
def _serving(url: str, folder: Path) -> Iterator[Bot]:
    from tests.support.bot_server import serve, settings_for
    from tests.support.slack_standin import SlackStandin

    with SlackStandin() as standin:
        settings = settings_for(folder, standin, database_url=url, poll_seconds=86_400)
        runtime = build_runtime(settings)
        base, server, thread = serve(runtime)
        try:
            yield Bot(base + "/slack/events", standin.hook_url, runtime)
        finally:
            server.should_exit = True
            thread.join(10)
            runtime.store.close()


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(p / 100 * len(sorted_values) + 0.4999)))
    return sorted_values[rank - 1]


def latency_line(label: str, seconds: Sequence[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return (
        f"{label}: n={len(ms)} p50={percentile(ms, 50):.1f} ms p90={percentile(ms, 90):.1f} ms "
        f"p99={percentile(ms, 99):.1f} ms max={ms[-1] if ms else float('nan'):.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--briefings", type=int, default=10_000)
    ap.add_argument(
        "--db",
        metavar="URL",
        help="a PostgreSQL server (the URL of any database on it) to build "
        "the archive on, as the database digest_bench_N; default: SQLite in bench/out/",
    )
    ap.add_argument("--workers", type=int, default=1, help="ingest processes (PostgreSQL only; default 1)")
    ap.add_argument(
        "--more",
        type=int,
        default=0,
        metavar="N",
        help="then ingest N further briefings into a copy of the archive and print that rate",
    )
    args = ap.parse_args()
    if args.workers > 1 and not args.db:
        ap.error("--workers needs --db: SQLite takes one writer at a time")
    if args.db:
        url = build_pg(args.briefings, args.db, workers=args.workers)
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0
        finally:
            engine.dispose()  # no session may stay on the archive: copies take it as a template
        print(f"archive: {make_url(url).database} ({size / 1e6:.1f} MB), generator {generator_version()}")
    else:
        db = build(args.briefings)
        print(f"archive: {db} ({db.stat().st_size / 1e6:.1f} MB), generator {generator_version()}")
    if args.more > 0:
        print(ingest_more(args.briefings, args.more, args.db, workers=args.workers), flush=True)


if __name__ == "__main__":
    main()

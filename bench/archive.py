"""A cached SQLite archive of generated briefings (plus the corpus seed), built with the real store,
and the real bot served over HTTP on top of a copy of it.

    python bench/archive.py [--briefings 10000]

The database lives in bench/out/ and is rebuilt only when the count, the generator's source or the
seed briefing changes. Benchmarks work on a copy (`working_copy`), so the cache stays as built.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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
                rate = (i + 1) / (time.perf_counter() - start)
                print(f"  archive: {i + 1:,}/{count:,} briefings ({rate:,.0f}/s)", flush=True)
        elapsed = time.perf_counter() - start
    finally:
        store.close()
    partial.replace(db)
    _meta_path(db).write_text(json.dumps({"count": count, "generator": generator_version(), "seconds": round(elapsed, 1)}))
    if not quiet:
        print(f"archive: built {db} ({count:,} briefings + seed) in {elapsed:.0f} s", flush=True)
    return db


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
def running_bot(count: int, folder: Path) -> Iterator[Bot]:
    """The real bot in HTTP mode (uvicorn, in this process) on a copy of the archive, against the
    Slack Web API stand-in on loopback; the scheduler is not started, so nothing polls meanwhile."""
    from tests.support.bot_server import serve, settings_for
    from tests.support.slack_standin import SlackStandin

    db = working_copy(count, folder)
    with SlackStandin() as standin:
        settings = settings_for(folder, standin, database_url=f"sqlite:///{db}", poll_seconds=86_400)
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
    return (f"{label}: n={len(ms)} p50={percentile(ms, 50):.1f} ms p90={percentile(ms, 90):.1f} ms "
            f"p99={percentile(ms, 99):.1f} ms max={ms[-1] if ms else float('nan'):.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--briefings", type=int, default=10_000)
    args = ap.parse_args()
    db = build(args.briefings)
    print(f"archive: {db} ({db.stat().st_size / 1e6:.1f} MB), generator {generator_version()}")


if __name__ == "__main__":
    main()

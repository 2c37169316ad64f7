"""/whosaid latency over a large archive: signed slash commands to the real bot over HTTP, one at a time.

    python bench/whosaid.py [--briefings 10000] [--requests 2000]
                            [--db postgresql+psycopg://postgres@127.0.0.1:5432/test] [--workers 2]

Builds (or reuses) the cached archive (bench/archive.py; SQLite, or PostgreSQL with `--db`, built
with `--workers` processes when it must be built), serves the bot in HTTP mode on
loopback against the Slack Web API stand-in, and sends a fixed mix of queries: exact phrases cut
from stored quotes, loose multi-word queries, stemmed forms, typos, queries that match nothing and
hostile FTS syntax. Prints p50/p90/p99/max per request (signing, HTTP, signature check, Bolt,
search, blocks) and the error count, then the same queries straight through `store.whosaid`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archive import archive_path, build, build_pg, latency_line, running_bot
from bench.generate import WORDS
from bot.store import QueryError
from tests.support.signing import sign, slash_body

STEMMED = [
    "root cause",
    "causing roots",
    "negotiation",
    "market pressures",
    "ally",
    "incentive talk",
    "escalate",
    "reformed budgets",
    "licensed",
    "summits",
]
NO_MATCH = ["zebra quantum xylophone", "qwzx", "marmalade dirigible", "nonexistentword"]
HOSTILE = [
    "NEAR(",
    '"',
    'root" OR "causes',
    "NEAR(root causes, 2)",
    "*",
    "root*",
    "quotes_fts:root",
    "^root",
    "') OR 1=1 --",
    "AND OR NOT",
    "((((",
    "-root",
    "{root causes}",
    "root\tcauses",
    "x" * 400,
    "ünïcödé ☃ 漢字",
]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def query_mix(db: Path | str, count: int, seed: int = 11) -> list[tuple[str, str]]:
    """`count` (kind, query) pairs in a fixed, shuffled order, from the archive at `db` (a SQLite file or a URL)."""
    rng = random.Random(seed)
    engine = create_engine(db if isinstance(db, str) else f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            quotes = list(conn.execute(text("SELECT text FROM quotes ORDER BY id LIMIT 20000")).scalars())
    finally:
        engine.dispose()
    kinds = ["exact", "exact", "multi", "stem", "typo", "none", "hostile"]
    out = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        if kind == "exact":
            words = rng.choice(quotes).split()
            start = rng.randrange(max(1, len(words) - 3))
            q = " ".join(words[start : start + rng.randint(2, 4)]).strip("“”.,")
        elif kind == "multi":
            q = " ".join(rng.sample(WORDS, rng.randint(2, 4)))
        elif kind == "stem":
            q = rng.choice(STEMMED)
        elif kind == "typo":
            q = " ".join(_typo(w, rng) if len(w) > 4 else w for w in rng.sample(WORDS, 2))
        elif kind == "none":
            q = rng.choice(NO_MATCH)
        else:
            q = rng.choice(HOSTILE)
        out.append((kind, q or "root causes"))
    rng.shuffle(out)
    return [("exact", "root causes")] + out[: count - 1]


def answered(response: httpx.Response) -> bool:
    """A 200 whose body is Bolt's ephemeral acknowledgement."""
    if response.status_code != 200:
        return False
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    return body.get("response_type") == "ephemeral" and bool(body.get("text"))


def over_http(url: str, hook_url: str, queries: list[tuple[str, str]]) -> tuple[list[float], Counter]:
    times: list[float] = []
    errors: Counter = Counter()
    with httpx.Client(timeout=10) as client:
        for _, q in queries[:20]:  # warm-up: connections, caches, vocabulary
            body = slash_body("/whosaid", q, response_url=hook_url + "cmd")
            client.post(url, content=body, headers=sign(body))
        for kind, q in queries:
            body = slash_body("/whosaid", q, response_url=hook_url + "cmd")
            start = time.perf_counter()
            try:
                response = client.post(url, content=body, headers=sign(body))
                ok = answered(response)
            except httpx.HTTPError:
                ok = False
            times.append(time.perf_counter() - start)
            if not ok:
                errors[kind] += 1
    return times, errors


def in_store(store, queries: list[tuple[str, str]]) -> tuple[list[float], dict[str, list[float]]]:  # type: ignore[no-untyped-def]
    times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    for kind, q in queries:
        start = time.perf_counter()
        try:
            store.whosaid(q, limit=5)
        except QueryError:
            pass
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
    return times, by_kind


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--briefings", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=2_000)
    ap.add_argument(
        "--db",
        metavar="URL",
        help="a PostgreSQL server (the URL of any database on it) to run on; default: SQLite in bench/out/",
    )
    ap.add_argument("--workers", type=int, default=1, help="ingest processes when the PostgreSQL archive is built")
    args = ap.parse_args()
    source = build_pg(args.briefings, args.db, workers=args.workers) if args.db else build(args.briefings)
    queries = query_mix(source if args.db else archive_path(args.briefings), args.requests)
    print(
        f"archive: {args.briefings:,} briefings + seed on {'PostgreSQL' if args.db else 'SQLite'}; "
        f"{len(queries):,} queries "
        f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(k for k, _ in queries).items()))})"
    )
    with (
        tempfile.TemporaryDirectory(prefix="bench-whosaid-") as tmp,
        running_bot(args.briefings, Path(tmp), db=args.db, workers=args.workers) as bot,
    ):
        times, errors = over_http(bot.url, bot.hook_url, queries)
        print(latency_line("/whosaid over HTTP (sequential)", times))
        print(f"errors: {sum(errors.values())}" + (f" ({dict(errors)})" if errors else ""))
        store_times, by_kind = in_store(bot.runtime.store, queries)
        print(latency_line("store.whosaid only", store_times))
        for kind, values in sorted(by_kind.items()):
            print("  " + latency_line(f"store.whosaid {kind}", values))
        print("load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()

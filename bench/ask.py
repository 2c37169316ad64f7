"""Latency of the two other full-text paths over a large archive, straight through the store.

    python bench/ask.py [--briefings 10000] [--requests 500]
                        [--db postgresql+psycopg://postgres@127.0.0.1:5432/test]

`Store.candidates` finds the quotes a pasted message may contain ("Who said this?" and asking the
bot); the messages are sentences of stored quotes, some framed (`X said "..."`), some reworded (a
word dropped, one replaced, two swapped), some with no quote in them. `Store.search_briefings` is
`/digest search`, timed with 1-3 word queries. Prints p50/p90/p99/max for each, and for pasted
messages how often the quote they were cut from is among the matches (bot.understand.match.rank),
for quotes among the newest 2,000 and among the first 200,000 separately. The archive is read only.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archive import archive_path, build, build_pg, latency_line
from bench.generate import EXPERTS, TOPICS, WORDS
from bot.store import QueryError, Store
from bot.understand.match import rank, search_words

FRAMES = ["{s} said “{q}”", "“{q}” — {s}", "Did {s} really say {q}?", "{q}", "Saw this today: {q}"]
#: "new" messages quote one of the newest NEWEST quotes, "old" one of the first 200,000.
NEWEST = 2_000
NOTHING = ["Lunch at noon, anyone bringing cake?", "The printer on floor three is jammed again", "ok thanks!"]


def _sample(db: str, rng: random.Random, n: int, newest: bool) -> list[tuple[int, str]]:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            bound = conn.execute(text("SELECT max(id) FROM quotes")).scalar() or 0
            lo, hi = (max(1, bound - NEWEST), bound) if newest else (1, min(bound, 200_000))
            ids = sorted(rng.sample(range(lo, hi + 1), min(n * 3, hi - lo + 1)))
            rows = conn.execute(text("SELECT id, text FROM quotes WHERE id IN (" + ",".join(map(str, ids)) + ")")).all()
    finally:
        engine.dispose()
    rows = [(int(r.id), str(r.text)) for r in rows if len(str(r.text).split()) >= 6]
    return rng.sample(rows, min(n, len(rows)))


def _reword(quote: str, rng: random.Random) -> str:
    words = quote.split()
    how = rng.randrange(3)
    i = rng.randrange(1, len(words) - 1)
    if how == 0:
        del words[i]
    elif how == 1:
        words[i] = rng.choice(WORDS)
    else:
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def pasted_mix(db: str, count: int, seed: int = 5) -> list[tuple[str, str | None, str]]:
    """`count` (kind, source quote or None, message): kinds are new/old (verbatim or reworded) and none."""
    rng = random.Random(seed)
    out: list[tuple[str, str | None, str]] = []
    per = max(1, count * 9 // 20)
    for kind, newest in (("new", True), ("old", False)):
        for _id, quote in _sample(db, rng, per, newest):
            q = _reword(quote, rng) if rng.random() < 0.5 else quote
            out.append((kind, quote, rng.choice(FRAMES).format(s=rng.choice(EXPERTS), q=q)))
    while len(out) < count:
        out.append(("none", None, rng.choice(NOTHING)))
    rng.shuffle(out)
    return out


def search_mix(count: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    pool = WORDS + [t.split()[0] for t in TOPICS] + ["zebra", "quantum", "marmalade"]
    return [" ".join(rng.sample(pool, rng.randint(1, 3))) for _ in range(count)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--briefings", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--db", metavar="URL", help="a PostgreSQL server to run on; default: SQLite in bench/out/")
    args = ap.parse_args()
    url = build_pg(args.briefings, args.db) if args.db else f"sqlite:///{build(args.briefings)}"
    if not args.db:
        assert archive_path(args.briefings).exists()
    pasted = pasted_mix(url, args.requests)
    searches = search_mix(args.requests)
    store = Store.open(url, create=False)
    try:
        for _, _, message in pasted[:20]:  # warm-up
            store.candidates(search_words(message))
        times: list[float] = []
        by_kind: dict[str, list[float]] = {}
        found: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for kind, source, message in pasted:
            start = time.perf_counter()
            candidates = store.candidates(search_words(message))
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            if source is not None:
                matches, _near = rank(message, candidates)
                total[kind] += 1
                found[kind] += any(s.hit.quote == source for s in matches)
        print(
            f"archive: {args.briefings:,} briefings on {'PostgreSQL' if args.db else 'SQLite'}; "
            f"{len(pasted)} pasted messages, {len(searches)} searches"
        )
        print(latency_line("Store.candidates (pasted message)", times))
        for kind, values in sorted(by_kind.items()):
            print("  " + latency_line(f"candidates {kind}", values))
        print("  source quote among the matches: " + ", ".join(f"{k} {found[k]}/{total[k]}" for k in sorted(total)))
        for q in searches[:20]:
            store.search_briefings(q, limit=10)
        s_times: list[float] = []
        for q in searches:
            start = time.perf_counter()
            try:
                store.search_briefings(q, limit=10)
            except QueryError:
                pass
            s_times.append(time.perf_counter() - start)
        print(latency_line("Store.search_briefings (1-3 words)", s_times))
        print("load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    finally:
        store.close()


if __name__ == "__main__":
    main()

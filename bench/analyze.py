"""Analysis throughput: parse + echo repair + attribution + bullets over generated briefings.

    python bench/analyze.py [--count 1000] [--folder bench/out/briefings]

Prints briefings per second and MB/s on one core (one process, no threads).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import write_folder
from bot.understand.analyze import read


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--folder", type=Path, default=Path("bench/out/briefings"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    paths = write_folder(args.folder, args.count)
    files = [(p.name, p.read_bytes()) for p in paths]
    size = sum(len(d) for _, d in files)
    quotes = sum(len(b.quotes) for name, data in files for b in read(data, name))  # warm-up
    best = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        for name, data in files:
            read(data, name)
        best = min(best, time.perf_counter() - start)
    print(f"briefings: {len(files)} files, {size / 1e6:.2f} MB, {quotes} quotes")
    print(
        f"best of {args.rounds}: {best:.2f} s -> {len(files) / best:,.0f} briefings/s, {size / 1e6 / best:.2f} MB/s (one core)"
    )


if __name__ == "__main__":
    main()

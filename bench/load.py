"""Concurrent load on the real bot over HTTP: signed /whosaid and /digest latest from C clients.

    python bench/load.py [--clients 50] [--seconds 30 | --requests N] [--briefings 10000]
    python bench/load.py --clients 50 --rate 20 --seconds 30   # open loop: 20 requests/s offered
    python bench/load.py --soak 600 [--clients 50]

The bot (uvicorn + Bolt + SQLite store on a copy of the cached archive, Slack Web API stand-in on
loopback) runs in this process; the clients run in a second process (asyncio, one httpx.AsyncClient,
C requests in flight) so they neither share the bot's interpreter lock nor count in its memory.
Each request body is unique (slash_body's trigger_id), so replay protection never refuses one.
An error is a transport failure, a non-200, or a 200 without Bolt's ephemeral acknowledgement.

Prints requests/s, p50/p90/p99/max latency and the errors. With --soak, the bot's resident memory
(VmRSS of this process) after warm-up, every minute, and at the end, with the growth in %.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import queue
import random
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archive import archive_path, build, latency_line, running_bot
from bench.whosaid import answered, query_mix
from tests.support.signing import sign, slash_body

DIGEST_SHARE = 0.3  # the rest are /whosaid
REPORT_EVERY = 10.0  # seconds between progress messages from the client process
KEEPALIVE = 2.0  # seconds a client keeps an idle connection


@dataclass
class Plan:
    url: str
    hook_url: str
    clients: int
    seconds: float
    requests: int  # 0: run for `seconds`
    warmup: float
    queries: list[str]
    rate: float = 0.0  # offered requests/s over all clients (Poisson arrivals); 0: back to back


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory of this process (the bot), from /proc/self/status. `RssAnon` leaves out the
    pages of files mapped into memory (SQLite's mmap of the archive), so it shows what could leak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory_line(base: tuple[float, float] | None = None) -> tuple[str, tuple[float, float]]:
    now = (rss_mb(), rss_mb("RssAnon"))
    text = f"RSS {now[0]:.1f} MB, anonymous {now[1]:.1f} MB"
    if base:
        text += f" (RSS {_growth(base[0], now[0])}, anonymous {_growth(base[1], now[1])})"
    return text, now


# -- the client process ---------------------------------------------------------------------------


def clients_main(plan: Plan, out: mp.Queue) -> None:
    asyncio.run(_drive(plan, out))


async def _drive(plan: Plan, out: mp.Queue) -> None:
    # Idle connections are dropped well before uvicorn's 5 s keep-alive timeout; at equal timeouts a
    # request can go out on a connection the server is closing that instant (a ReadError).
    limits = httpx.Limits(
        max_connections=plan.clients, max_keepalive_connections=plan.clients, keepalive_expiry=KEEPALIVE
    )
    async with httpx.AsyncClient(timeout=10, limits=limits) as client:
        await _phase(client, plan, time.monotonic() + plan.warmup, 0, None)
        out.put(("warm", None))
        times: list[float] = []
        errors: Counter = Counter()
        start = time.monotonic()
        deadline = start + plan.seconds if not plan.requests else float("inf")
        reporter = asyncio.create_task(_report(out, times, errors))
        await _phase(client, plan, deadline, plan.requests, (times, errors))
        elapsed = time.monotonic() - start
        reporter.cancel()
    out.put(("done", (times, dict(errors), elapsed)))


async def _phase(
    client: httpx.AsyncClient, plan: Plan, deadline: float, total: int, record: tuple[list[float], Counter] | None
) -> None:
    budget = [total]

    async def one_client(n: int) -> None:
        rng = random.Random(n)
        due = time.monotonic()
        while time.monotonic() < deadline:
            if plan.rate:
                due += rng.expovariate(plan.rate / plan.clients)
                await asyncio.sleep(max(0.0, min(due, deadline) - time.monotonic()))
                if time.monotonic() >= deadline:
                    return
            if total:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            command, text = (
                ("/digest", "latest") if rng.random() < DIGEST_SHARE else ("/whosaid", rng.choice(plan.queries))
            )
            elapsed, error = await _request(client, plan, command, text)
            if record is not None:
                record[0].append(elapsed)
                if error:
                    record[1][error] += 1

    await asyncio.gather(*(one_client(n) for n in range(plan.clients)))


async def _request(client: httpx.AsyncClient, plan: Plan, command: str, text: str) -> tuple[float, str | None]:
    body = slash_body(command, text, response_url=plan.hook_url + "cmd")
    start = time.perf_counter()
    try:
        response = await client.post(plan.url, content=body, headers=sign(body))
        error = None if answered(response) else f"{command} {response.status_code}"
    except httpx.HTTPError as exc:
        error = f"{command} {type(exc).__name__}"
    return time.perf_counter() - start, error


async def _report(out: mp.Queue, times: list[float], errors: Counter) -> None:
    while True:
        await asyncio.sleep(REPORT_EVERY)
        out.put(("progress", (len(times), sum(errors.values()))))


# -- the bot's process ----------------------------------------------------------------------------


def run(plan: Plan, soak: bool) -> None:
    out: mp.Queue = mp.get_context("spawn").Queue()
    worker = mp.get_context("spawn").Process(target=clients_main, args=(plan, out), daemon=True)
    worker.start()
    kind, _ = out.get(timeout=plan.warmup + 120)
    assert kind == "warm"
    start = time.monotonic()
    base_text, base = memory_line()
    first = tracemalloc.take_snapshot() if tracemalloc.is_tracing() else None
    if soak:
        print(f"memory: start (after {plan.warmup:.0f} s warm-up) {base_text}", flush=True)
    done, progress, next_minute = None, (0, 0), 60.0
    while done is None:
        try:
            kind, payload = out.get(timeout=1)
        except queue.Empty:
            kind, payload = "", None
        if kind == "progress":
            progress = payload
        elif kind == "done":
            done = payload
        if soak and time.monotonic() - start >= next_minute and done is None:
            now_text, _ = memory_line(base)
            print(
                f"memory: {next_minute / 60:.0f} min {now_text}, {progress[0]:,} requests, {progress[1]} errors",
                flush=True,
            )
            next_minute += 60
    worker.join(10)
    times, errors, elapsed = done
    _summary(plan, times, errors, elapsed)
    if soak:
        end_text, _ = memory_line(base)
        print(f"memory: end {end_text}")
    if first is not None:
        _python_growth(first, tracemalloc.take_snapshot())


def _python_growth(first: tracemalloc.Snapshot, last: tracemalloc.Snapshot) -> None:
    """Where Python-level allocations grew (C allocations, such as SQLite's page cache, are not traced)."""
    stats = last.compare_to(first, "lineno")
    print(f"python heap: {sum(s.size_diff for s in stats) / 1e6:+.1f} MB traced; largest growth:")
    for stat in stats[:8]:
        print(f"  {stat.size_diff / 1e6:+.2f} MB {stat.count_diff:+,} blocks {stat.traceback}")


def _growth(base: float, now: float) -> str:
    return f"{(now - base) / base * 100:+.1f}%"


def _summary(plan: Plan, times: list[float], errors: dict[str, int], elapsed: float) -> None:
    offered = f"offered {plan.rate:g}/s, " if plan.rate else ""
    print(
        f"clients: {plan.clients}, {offered}{len(times):,} requests in {elapsed:.1f} s -> {len(times) / elapsed:,.1f} requests/s "
        f"({DIGEST_SHARE:.0%} /digest latest, the rest /whosaid)"
    )
    print(latency_line("latency", times))
    total = sum(errors.values())
    print(f"errors: {total}" + (f" ({errors})" if total else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--requests", type=int, default=0, help="stop after this many requests instead of --seconds")
    ap.add_argument(
        "--soak", type=float, default=0.0, metavar="SECONDS", help="steady load this long, with memory readings"
    )
    ap.add_argument("--rate", type=float, default=0.0, help="offered requests/s (Poisson); default: back to back")
    ap.add_argument(
        "--warmup",
        type=float,
        default=None,
        metavar="SECONDS",
        help="load before measuring (default 5 s; 120 s with --soak, so caches and pools are full)",
    )
    ap.add_argument("--briefings", type=int, default=10_000)
    ap.add_argument("--tracemalloc", action="store_true", help="also show where Python allocations grew (slower)")
    args = ap.parse_args()
    if args.tracemalloc:
        tracemalloc.start()
    build(args.briefings)
    queries = [q for _, q in query_mix(archive_path(args.briefings), 500)]
    seconds = args.soak or args.seconds
    if args.warmup is None:
        args.warmup = 120.0 if args.soak else 5.0
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp, running_bot(args.briefings, Path(tmp)) as bot:
        plan = Plan(
            bot.url,
            bot.hook_url,
            args.clients,
            seconds,
            0 if args.soak else args.requests,
            args.warmup,
            queries,
            args.rate,
        )
        run(plan, soak=bool(args.soak))


if __name__ == "__main__":
    main()

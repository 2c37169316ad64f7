"""Time from starting `digestbot run` to its first /healthz 200 and its first answered command,
with a backlog of briefings waiting and a slow Slack.

    .venv/bin/python bench/startup.py --briefings 200 --latency 10

The bot is a real subprocess in HTTP mode on a fresh SQLite file; the Slack Web API stand-in on
loopback takes `--latency` seconds for every call (auth.test included). Each run starts from
scratch; the figures are the best, median and worst of `--runs`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.killpoints import BotProcess, bot_env
from tests.support.signing import sign, slash_body
from tests.support.slack_standin import SlackStandin


def backlog(inbox: Path, count: int) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = f"date 2025-06-{i % 28 + 1:02d} Briefing {i}\n\nIntro\n\nAlice Ward said “item {i} is on track” on Monday.\n"
        (inbox / f"b{i:04d}.txt").write_text(text, encoding="utf-8")


def until(what: str, call, timeout: float) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if call():
                return time.monotonic()
        except httpx.HTTPError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"no {what} within {timeout:.0f} s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used (Linux /proc), a figure the machine's load does not inflate."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(briefings: int, latency: float, timeout: float) -> tuple[float, float, int, float]:
    with tempfile.TemporaryDirectory(prefix="digestbot-startup-") as tmp, SlackStandin() as standin:
        work = Path(tmp)
        backlog(work / "briefings", briefings)
        standin.latency = latency
        bot = BotProcess(work, bot_env(work, standin.url, f"sqlite:///{work / 'bot.db'}", DIGEST_POLL_SECONDS="60"))
        started = time.monotonic()
        try:
            healthy = until(
                "/healthz 200", lambda: httpx.get(bot.url + "/healthz", timeout=1).status_code == 200, timeout
            )
            cpu = cpu_seconds(bot.proc.pid)
            body = slash_body("/digest", "help")
            answered = until(
                "answer",
                lambda: (
                    httpx.post(bot.url + "/slack/events", content=body, headers=sign(body), timeout=5).status_code
                    == 200
                ),
                timeout,
            )
            posts = len(standin.calls_to("chat.postMessage"))
        finally:
            bot.kill()
        return healthy - started, answered - started, posts, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--briefings", type=int, default=200)
    parser.add_argument("--latency", type=float, default=10.0, help="seconds every Slack call takes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    runs = [one_run(args.briefings, args.latency, args.timeout) for _ in range(args.runs)]
    health = sorted(r[0] for r in runs)
    answer = sorted(r[1] for r in runs)
    print(f"start with {args.briefings} briefings waiting, Slack {args.latency:g} s per call, {args.runs} runs")
    print(
        f"first /healthz 200: best {health[0]:.2f} s, median {statistics.median(health):.2f} s, worst {health[-1]:.2f} s"
    )
    print(
        f"first /digest help answered: best {answer[0]:.2f} s, median {statistics.median(answer):.2f} s, "
        f"worst {answer[-1]:.2f} s"
    )
    print(f"CPU the bot used until its first /healthz 200: median {statistics.median(r[3] for r in runs):.2f} s")
    print(f"chat.postMessage calls by then: {max(r[2] for r in runs)} (auth.test answers first)")
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"] * 3
    print(f"machine load average during the runs: {' '.join(load)} ({__import__('os').cpu_count()} cores)")


if __name__ == "__main__":
    main()

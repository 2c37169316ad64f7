"""The bot as a real subprocess (`python -m bot run`), killed with SIGKILL at observable points.

A kill point is a condition seen from outside: a call held by the Slack stand-in, a row state in
the database, a message in the channel. `wait_until` polls for it with a bounded wait, then
`BotProcess.kill()` sends SIGKILL: no handler, no `finally`, no flush runs in the bot.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

import httpx

from tests.support.bot_server import free_port

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float, what: str, interval: float = 0.05) -> T:
    """Poll `condition` until it returns something truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def bot_env(workdir: Path, api_url: str, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a bot in HTTP mode against a local Slack stand-in."""
    env = {
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "HOME": str(workdir),
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": "xoxb-standin-token",
        "SLACK_SIGNING_SECRET": "test-signing-secret-8f2c",
        "SLACK_API_URL": api_url,
        "DIGEST_DATABASE_URL": database_url,
        "DIGEST_INBOX": str(workdir / "briefings"),
        "DIGEST_CHANNEL": "C0DIGEST",
        "DIGEST_POLL_SECONDS": "1",
        "DIGEST_INBOX_SETTLE_SECONDS": "0",  # the tests write whole files atomically
        "PORT": str(free_port()),
    }
    env.update(extra)
    return env


class BotProcess:
    """One run of the bot; stdout and stderr go to files in `workdir` (kept across restarts)."""

    def __init__(self, workdir: Path, env: Mapping[str, str], name: str = "bot") -> None:
        self.workdir = workdir
        self.env = dict(env)
        self.stdout = workdir / f"{name}.stdout"
        self.stderr = workdir / f"{name}.stderr"
        (workdir / "briefings").mkdir(exist_ok=True)
        with self.stdout.open("ab") as out, self.stderr.open("ab") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], cwd=workdir, env=self.env, stdout=out, stderr=err
            )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.env['PORT']}"

    def wait_healthy(self, timeout: float = 30) -> None:
        def healthy() -> bool:
            if self.proc.poll() is not None:
                raise AssertionError(f"the bot exited with {self.proc.returncode}: {self.stderr.read_text()[-2000:]}")
            try:
                return httpx.get(self.url + "/healthz", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(healthy, timeout, "the bot's /healthz", interval=0.1)

    def kill(self) -> None:
        """SIGKILL, then reap."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> int:
        """SIGTERM (a clean shutdown), then reap; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.proc.returncode

    def output(self) -> str:
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

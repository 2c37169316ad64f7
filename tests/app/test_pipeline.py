"""The whole bot against the Slack stand-in: inbox to channel, exactly once, across restarts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from bot.outbox import METADATA_EVENT_TYPE
from bot.runtime import build
from tests.support.archive import rejected
from tests.support.bot_server import SEED, settings_for
from tests.support.clock import FakeClock

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2025-06-02-grid-sample.txt"


def test_a_briefing_dropped_in_the_inbox_is_posted_once_with_valid_blocks(tmp_path, slack_standin):
    settings = settings_for(tmp_path, slack_standin)
    runtime = build(settings)
    runtime.runner.tick()
    assert slack_standin.posted("C0DIGEST") == []
    shutil.copy(SEED, settings.inbox / "seed.txt")
    runtime.runner.tick()
    runtime.runner.tick()
    posted = slack_standin.posted("C0DIGEST")
    assert len(posted) == 1
    message = posted[0]
    assert message["blocks"][0]["type"] == "header" and len(message["blocks"]) <= 50
    assert message["metadata"]["event_type"] == METADATA_EVENT_TYPE
    assert "Putin" in json.dumps(message["blocks"], ensure_ascii=False)
    # a restart on the same database posts nothing again
    build(settings).runner.tick()
    assert len(slack_standin.posted("C0DIGEST")) == 1


def test_a_corrected_briefing_updates_its_message(tmp_path, slack_standin):
    settings = settings_for(tmp_path, slack_standin)
    path = settings.inbox / "grid.txt"
    shutil.copy(SAMPLE, path)
    runtime = build(settings)
    runtime.runner.tick()
    assert len(slack_standin.posted("C0DIGEST")) == 1
    path.write_text(path.read_text().replace("THE GRID BRIEF", "THE GRID BRIEF (corrected)"))
    runtime.runner.tick()
    posted = slack_standin.posted("C0DIGEST")
    assert len(posted) == 1 and "corrected" in posted[0]["blocks"][0]["text"]["text"]
    assert slack_standin.calls_to("chat.update")


def test_crash_between_send_and_confirm_never_posts_twice(tmp_path, slack_standin):
    settings = settings_for(tmp_path, slack_standin)
    shutil.copy(SEED, settings.inbox / "seed.txt")
    slack_standin.drop_next("chat.postMessage")  # Slack stores the post, the bot never hears back
    clock = FakeClock()
    runtime = build(settings, clock)
    runtime.runner.tick()
    assert len(slack_standin.posted("C0DIGEST")) == 1
    assert runtime.store.outbox.counts().get("sent", 0) == 0
    clock.advance(120)  # past the send's lease and the history's settling time
    restarted = build(settings, clock)  # a restart, then the periodic reconcile
    restarted.runner.sender.reconcile()
    restarted.runner.tick()
    assert len(slack_standin.posted("C0DIGEST")) == 1
    assert restarted.store.outbox.counts().get("sent") == 1


def test_rate_limited_then_posted_once(tmp_path, slack_standin):
    settings = settings_for(tmp_path, slack_standin)
    shutil.copy(SEED, settings.inbox / "seed.txt")
    slack_standin.fail_next("chat.postMessage", status=429, headers={"Retry-After": "0"})
    runtime = build(settings)
    runtime.runner.tick()
    runtime.runner.tick()
    assert len(slack_standin.posted("C0DIGEST")) == 1


def test_a_rejected_briefing_is_kept_and_does_not_block_the_others(tmp_path, slack_standin):
    settings = settings_for(tmp_path, slack_standin)
    (settings.inbox / "broken.txt").write_bytes(b"\x00\x01\x02" * 1000)
    shutil.copy(SEED, settings.inbox / "seed.txt")
    runtime = build(settings)
    runtime.runner.tick()
    assert len(slack_standin.posted("C0DIGEST")) == 1
    assert [r.name for r in rejected(runtime.store)] == ["broken.txt"]


def test_console_mode_prints_each_digest_once(tmp_path):
    (tmp_path / "briefings").mkdir()
    shutil.copy(SAMPLE, tmp_path / "briefings")
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path), "DIGEST_INBOX_SETTLE_SECONDS": "0"}
    run = [sys.executable, "-m", "bot", "run", "--once"]
    first = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "THE GRID BRIEF" in first.stdout and "Sofia" in first.stdout
    assert (tmp_path / "data" / "digestbot.db").exists()
    again = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "THE GRID BRIEF" not in again.stdout

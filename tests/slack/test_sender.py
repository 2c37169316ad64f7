"""The sender against the real SQL outbox and the Slack stand-in: every part is posted exactly once."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from bot.outbox import METADATA_EVENT_TYPE
from bot.pipeline import digest_parts, ingest
from bot.slack.client import make_client
from bot.slack.sender import Sender
from bot.understand.model import Briefing, Bullet, Section
from tests.support.slack_standin import STANDIN_TOKEN

store_module = pytest.importorskip("bot.store", reason="bot.store is not available")
if not hasattr(store_module, "Store"):
    pytest.skip("bot.store has no Store yet", allow_module_level=True)
Store = store_module.Store

CHANNEL = "C0DIGEST"
SEED = Path(__file__).parent.parent / "corpus" / "seed.txt"


def briefing(sections: int = 2) -> Briefing:
    return Briefing(
        source="Example Wire",
        title="Daily brief",
        date=dt.date(2025, 6, 2),
        quotes=[],
        sections=[
            Section(f"Topic {i}", [], [Bullet(f"Point {i}.{j} " + "detail " * 30) for j in range(4)])
            for i in range(sections)
        ],
    )


@pytest.fixture
def store(tmp_path, clock):
    s = Store.open(f"sqlite:///{tmp_path}/t.db", clock=clock)
    yield s
    s.close()


@pytest.fixture
def sender(store, slack_standin, clock):
    slack_standin.clock = lambda: clock().timestamp()  # message ts on the same time line as the outbox
    client = make_client(STANDIN_TOKEN, slack_standin.url, timeout=0.5, rate_limit_retries=0, backoff_factor=0.01)
    return Sender(store.outbox, client, clock, sleep=clock.sleep, pacer=store)


def plan(store, version: int = 1, sections: int = 2) -> list[dict]:
    """Enqueue a digest for the stored seed briefing (rendered from a generated one of any length)."""
    [stored] = ingest(store, SEED.read_bytes(), "seed.txt")
    briefing_id = stored.briefing_id
    assert briefing_id is not None
    parts = digest_parts(briefing(sections), briefing_id=briefing_id, version=version, roster={})
    store.outbox.enqueue(CHANNEL, briefing_id, version, parts)
    return parts


def plan_many(store, count: int, channel: str = CHANNEL, start: int = 0) -> list[int]:
    """Enqueue one-part digests of `count` distinct briefings for `channel`; their briefing ids."""
    ids = []
    for i in range(start, start + count):
        text = f"date 2025-06-{i % 28 + 1:02d} Brief number {i}\n\nAlice said “point {i} matters”.\n"
        [stored] = ingest(store, text.encode(), f"b{i}.txt")
        assert stored.briefing_id is not None
        parts = digest_parts(briefing(1), briefing_id=stored.briefing_id, version=1, roster={})
        store.outbox.enqueue(channel, stored.briefing_id, 1, parts[:1])
        ids.append(stored.briefing_id)
    return ids


def posts(standin) -> int:
    return len(standin.calls_to("chat.postMessage"))


def payloads(standin) -> list[tuple[int, int, int]]:
    out = []
    for m in standin.posted(CHANNEL):
        p = m["metadata"]["event_payload"]
        assert m["metadata"]["event_type"] == METADATA_EVENT_TYPE
        out.append((p["briefing_id"], p["version"], p["part"]))
    return out


def test_posts_once_with_valid_blocks(store, sender, slack_standin):
    parts = plan(store)
    assert sender.deliver_due() == 1
    [message] = slack_standin.posted(CHANNEL)
    assert message["blocks"] == parts[0]["blocks"] and message["text"] == parts[0]["text"]
    [delivery] = store.outbox.deliveries(CHANNEL)
    assert payloads(slack_standin) == [(delivery.briefing_id, 1, 0)] and delivery.ts == message["ts"]
    assert store.outbox.counts() == {"sent": 1}
    assert sender.deliver_due() == 0 and posts(slack_standin) == 1


def test_long_digest_replies_in_thread_paced_per_channel(store, sender, slack_standin, clock):
    parts = plan(store, sections=60)
    assert len(parts) > 1
    start = clock()
    assert sender.deliver_due() == len(parts)
    messages = slack_standin.posted(CHANNEL)
    assert [m.get("thread_ts") for m in messages[1:]] == [messages[0]["ts"]] * (len(parts) - 1)
    briefing_id = parts[0]["metadata"]["event_payload"]["briefing_id"]
    assert sorted(payloads(slack_standin)) == [(briefing_id, 1, i) for i in range(len(parts))]
    assert (clock() - start).total_seconds() >= len(parts) - 1  # at least a second between posts


def test_rate_limited_waits_retry_after_and_posts_once(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.fail_next("chat.postMessage", 429, headers={"Retry-After": "30"})
    assert sender.deliver_due() == 0
    assert store.outbox.counts() == {"pending": 1}
    clock.advance(29)
    assert sender.deliver_due() == 0 and posts(slack_standin) == 1
    clock.advance(1)
    assert sender.deliver_due() == 1
    assert posts(slack_standin) == 2 and len(slack_standin.posted(CHANNEL)) == 1


def test_lost_answer_is_reconciled_not_reposted(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.drop_next("chat.postMessage")
    assert sender.deliver_due() == 0
    assert store.outbox.counts() == {"unknown": 1}
    assert sender.reconcile() == 0  # too fresh to judge
    clock.advance(15)
    assert sender.reconcile() == 1
    [delivery] = store.outbox.deliveries(CHANNEL)
    assert delivery.state == "sent" and delivery.ts == slack_standin.posted(CHANNEL)[0]["ts"]
    assert sender.deliver_due() == 0
    assert posts(slack_standin) == 1 and len(slack_standin.posted(CHANNEL)) == 1
    history = slack_standin.calls_to("conversations.history")
    assert len(history) == 1 and history[0].params["include_all_metadata"] in (True, "1", "true")


def test_post_by_a_process_that_died_is_found(store, sender, slack_standin, clock):
    plan(store)
    claimed = store.outbox.claim(clock(), lease_seconds=30)
    assert claimed is not None  # the process posts, then dies before recording the outcome
    sender.client.chat_postMessage(channel=CHANNEL, **claimed.payload)
    clock.advance(20)
    assert sender.reconcile() == 0 and sender.deliver_due() == 0  # the lease still holds
    clock.advance(20)
    assert sender.reconcile() == 1 and sender.deliver_due() == 0
    assert store.outbox.counts() == {"sent": 1} and posts(slack_standin) == 1


def test_timeout_after_processing_is_reconciled(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.hang_next("chat.postMessage", 0.8)
    sender.deliver_due()
    assert store.outbox.counts() == {"unknown": 1}
    clock.advance(15)
    sender.reconcile()
    assert store.outbox.counts() == {"sent": 1} and len(slack_standin.posted(CHANNEL)) == 1


@pytest.mark.parametrize("processed", [False, True])
def test_server_error_then_success_posts_once(store, sender, slack_standin, clock, processed):
    plan(store)
    slack_standin.fail_next("chat.postMessage", 500, process=processed)
    assert sender.deliver_due() == 0
    assert store.outbox.counts() == {"unknown": 1} and posts(slack_standin) == 1  # no blind retry
    clock.advance(15)
    assert sender.reconcile() == (1 if processed else 0)  # not found yet proves nothing: it may show later
    if not processed:
        clock.advance(120)  # past the settle window: now "not in the history" means never posted
        assert sender.reconcile() == 1
    assert store.outbox.counts() == ({"sent": 1} if processed else {"pending": 1})
    sender.deliver_due()
    assert store.outbox.counts() == {"sent": 1}
    assert len(slack_standin.posted(CHANNEL)) == 1


def test_internal_error_is_uncertain(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.fail_next("chat.postMessage", 200, error="internal_error", process=True)
    sender.deliver_due()
    assert store.outbox.counts() == {"unknown": 1}
    clock.advance(15)
    sender.reconcile()
    sender.deliver_due()
    assert store.outbox.counts() == {"sent": 1} and len(slack_standin.posted(CHANNEL)) == 1


@pytest.mark.parametrize("error", ["invalid_blocks", "msg_too_long"])
def test_permanent_errors_fail(store, sender, slack_standin, error):
    plan(store)
    slack_standin.fail_next("chat.postMessage", 200, error=error)
    assert sender.deliver_due() == 0
    [delivery] = store.outbox.deliveries(CHANNEL)
    assert delivery.state == "failed" and delivery.error == error
    assert sender.deliver_due() == 0 and posts(slack_standin) == 1


def test_connection_refused_is_retried_later(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.down("refuse")
    sender.deliver_due()
    assert store.outbox.counts() == {"pending": 1}
    slack_standin.up()
    clock.advance(10)
    assert sender.deliver_due() == 1 and len(slack_standin.posted(CHANNEL)) == 1


def test_history_reads_are_budgeted_per_method(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.drop_next("chat.postMessage")
    slack_standin.fail_next("conversations.history", 200, error="internal_error")
    sender.deliver_due()
    clock.advance(15)
    assert sender.reconcile() == 0  # the read failed; the delivery stays unknown
    clock.advance(30)
    assert sender.reconcile() == 0 and len(slack_standin.calls_to("conversations.history")) == 1
    clock.advance(30)
    assert sender.reconcile() == 1 and len(slack_standin.calls_to("conversations.history")) == 2
    assert store.outbox.counts() == {"sent": 1}


def test_history_reads_are_budgeted_per_workspace_not_per_channel(store, sender, slack_standin, clock):
    """Slack counts conversations.history per method per workspace: two channels share one read a minute."""
    ids = plan_many(store, 1, channel="C0ONE") + plan_many(store, 1, channel="C0TWO", start=1)
    slack_standin.drop_next("chat.postMessage", times=2)
    sender.deliver_due()
    assert store.outbox.counts() == {"unknown": 2} and len(ids) == 2
    clock.advance(15)
    assert sender.reconcile() == 1 and len(slack_standin.calls_to("conversations.history")) == 1
    clock.advance(61)
    assert sender.reconcile() == 1 and len(slack_standin.calls_to("conversations.history")) == 2
    assert store.outbox.counts() == {"sent": 2}


def test_a_rate_limited_history_read_waits_its_retry_after(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.drop_next("chat.postMessage")
    slack_standin.fail_next("conversations.history", 429, headers={"Retry-After": "150"})
    sender.deliver_due()
    clock.advance(15)
    assert sender.reconcile() == 0
    clock.advance(61)
    assert sender.reconcile() == 0 and len(slack_standin.calls_to("conversations.history")) == 1
    clock.advance(90)
    assert sender.reconcile() == 1 and store.outbox.counts() == {"sent": 1}


def test_correction_updates_in_place(store, sender, slack_standin):
    plan(store)
    sender.deliver_due()
    ts = slack_standin.posted(CHANNEL)[0]["ts"]
    plan(store, version=2)
    assert sender.deliver_due() == 1
    [message] = slack_standin.posted(CHANNEL)
    assert message["ts"] == ts and message["metadata"]["event_payload"]["version"] == 2
    assert posts(slack_standin) == 1 and len(slack_standin.calls_to("chat.update")) == 1


def test_token_never_logged(store, sender, slack_standin, clock, caplog):
    caplog.set_level(logging.DEBUG)
    plan(store)
    slack_standin.fail_next("chat.postMessage", 500)
    sender.deliver_due()
    clock.advance(15)
    sender.reconcile()
    sender.deliver_due()
    assert STANDIN_TOKEN not in caplog.text


def test_busy_channel_is_paged_before_judging(store, sender, slack_standin, clock):
    plan(store)
    slack_standin.drop_next("chat.postMessage")
    sender.deliver_due()
    for i in range(20):  # other traffic after our post pushes it off the first page
        sender.client.chat_postMessage(channel=CHANNEL, text=f"chatter {i}")
    clock.advance(15)
    assert sender.reconcile() == 0 and store.outbox.counts() == {"unknown": 1}
    clock.advance(60)
    assert sender.reconcile() == 1 and store.outbox.counts() == {"sent": 1}
    assert len(slack_standin.calls_to("conversations.history")) == 2
    assert sum("metadata" in m for m in slack_standin.posted(CHANNEL)) == 1

"""The delivery lifecycle against the Slack stand-in: blocked until fixed and resumed, public channels
joined so their history can be read, late-appearing posts and clock skew never duplicated, posts to
one channel paced across threads and processes."""

from __future__ import annotations

import threading

import pytest

from bot.outbox import WORKSPACE
from bot.slack.client import make_client
from bot.slack.sender import Sender
from bot.store import Store
from tests.slack.test_sender import CHANNEL, plan, plan_many, posts
from tests.support.slack_standin import STANDIN_TOKEN


@pytest.fixture
def store(tmp_path, clock):
    s = Store.open(f"sqlite:///{tmp_path}/t.db", clock=clock)
    yield s
    s.close()


@pytest.fixture
def told() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def sender(store, slack_standin, clock, told):
    slack_standin.clock = lambda: clock().timestamp()
    client = make_client(STANDIN_TOKEN, slack_standin.url, timeout=0.5, rate_limit_retries=0, backoff_factor=0.01)
    return Sender(
        store.outbox,
        client,
        clock,
        sleep=clock.sleep,
        pacer=store,
        on_blocked=lambda channel, error: told.append((channel, error)),
    )


BLOCKS = {
    "not_in_channel": ("outside_channels", "private channel before /invite"),
    "channel_not_found": ("unknown_channels", "a channel the bot cannot see"),
    "is_archived": ("archived_channels", "an archived channel"),
}


@pytest.mark.parametrize("error", list(BLOCKS))
def test_a_blocked_channel_waits_with_its_reason_and_resumes_when_fixed(store, sender, slack_standin, told, error):
    attr, _ = BLOCKS[error]
    getattr(slack_standin, attr).add(CHANNEL)
    plan_many(store, 3)
    plan_many(store, 1, channel="C0OTHER", start=3)
    assert sender.deliver_due() == 1  # the other channel goes on
    assert posts(slack_standin) == 2  # one attempt in the blocked channel, then it waits
    states = {d.briefing_id: d.state for d in store.outbox.deliveries(CHANNEL)}
    assert sorted(states.values()) == ["blocked", "pending", "pending"]
    [block] = store.outbox.blocks()
    assert (block.channel, block.reason, block.waiting) == (CHANNEL, error, 3)
    assert told == [(CHANNEL, error)]
    assert sender.deliver_due() == 0 and posts(slack_standin) == 2  # nothing retried blindly
    getattr(slack_standin, attr).discard(CHANNEL)  # invited / unarchived / created
    assert store.outbox.unblock(CHANNEL) == 1
    assert sender.deliver_due() == 3
    assert len(slack_standin.posted(CHANNEL)) == 3 and store.outbox.blocks() == []
    assert told == [(CHANNEL, error)]  # told once


def test_a_rejected_token_blocks_every_channel_and_resumes_when_it_works(store, sender, slack_standin, told):
    slack_standin.tokens = {"xoxb-rotated"}
    plan_many(store, 2)
    plan_many(store, 1, channel="C0OTHER", start=2)
    assert sender.deliver_due() == 0 and posts(slack_standin) == 1
    assert [(b.channel, b.reason) for b in store.outbox.blocks()] == [(WORKSPACE, "invalid_auth")]
    assert told == [(WORKSPACE, "invalid_auth")]
    sender.reconcile()  # still rejected: stays blocked
    assert store.outbox.blocks() and sender.deliver_due() == 0
    slack_standin.tokens = {STANDIN_TOKEN}
    sender.reconcile()  # auth.test works again: the block is lifted
    assert store.outbox.blocks() == []
    assert sender.deliver_due() == 3
    assert store.outbox.counts() == {"sent": 3}


def test_retry_requeues_blocked_and_failed_but_never_superseded(store, sender, slack_standin):
    slack_standin.outside_channels.add(CHANNEL)
    plan(store)
    sender.deliver_due()
    slack_standin.outside_channels.discard(CHANNEL)
    slack_standin.fail_next("chat.postMessage", 200, error="invalid_blocks")
    plan_many(store, 1, channel="C0OTHER", start=5)
    sender.deliver_due()
    assert store.outbox.counts() == {"blocked": 1, "failed": 1}
    assert store.outbox.retry() == 2
    assert sender.deliver_due() == 2 and store.outbox.counts() == {"sent": 2}


def test_a_public_channel_not_joined_is_joined_so_an_uncertain_post_settles(store, sender, slack_standin, clock):
    """chat:write.public posts without membership, but the history needs it: join, then read."""
    slack_standin.nonmember_channels.add(CHANNEL)
    parts = plan(store, sections=60)
    assert len(parts) > 1
    slack_standin.drop_next("chat.postMessage")  # part 0 stored, the answer lost
    sender.deliver_due()
    clock.advance(15)
    sender.reconcile()  # not_in_channel on the read: the bot joins
    assert len(slack_standin.calls_to("conversations.join")) == 1
    clock.advance(61)
    assert sender.reconcile() == 1
    sender.deliver_due()  # the thread parts follow
    assert store.outbox.counts() == {"sent": len(parts)}
    assert len(slack_standin.posted(CHANNEL)) == len(parts)


def test_a_private_channel_post_is_not_rescued_by_joining(store, sender, slack_standin):
    slack_standin.outside_channels.add(CHANNEL)
    plan(store)
    sender.deliver_due()
    assert store.outbox.counts() == {"blocked": 1}
    assert [c.params["channel"] for c in slack_standin.calls_to("conversations.join")] == [CHANNEL]


def test_a_post_that_shows_in_the_history_late_is_found_not_reposted(store, sender, slack_standin, clock):
    """Slack stored the post after our client gave up, and the history shows it 90 s later."""
    plan(store)
    slack_standin.history_lag = 90
    slack_standin.drop_next("chat.postMessage")
    sender.deliver_due()
    for _ in range(4):
        clock.advance(45)
        sender.reconcile()
        sender.deliver_due()
    assert store.outbox.counts() == {"sent": 1}
    assert posts(slack_standin) == 1 and len(slack_standin.posted(CHANNEL)) == 1


@pytest.mark.parametrize("measured", [False, True], ids=["skew-unknown", "skew-measured"])
def test_a_bot_clock_ahead_of_slack_does_not_duplicate(store, sender, slack_standin, clock, measured):
    slack_standin.clock = lambda: clock().timestamp() - 90  # Slack's clock 90 s behind ours
    if measured:
        plan_many(store, 1, channel="C0OTHER", start=7)
        assert sender.deliver_due() == 1 and sender.skew == pytest.approx(-90, abs=1)
    plan(store)
    slack_standin.drop_next("chat.postMessage")
    sender.deliver_due()
    for _ in range(4):
        clock.advance(61)
        sender.reconcile()
        sender.deliver_due()
    assert len(slack_standin.posted(CHANNEL)) == 1 and store.outbox.counts().get("sent") == 1 + measured


def test_posts_to_one_channel_are_paced_across_senders_sharing_the_database(tmp_path, slack_standin):
    """Two senders (two delivery paths, or two bots on one database) post to one channel in turn."""
    url = f"sqlite:///{tmp_path}/shared.db"
    stores = [Store.open(url), Store.open(url)]
    plan_many(stores[0], 6)
    senders = [
        Sender(s.outbox, make_client(STANDIN_TOKEN, slack_standin.url, rate_limit_retries=0), min_interval=0.4, pacer=s)
        for s in stores
    ]
    threads = [threading.Thread(target=s.deliver_due) for s in senders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    stamps = sorted(float(m["ts"]) for m in slack_standin.posted(CHANNEL))
    assert len(stamps) == 6
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    assert min(gaps) >= 0.35, gaps
    for s in stores:
        s.close()

"""Briefings from feeds and mailboxes, through the whole bot to the Slack stand-in."""

from __future__ import annotations

import imaplib
import itertools
import json
import shutil
from email.message import EmailMessage

import pytest

from bot.runtime import build
from tests.sources.test_feed import LONG, item, rss
from tests.support.bot_server import SEED, settings_for
from tests.support.http_server import LocalHTTPServer, Reply
from tests.support.imap_server import PASSWORD, DovecotServer, dovecot_binary

LOOPBACK = ["127.0.0.1/32"]


@pytest.fixture
def http():
    server = LocalHTTPServer().start()
    yield server
    server.stop()


def _feed_settings(tmp_path, standin, url, **extra):
    return settings_for(tmp_path, standin, sources=[{"name": "think-tank", "kind": "feed", "url": url, **extra}])


def test_a_feed_polled_twice_posts_each_entry_once_and_updates_an_edit(tmp_path, slack_standin, http):
    http.routes["/feed.xml"] = Reply(
        rss(item("g1", "Sanctions", LONG), item("g2", "Energy", LONG)), content_type="application/rss+xml", etag='"v1"'
    )
    runtime = build(_feed_settings(tmp_path, slack_standin, http.url("/feed.xml"), allow_private=LOOPBACK))
    runtime.runner.tick()
    runtime.runner.tick()
    posted = slack_standin.posted("C0DIGEST")
    assert sorted(m["blocks"][0]["text"]["text"].split(" — ")[0] for m in posted) == ["Energy", "Sanctions"]
    assert http.requests[-1][1].get("if-none-match") == '"v1"'  # the second poll was conditional
    edited = LONG.replace("Monday", "Tuesday")
    http.routes["/feed.xml"] = Reply(
        rss(item("g1", "Sanctions (corrected)", edited), item("g2", "Energy", LONG)),
        content_type="application/rss+xml",
        etag='"v2"',
    )
    runtime.runner.tick()
    posted = slack_standin.posted("C0DIGEST")
    assert len(posted) == 2 and slack_standin.calls_to("chat.update")
    assert any("corrected" in json.dumps(m["blocks"]) for m in posted)


def test_a_private_address_is_refused_and_the_other_sources_go_on(tmp_path, slack_standin, http):
    http.routes["/feed.xml"] = Reply(rss(item("g1", "Sanctions", LONG)), content_type="application/rss+xml")
    settings = _feed_settings(tmp_path, slack_standin, http.url("/feed.xml"))  # no allow_private
    shutil.copy(SEED, settings.inbox / "seed.txt")
    runtime = build(settings)
    runtime.runner.tick()
    assert http.requests == []  # never connected
    status = runtime.store.source_state("think-tank")
    assert "127.0.0.1 is a loopback address" in status["last_error"] and status["failures"] == 1
    assert len(slack_standin.posted("C0DIGEST")) == 1  # the inbox briefing still went out


_users = itertools.count()


@pytest.mark.skipif(dovecot_binary() is None, reason="needs the dovecot binary: apt-get install -y dovecot-imapd")
def test_a_newsletter_in_the_mailbox_is_posted_once_and_marked_seen(tmp_path, slack_standin):
    server = DovecotServer().start()
    try:
        user = f"e2e{next(_users)}"
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "brief@example.org", "digest@example.org", "Morning briefing"
        msg["Date"], msg["Message-ID"] = "Mon, 04 Mar 2024 09:00:00 +0000", "<m1@example.org>"
        msg.set_content(LONG)
        conn = imaplib.IMAP4("127.0.0.1", server.port)
        conn.login(user, PASSWORD)
        conn.append("INBOX", None, None, msg.as_bytes())
        conn.logout()
        source = {
            "name": "mail",
            "kind": "imap",
            "host": "127.0.0.1",
            "port": server.port,
            "user": user,
            "password": PASSWORD,
            "ssl": False,
            "timeout": 5,
        }
        runtime = build(settings_for(tmp_path, slack_standin, sources=[source]))
        runtime.runner.tick()
        runtime.runner.tick()
        posted = slack_standin.posted("C0DIGEST")
        assert len(posted) == 1 and "Morning briefing" in posted[0]["blocks"][0]["text"]["text"]
        conn = imaplib.IMAP4("127.0.0.1", server.port)
        conn.login(user, PASSWORD)
        conn.select("INBOX", readonly=True)
        _, flags = conn.fetch("1", "(FLAGS)")
        conn.logout()
        assert b"\\Seen" in flags[0]
    finally:
        server.stop()

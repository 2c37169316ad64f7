"""ImapSource against a real Dovecot server on 127.0.0.1."""

from __future__ import annotations

import imaplib
import itertools
import shutil
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

import pytest

from bot.sources import ImapSource, SourceError
from bot.understand.analyze import read
from tests.support.imap_server import PASSWORD, DovecotServer, dovecot_binary, free_port

pytestmark = pytest.mark.skipif(
    dovecot_binary() is None, reason="needs the dovecot binary: apt-get install -y dovecot-imapd"
)

_users = itertools.count()
BODY = (
    "Ministers met in Brussels on Monday.\n\n"
    "\u201cWe will not accept a frozen conflict,\u201d the foreign minister said after the meeting.\n"
)


@pytest.fixture(scope="module")
def dovecot():
    server = DovecotServer().start()
    yield server
    server.stop()


@dataclass
class Mailbox:
    server: DovecotServer
    user: str

    @property
    def port(self) -> int:
        return self.server.port


@pytest.fixture
def imap(dovecot, request):
    return Mailbox(dovecot, f"u{next(_users)}")


def _append(server: Mailbox, sender: str, subject: str, message_id: str | None, folder: str = "INBOX") -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "digest@example.org", subject
    msg["Date"] = "Mon, 04 Mar 2024 09:00:00 +0000"
    if message_id:
        msg["Message-ID"] = message_id
    msg.set_content(BODY)
    conn = imaplib.IMAP4("127.0.0.1", server.port)
    conn.login(server.user, PASSWORD)
    if folder != "INBOX":
        conn.create(folder)
    conn.append(folder, None, None, msg.as_bytes())
    conn.logout()


def _source(server: Mailbox, **kw) -> ImapSource:
    return ImapSource("mail", "127.0.0.1", server.user, PASSWORD, port=server.port, ssl=False, timeout=5, **kw)


def _flags(server: Mailbox) -> list[bytes]:
    conn = imaplib.IMAP4("127.0.0.1", server.port)
    conn.login(server.user, PASSWORD)
    conn.select("INBOX", readonly=True)
    _, data = conn.fetch("1:*", "(FLAGS)")
    conn.logout()
    return data


def test_unseen_messages_become_items_and_are_marked_seen_once_stored(imap):
    _append(imap, "Briefings <brief@example.org>", "Morning briefing", "<m1@example.org>")
    _append(imap, "Other <other@example.org>", "Second", "<m2@example.org>")
    source = _source(imap)
    items, state = source.poll({})
    assert [(i.item_key, i.content_type, i.source) for i in items] == [
        ("<m1@example.org>", "message/rfc822", "mail"),
        ("<m2@example.org>", "message/rfc822", "mail"),
    ]
    assert items[0].name == "Morning_briefing.eml"
    assert not any(b"\\Seen" in f for f in _flags(imap))  # not until the store holds them
    crashed, _ = _source(imap).poll(state)  # a bot that died before storing fetches them again
    assert [i.item_key for i in crashed] == [i.item_key for i in items]
    source.ack(items)
    assert all(b"\\Seen" in f for f in _flags(imap))
    again, _ = source.poll(state)
    assert again == []


def test_items_parse_in_the_core(imap):
    _append(imap, "brief@example.org", "Morning briefing", "<m1@example.org>")
    (item,), _ = _source(imap).poll({})
    (briefing,) = read(item.data, item.name, item.content_type)
    assert any("frozen conflict" in q.text for q in briefing.quotes)


def test_sender_filter(imap):
    _append(imap, "Briefings <brief@example.org>", "Wanted", "<m1@example.org>")
    _append(imap, "spam@example.net", "Unwanted", "<m2@example.org>")
    source = _source(imap, sender="brief@example.org")
    items, _ = source.poll({})
    assert [i.item_key for i in items] == ["<m1@example.org>"]
    source.ack(items)
    flags = _flags(imap)
    assert b"\\Seen" in flags[0] and b"\\Seen" not in flags[1]


def test_without_mark_messages_stay_unseen(imap):
    _append(imap, "brief@example.org", "One", "<m1@example.org>")
    source = _source(imap, mark=None)
    first, _ = source.poll({})
    source.ack(first)
    second, _ = source.poll({})
    assert [i.item_key for i in first] == [i.item_key for i in second] == ["<m1@example.org>"]


def test_message_without_message_id_gets_a_stable_key(imap):
    _append(imap, "brief@example.org", "No id", None)
    (item,), state = _source(imap).poll({})
    assert item.item_key == f"imap:INBOX:{state['uidvalidity']}:1"


def test_other_folder(imap):
    _append(imap, "brief@example.org", "Filed", "<f1@example.org>", folder="Briefings")
    items, _ = _source(imap, folder="Briefings").poll({})
    assert [i.item_key for i in items] == ["<f1@example.org>"]


def test_wrong_password_is_a_source_error():
    # its own server: Dovecot slows later logins from an address after a failed one
    server = DovecotServer().start()
    try:
        bad = ImapSource("mail", "127.0.0.1", "u", "wrong", port=server.port, ssl=False, timeout=5)
        with pytest.raises(SourceError, match=r"^IMAP 127\.0\.0\.1:\d+: .*(?i:authentication failed)"):
            bad.poll({})
    finally:
        server.stop()


def test_missing_folder_is_a_source_error(imap):
    with pytest.raises(SourceError, match="IMAP"):
        _source(imap, folder="Nope").poll({})


def test_unreachable_server_is_a_source_error():
    port = free_port()  # nothing listens there
    with pytest.raises(SourceError, match=rf"^IMAP 127\.0\.0\.1:{port} unreachable: "):
        ImapSource("mail", "127.0.0.1", "u", PASSWORD, port=port, ssl=False, timeout=2).poll({})


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command for a test certificate")
def test_imaps_with_a_verified_certificate():
    server = DovecotServer(tls=True).start()
    try:
        box = Mailbox(server, "tlsuser")
        _append(box, "brief@example.org", "Over TLS", "<t1@example.org>")
        context = ssl.create_default_context(cafile=str(server.cert_path))
        source = ImapSource(
            "mail", "127.0.0.1", box.user, PASSWORD, port=server.tls_port, ssl_context=context, timeout=5
        )
        items, _ = source.poll({})
        assert [i.item_key for i in items] == ["<t1@example.org>"]
        untrusted = ImapSource("mail", "127.0.0.1", box.user, PASSWORD, port=server.tls_port, timeout=5)
        with pytest.raises(SourceError, match="CERTIFICATE_VERIFY_FAILED"):
            untrusted.poll({})
    finally:
        server.stop()

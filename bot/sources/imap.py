"""A mailbox read over IMAP: each unseen message (optionally only from one sender) is one Item.

Messages are fetched with BODY.PEEK[] and flagged with `mark` (\\Seen by default) only in `ack`,
which the pipeline calls once the store holds them: a crash in between fetches them again (the
store recognises them) instead of losing them.
"""

from __future__ import annotations

import imaplib
import re
import ssl as ssl_module
from email.parser import BytesHeaderParser

from bot.sources.base import MAX_ITEM_BYTES, Item, SourceError

MAX_MESSAGES = 200
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")


class ImapSource:
    def __init__(
        self,
        name: str,
        host: str,
        user: str,
        password: str,
        *,
        port: int = 993,
        folder: str = "INBOX",
        sender: str | None = None,
        ssl: bool = True,
        mark: str | None = "\\Seen",
        timeout: float = 30,
        ssl_context: ssl_module.SSLContext | None = None,
    ) -> None:
        self.name = name
        self.host, self.port, self.user, self.password = host, port, user, password
        self.folder, self.sender, self.ssl, self.mark = folder, sender, ssl, mark
        self.timeout = timeout
        self.ssl_context = ssl_context
        self._uids: dict[str, bytes] = {}  # item_key -> UID of messages fetched but not yet acknowledged

    def poll(self, state: dict) -> tuple[list[Item], dict]:
        try:
            with self._connect() as conn:
                return self._poll(conn, state)
        except imaplib.IMAP4.error as exc:
            raise SourceError(f"IMAP {self.host}:{self.port}: {_text(exc.args)}") from None
        except (OSError, EOFError) as exc:
            raise SourceError(f"IMAP {self.host}:{self.port} unreachable: {exc or type(exc).__name__}") from None

    def ack(self, items: list[Item]) -> None:
        """Flag the messages behind `items` (now safely stored) with `mark`."""
        uids = [self._uids.pop(i.item_key) for i in items if i.item_key in self._uids]
        if not (uids and self.mark):
            return
        try:
            with self._connect() as conn:
                conn.select(_quote(self.folder))
                conn.uid("STORE", b",".join(uids).decode("ascii"), "+FLAGS", f"({self.mark})")
        except (imaplib.IMAP4.error, OSError, EOFError) as exc:
            raise SourceError(f"IMAP {self.host}:{self.port}: cannot flag messages: {exc}") from None

    def _connect(self) -> imaplib.IMAP4:
        conn: imaplib.IMAP4
        if self.ssl:
            context = self.ssl_context or ssl_module.create_default_context()
            conn = imaplib.IMAP4_SSL(self.host, self.port, ssl_context=context, timeout=self.timeout)
        else:
            conn = imaplib.IMAP4(self.host, self.port, timeout=self.timeout)
        conn.login(self.user, self.password)
        return conn

    def _poll(self, conn: imaplib.IMAP4, state: dict) -> tuple[list[Item], dict]:
        typ, _ = conn.select(_quote(self.folder))
        if typ != "OK":
            raise SourceError(f"IMAP folder {self.folder!r} cannot be opened")
        uidvalidity = _uidvalidity(conn)
        criteria = ["UNSEEN"] + (["FROM", _quote(self.sender)] if self.sender else [])
        typ, data = conn.uid("SEARCH", *criteria)
        if typ != "OK":
            raise SourceError(f"IMAP search failed: {_text(data)}")
        uids = (data[0] or b"").split()[:MAX_MESSAGES]
        items = [item for uid in uids if (item := self._message(conn, uid, uidvalidity))]
        return items, {"uidvalidity": uidvalidity, "last_count": len(items)}

    def _message(self, conn: imaplib.IMAP4, uid: bytes, uidvalidity: str) -> Item | None:
        typ, data = conn.uid("FETCH", uid.decode("ascii"), "(BODY.PEEK[])")
        raw = next((part[1] for part in data or [] if isinstance(part, tuple)), None)
        if typ != "OK" or raw is None:
            return None
        raw = raw[: MAX_ITEM_BYTES + 1]
        headers = BytesHeaderParser().parsebytes(raw)
        message_id = (headers.get("Message-ID") or "").strip()
        key = message_id or f"imap:{self.folder}:{uidvalidity}:{uid.decode()}"
        subject = (headers.get("Subject") or "").strip()
        name = f"{_safe_name(subject or key)}.eml"
        self._uids[key] = uid
        return Item(self.name, name, raw, "message/rfc822", key)


def _uidvalidity(conn: imaplib.IMAP4) -> str:
    _typ, data = conn.response("UIDVALIDITY")
    found = next((d for d in data or [] if d), b"")
    match = _UIDVALIDITY.search(found) if isinstance(found, bytes) and b"UIDVALIDITY" in found else None
    return (match.group(1) if match else found or b"0").decode() if isinstance(found, bytes) else str(found)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.@+-]+", "_", text)[:80].strip("_") or "message"


def _text(value) -> str:
    if isinstance(value, (list, tuple)) and value:
        value = value[0]
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value).split())

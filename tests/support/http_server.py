"""A real HTTP server on 127.0.0.1 for source tests, with routes set per test."""

from __future__ import annotations

import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """A canned response. `etag`/`last_modified` make the route answer conditional GETs with 304."""

    body: bytes | Iterable[bytes] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before the status line


Handler = Callable[[BaseHTTPRequestHandler], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # clients hanging up are expected here
            super().handle_error(request, client_address)


class LocalHTTPServer:
    def __init__(self) -> None:
        self.routes: dict[str, Reply | Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                owner.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = owner.routes.get(self.path)
                if route is None:
                    reply = Reply(b"not found", status=404, content_type="text/plain")
                else:
                    reply = route(self) if callable(route) else route
                owner._send(self, reply)

            def log_message(self, *args) -> None:
                pass

        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def start(self) -> LocalHTTPServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        status, body = reply.status, reply.body
        match_etag = reply.etag and handler.headers.get("If-None-Match") == reply.etag
        match_date = reply.last_modified and handler.headers.get("If-Modified-Since") == reply.last_modified
        if match_etag or match_date:
            status, body = 304, b""
        handler.send_response(status)
        handler.send_header("Content-Type", reply.content_type)
        for key, value in {"ETag": reply.etag, "Last-Modified": reply.last_modified}.items():
            if value:
                handler.send_header(key, value)
        for key, value in reply.headers.items():
            handler.send_header(key, value)
        try:
            if isinstance(body, bytes):
                handler.send_header("Content-Length", str(len(body)))
                handler.end_headers()
                handler.wfile.write(body)
            else:
                handler.send_header("Connection", "close")
                handler.end_headers()
                for chunk in body:
                    handler.wfile.write(chunk)
                handler.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True


def gzip_bomb(total: int = 1 << 30, block: int = 1 << 20) -> bytes:
    """About 1 MB of gzip that inflates to `total` zero bytes, built without compressing `total` bytes."""
    zeros = bytes(block)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)  # same bytes for every block after a full flush
    crc = 0
    for _ in range(total // block):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + piece * (total // block) + comp.flush() + struct.pack("<II", crc, total & 0xFFFFFFFF)

"""fetch() against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import resource
import zlib

import pytest

from bot.sources.base import SourceError
from bot.sources.fetch import fetch
from tests.sources.conftest import LOOPBACK
from tests.support.http_server import Reply, gzip_bomb

MiB = 1024 * 1024


def test_plain_get(http):
    http.routes["/a"] = Reply(b"<p>hello</p>", headers={"X-Test": "1"})
    got = fetch(http.url("/a"), allow_private=LOOPBACK)
    assert (got.status, got.body, got.not_modified) == (200, b"<p>hello</p>", False)
    assert got.content_type.startswith("text/html")
    assert got.headers["x-test"] == "1"


def test_host_header_is_the_original_host(http):
    http.routes["/a"] = Reply(b"x")
    fetch(f"http://localhost:{http.port}/a", allow_private=True)
    assert http.requests[-1][1]["host"] == f"localhost:{http.port}"


def test_loopback_is_refused_by_default_without_connecting(http):
    http.routes["/a"] = Reply(b"x")
    with pytest.raises(SourceError, match=r"^refused: 127\.0\.0\.1 is a loopback address$"):
        fetch(http.url("/a"))
    assert http.requests == []


def test_conditional_get_returns_not_modified(http):
    http.routes["/f"] = Reply(b"body", etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    first = fetch(http.url("/f"), allow_private=LOOPBACK)
    assert first.etag == '"v1"' and first.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"
    again = fetch(http.url("/f"), etag=first.etag, allow_private=LOOPBACK)
    assert again.not_modified and again.status == 304 and again.body == b""
    assert http.requests[-1][1]["if-none-match"] == '"v1"'
    by_date = fetch(http.url("/f"), last_modified=first.last_modified, allow_private=LOOPBACK)
    assert by_date.not_modified


def test_http_errors_are_source_errors(http):
    with pytest.raises(SourceError, match=r"HTTP 404 Not Found from http://127\.0\.0\.1"):
        fetch(http.url("/missing"), allow_private=LOOPBACK)


def test_slow_response_times_out(http):
    http.routes["/slow"] = Reply(b"late", delay=1.0)
    with pytest.raises(SourceError, match=r"^timed out after 0\.2 s: "):
        fetch(http.url("/slow"), timeout=0.2, allow_private=LOOPBACK)


def test_slow_drip_body_hits_the_overall_deadline(http):
    import time

    def drip():
        for _ in range(20):
            yield b"x" * 10
            time.sleep(0.05)

    http.routes["/drip"] = lambda _h: Reply(drip())
    with pytest.raises(SourceError, match=r"timed out after 0\.3 s"):
        fetch(http.url("/drip"), timeout=0.3, allow_private=LOOPBACK)


def test_declared_oversize_body_is_refused(http):
    http.routes["/big"] = Reply(b"x" * (MiB + 1))
    with pytest.raises(SourceError, match=r"^too large: over 1 MiB from "):
        fetch(http.url("/big"), max_bytes=MiB, allow_private=LOOPBACK)


def test_undeclared_oversize_body_is_cut_off(http):
    http.routes["/stream"] = lambda _h: Reply(iter([b"y" * 65536] * 40))
    with pytest.raises(SourceError, match="too large: over 1 MiB"):
        fetch(http.url("/stream"), max_bytes=MiB, allow_private=LOOPBACK)


def test_gzip_and_deflate_bodies_are_decoded(http):
    text = b"<p>compressed briefing</p>" * 100
    http.routes["/gz"] = Reply(gzip.compress(text), headers={"Content-Encoding": "gzip"})
    http.routes["/zl"] = Reply(zlib.compress(text), headers={"Content-Encoding": "deflate"})
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    http.routes["/raw"] = Reply(raw.compress(text) + raw.flush(), headers={"Content-Encoding": "deflate"})
    for path in ("/gz", "/zl", "/raw"):
        assert fetch(http.url(path), allow_private=LOOPBACK).body == text


def test_unsupported_encoding_is_refused(http):
    http.routes["/br"] = Reply(b"\x1b\x00", headers={"Content-Encoding": "br"})
    with pytest.raises(SourceError, match="unsupported content-encoding 'br'"):
        fetch(http.url("/br"), allow_private=LOOPBACK)


def test_corrupt_gzip_is_a_clear_error(http):
    http.routes["/bad"] = Reply(b"\x1f\x8b\x08\x00garbage-garbage", headers={"Content-Encoding": "gzip"})
    with pytest.raises(SourceError, match="bad compressed body"):
        fetch(http.url("/bad"), allow_private=LOOPBACK)


def test_gzip_bomb_is_refused_at_the_decoded_cap_with_little_memory(http):
    bomb = gzip_bomb()  # ~1 MB on the wire, 1 GiB decoded
    assert len(bomb) < 2 * MiB
    http.routes["/bomb"] = Reply(bomb, headers={"Content-Encoding": "gzip"}, content_type="application/rss+xml")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(SourceError, match=r"^too large: over 10 MiB from "):
        fetch(http.url("/bomb"), allow_private=LOOPBACK)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 64


def test_redirects_are_followed_and_the_final_url_reported(http):
    http.routes["/r1"] = Reply(status=301, headers={"Location": "/r2"})
    http.routes["/r2"] = Reply(status=302, headers={"Location": http.url("/end")})
    http.routes["/end"] = Reply(b"done")
    got = fetch(http.url("/r1"), allow_private=LOOPBACK)
    assert got.body == b"done" and got.url == http.url("/end")


def test_redirects_are_bounded(http):
    http.routes["/loop"] = Reply(status=302, headers={"Location": "/loop"})
    with pytest.raises(SourceError, match=r"too many redirects \(more than 3\)"):
        fetch(http.url("/loop"), max_redirects=3, allow_private=LOOPBACK)
    assert http.hits("/loop") == 4


def test_redirect_to_another_private_address_is_refused_before_connecting(http):
    http.routes["/go"] = Reply(status=302, headers={"Location": f"http://127.0.0.2:{http.port}/x"})
    with pytest.raises(SourceError, match=r"^refused: 127\.0\.0\.2 is a loopback address$"):
        fetch(http.url("/go"), allow_private=LOOPBACK)
    assert [p for p, _ in http.requests] == ["/go"]


@pytest.mark.parametrize(
    "target",
    [
        "http://2130706434/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ],
)
def test_redirect_hops_are_checked_like_the_first_url(http, target):
    http.routes["/go"] = Reply(status=302, headers={"Location": target})
    with pytest.raises(SourceError, match=r"^refused: "):
        fetch(http.url("/go"), allow_private=LOOPBACK)

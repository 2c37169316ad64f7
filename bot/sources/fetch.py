"""Guarded HTTP GET: public hosts only, redirects checked hop by hop, bounded body and decoded size.

Each hop resolves the host once, checks every address, and connects to the checked address
(sending the original Host header and TLS server name), so DNS cannot change between check and connect.
Bodies are read with `iter_raw` and decompressed incrementally with a cap, so a small gzip bomb
cannot inflate in memory (httpx's own decoding expands a whole network chunk at once).
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from bot.sources.addresses import AllowPrivate, checked_address
from bot.sources.base import MAX_ITEM_BYTES, SourceError

USER_AGENT = "digestbot/0.1 (+briefing digests)"
REDIRECTS = {301, 302, 303, 307, 308}
_PIECE = 64 * 1024


@dataclass(frozen=True)
class FetchResult:
    status: int
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    not_modified: bool = False

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_ITEM_BYTES,
    timeout: float = 10,
    max_redirects: int = 5,
    allow_private: AllowPrivate = False,
) -> FetchResult:
    """GET `url`. `timeout` bounds the whole fetch (all hops and the body), not just each read.

    Raises SourceError with a one-line reason; HTTP statuses >= 400 are errors too.
    """
    deadline = time.monotonic() + timeout
    conditional = {"if-none-match": etag, "if-modified-since": last_modified}
    headers = {"user-agent": USER_AGENT, "accept-encoding": "gzip, deflate"}
    headers |= {k: v for k, v in conditional.items() if v}
    with httpx.Client(follow_redirects=False, trust_env=False, verify=True) as client:
        for _hop in range(max_redirects + 1):
            target = _check_url(url, allow_private)
            try:
                result = _get(client, url, target, headers, max_bytes, deadline, timeout)
            except httpx.TimeoutException:
                raise SourceError(f"timed out after {timeout:g} s: {url}") from None
            except httpx.HTTPError as exc:
                raise SourceError(f"cannot fetch {url}: {type(exc).__name__}: {exc}") from None
            if not isinstance(result, str):
                return result
            url = _next_hop(url, result)
    raise SourceError(f"too many redirects (more than {max_redirects}) from {url}")


def check_url(url: str, *, allow_private: AllowPrivate = False) -> str:
    """The address the fetcher would connect to for `url`, or SourceError saying why it is refused."""
    return str(_check_url(url, allow_private).host)


def _check_url(url: str, allow_private: AllowPrivate) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise SourceError(f"refused: bad URL {url!r}: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise SourceError(f"refused: scheme {parsed.scheme or 'none'!r} (only http and https)")
    if parsed.userinfo:
        raise SourceError("refused: credentials in URL")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    ip = checked_address(parsed.host, port, allow_private=allow_private)
    return parsed.copy_with(host=str(ip))


def _next_hop(url: str, location: str) -> str:
    new = urljoin(url, location)
    if url.lower().startswith("https:") and new.lower().startswith("http:"):
        raise SourceError(f"refused: redirect from https to http ({new})")
    return new


def _get(client, url, target, headers, max_bytes, deadline, timeout) -> FetchResult | str:
    """One request; returns the result, or the Location to follow."""
    original = httpx.URL(url)
    host_header = original.netloc.decode("ascii")
    ext = {"sni_hostname": original.host} if original.scheme == "https" else {}
    remaining = _remaining(deadline, timeout, url)
    request = client.build_request(
        "GET", target, headers=headers | {"host": host_header}, timeout=remaining, extensions=ext
    )
    response = client.send(request, stream=True)
    try:
        status = response.status_code
        lowered = {k.lower(): v for k, v in response.headers.items()}
        if status in REDIRECTS and "location" in lowered:
            return lowered["location"]
        if status == 304:
            return FetchResult(status, url, lowered, b"", not_modified=True)
        if status >= 400:
            raise SourceError(f"HTTP {status} {response.reason_phrase} from {url}")
        body = _read_body(response, lowered, max_bytes, deadline, timeout, url)
        return FetchResult(status, url, lowered, body)
    finally:
        response.close()


def _remaining(deadline: float, timeout: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise SourceError(f"timed out after {timeout:g} s: {url}")
    return left


def _read_body(response, headers, max_bytes, deadline, timeout, url) -> bytes:
    too_large = f"too large: over {_size(max_bytes)} from {url}"
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise SourceError(too_large)
    decoder = _decoder(headers.get("content-encoding", ""), url)
    out = bytearray()
    wire = 0
    for chunk in response.iter_raw():
        _remaining(deadline, timeout, url)
        wire += len(chunk)
        if wire > max_bytes:
            raise SourceError(too_large)
        decoder.feed(chunk, out, max_bytes, too_large)
    decoder.finish(out, max_bytes, too_large)
    return bytes(out)


class _Decoder:
    """Bounded incremental decompression: never produces more than the cap (plus one piece)."""

    def __init__(self, wbits: int | None, url: str) -> None:
        self.wbits = wbits
        self.url = url
        self.obj = zlib.decompressobj(wbits) if wbits is not None else None
        self.started = False

    def feed(self, chunk: bytes, out: bytearray, cap: int, too_large: str) -> None:
        if self.obj is None:
            out += chunk
            return
        data = chunk
        while True:
            try:
                piece = self.obj.decompress(data, _PIECE)
            except zlib.error as exc:
                if self.wbits == zlib.MAX_WBITS and not self.started:  # "deflate" sent raw
                    self.wbits, self.obj = -zlib.MAX_WBITS, zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise SourceError(f"bad compressed body from {self.url}: {exc}") from None
            self.started = True
            out += piece
            if len(out) > cap:
                raise SourceError(too_large)
            data = self.obj.unconsumed_tail
            if not data and len(piece) < _PIECE:
                return

    def finish(self, out: bytearray, cap: int, too_large: str) -> None:
        if self.obj is not None:
            out += self.obj.flush(_PIECE)
            if len(out) > cap:
                raise SourceError(too_large)


def _decoder(encoding: str, url: str) -> _Decoder:
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
    if not codings:
        return _Decoder(None, url)
    if len(codings) > 1:
        raise SourceError(f"unsupported content-encoding {encoding!r} from {url}")
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}.get(codings[0])
    if wbits is None:
        raise SourceError(f"unsupported content-encoding {codings[0]!r} from {url}")
    return _Decoder(wbits, url)


def _size(n: int) -> str:
    if n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    return f"{n:,} bytes"

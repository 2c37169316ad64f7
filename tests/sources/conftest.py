from __future__ import annotations

import pytest

from tests.support.http_server import LocalHTTPServer

LOOPBACK = ["127.0.0.1/32"]  # the test server's address, and nothing else


@pytest.fixture
def http():
    server = LocalHTTPServer().start()
    yield server
    server.stop()

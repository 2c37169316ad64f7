from __future__ import annotations

import datetime as dt

import pytest

from tests.support.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

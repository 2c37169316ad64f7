from __future__ import annotations

import datetime as dt

import pytest

from tests.support.fixtures import slack_standin, slack_token  # noqa: F401  (fixtures for this package)


class FakeClock:
    """An aware UTC clock that moves only when told to (`sleep` moves it too)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)

    sleep = advance


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

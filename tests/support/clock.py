"""A clock tests move by hand."""

from __future__ import annotations

import datetime as dt


class FakeClock:
    """An aware UTC clock that moves only when told to (`sleep` moves it too)."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)

    sleep = advance

from __future__ import annotations

import datetime as dt

from bot.sources import InboxSource, next_try_after, poll_safely
from bot.sources.health import Health

T0 = dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.timezone.utc)


class Exploding:
    """A source with a bug (not a SourceError)."""

    name = "broken"

    def poll(self, state):
        raise KeyError("oops\nsecond line")


def test_backoff_doubles_from_one_minute_to_one_hour():
    delays = [next_try_after(n, T0) - T0 for n in range(0, 10)]
    minutes = [d.total_seconds() / 60 for d in delays]
    assert minutes == [0, 1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert next_try_after(10_000, T0) - T0 == dt.timedelta(hours=1)


def test_failures_are_recorded_and_back_off(tmp_path):
    source = InboxSource("inbox", tmp_path / "missing")
    out = poll_safely(source, {"files": {"a.txt": [1, 2]}}, T0)
    assert out.items == [] and out.error.startswith("inbox folder missing")
    h = out.health
    assert h.failures == 1 and h.next_try == T0 + dt.timedelta(minutes=1)
    assert out.state == {"files": {"a.txt": [1, 2]}}  # the source's own state is kept on failure, and only it

    skipped = poll_safely(source, out.state, T0 + dt.timedelta(seconds=30), out.health)
    assert skipped.skipped and skipped.error is None and skipped.state == out.state and skipped.health == h

    again = poll_safely(source, out.state, T0 + dt.timedelta(minutes=1), out.health)
    assert again.health.failures == 2
    assert again.health.next_try == T0 + dt.timedelta(minutes=3)


def test_success_resets_failures_and_keeps_the_last_error(tmp_path):
    source = InboxSource("inbox", tmp_path / "later")
    failed = poll_safely(source, {}, T0)
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "a.txt").write_text("Minister says hello.")
    now = T0 + dt.timedelta(minutes=2)
    ok = poll_safely(source, failed.state, now, failed.health)
    assert ok.error is None and [i.item_key for i in ok.items] == ["a.txt"]
    h = ok.health
    assert h.failures == 0 and h.last_success == now and h.next_try is None
    assert h.last_error and h.last_error.startswith("inbox folder missing")
    assert "a.txt" in ok.state["files"]


def test_unexpected_exceptions_never_escape():
    out = poll_safely(Exploding(), None, T0)
    assert out.error == "unexpected KeyError: 'oops\\nsecond line'"
    assert "\n" not in out.error and out.health == Health(1, out.error, None, T0 + dt.timedelta(minutes=1))

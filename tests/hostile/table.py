"""Print the README's markdown table by running every hostile case through a fresh Store.

Run: python -m tests.hostile.table > /tmp/table.md
"""

from __future__ import annotations

import tempfile
import time

from bot.pipeline import ingest
from bot.store import Store
from tests.hostile.corpus import CASES, Case


def outcome(store: Store, case: Case) -> str:
    start = time.monotonic()
    try:
        results = ingest(store, case.data(), case.name)
    except Exception as exc:  # noqa: BLE001 - the table reports a crash instead of stopping
        return f"**raises {type(exc).__name__}**"
    took = time.monotonic() - start
    rejected = [r.reason for r in results if r.outcome == "rejected"]
    if rejected:
        what = f"rejected: `{rejected[0][:80]}`"
    else:
        kinds = sorted({r.outcome for r in results})
        what = f"parsed ({len(results)} briefing{'s' * (len(results) > 1)}; {', '.join(kinds)})"
    if case.bug:
        what += " — **bug**, xfail"
    return what + (f" ({took:.1f} s)" if took >= 0.5 else "")


def fresh_store() -> Store:
    return Store.open(f"sqlite:///{tempfile.mkdtemp()}/table.db")


def main() -> None:
    print("| case | 3.9 item | file | what happens | test id |")
    print("|---|---|---|---|---|")
    for case in CASES:
        test = f"test_briefings.py::…[{case.id}]"
        size = len(case.data())
        print(
            f"| {case.id} | {case.item} | `{case.name}` ({size:,} B{', generated' if case.big else ''}) "
            f"| {outcome(fresh_store(), case)} | `{test}` |"
        )


if __name__ == "__main__":
    main()

"""Write the small hostile cases into tests/hostile/inputs/ (run: python -m tests.hostile.make_inputs)."""

from __future__ import annotations

from tests.hostile.corpus import CASES, INPUTS

LIMIT = 200 * 1024


def main() -> None:
    INPUTS.mkdir(exist_ok=True)
    for case in CASES:
        if case.big:
            continue
        data = case.build()
        assert len(data) <= LIMIT, f"{case.id} is {len(data):,} bytes: mark it big"
        (INPUTS / case.name).write_bytes(data)
    print(f"wrote {sum(not c.big for c in CASES)} files to {INPUTS}")


if __name__ == "__main__":
    main()

"""The spaced-review queue at scale: rebuilding every card from a history (what the first
start after upgrading does), Home's due count, and listing what is due, at 1,000 and 10,000
sessions (SQLite).

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_review.py [-n 3]
        [--sizes 1000,10000]

Histories are built like the history-scale benchmark's (``history_fixture.py``). Figures are
medians of N runs, in-process (the rebuild replaces the cards each time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.history_fixture import build_history  # noqa: E402


def median_seconds(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    from interview.service.review import Reviews
    from interview.store.db import open_engine

    print(f"{'sessions':>9} {'cards':>6} {'rebuild':>9} {'due count':>10} {'due list':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            url = f"sqlite:///{Path(tmp) / f'h{size}.db'}"
            build_history(url, sessions=size, users=["me"])
            engine = open_engine(url)
            reviews = Reviews(engine, "me")
            rebuild = median_seconds(reviews.rebuild, args.n)
            count = median_seconds(reviews.summary, max(args.n, 5))
            listing = median_seconds(reviews.due, max(args.n, 5))
            cards = reviews.summary().total
            print(f"{size:>9} {cards:>6} {rebuild * 1000:>7.0f}ms {count * 1000:>8.1f}ms "
                  f"{listing * 1000:>7.1f}ms")
            engine.dispose()


if __name__ == "__main__":
    main()

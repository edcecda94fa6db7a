"""What counting mentor overrides costs ``stats``: the statistics queries at 10,000 sessions
(SQLite), with no note at all, with the override lookup switched off (machine scores only,
the query before mentors existed), and with 500 overrides.

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_mentor_stats.py [-n 5]
        [--sessions 10000]

In-process, median of N runs of ``history_queries.stats_rows`` (the home screen's and
``stats``' queries); the history is bulk-inserted by ``history_fixture.py``.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=10000)
    args = parser.parse_args()
    from sqlalchemy import text

    from interview.store import history_queries as hq
    from interview.store.db import open_engine

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'history.db'}"
        counts = build_history(url, sessions=args.sessions)
        engine = open_engine(url)

        def timed(label: str) -> None:
            runs = []
            for _ in range(args.n):
                with engine.connect() as conn:
                    t0 = time.perf_counter()
                    hq.stats_rows(conn, user="me")
                    runs.append(time.perf_counter() - t0)
            print(f"{label:<34} {statistics.median(runs):.3f} s")

        print(f"{counts['sessions']} sessions, {counts['attempts']} attempts")
        timed("no notes")
        counted = hq._counted_score
        hq._counted_score = lambda: hq.attempts.c.score  # type: ignore[assignment]
        timed("machine scores only (no lookup)")
        hq._counted_score = counted  # type: ignore[assignment]
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (name, created_at) "
                              "VALUES ('mentor', CURRENT_TIMESTAMP)"))
            conn.execute(text(
                "INSERT INTO answer_notes (attempt_id, author_id, text, score, reason, "
                "created_at) SELECT id, (SELECT id FROM users WHERE name = 'mentor'), 'n', 90, "
                "'r', CURRENT_TIMESTAMP FROM attempts ORDER BY id LIMIT 500"))
        timed("500 overrides")
        engine.dispose()


if __name__ == "__main__":
    main()

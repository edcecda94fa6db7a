"""What counting mentor overrides costs: ``stats``' queries at 10,000 sessions (SQLite) with
no note at all and with 500 overrides, and the write-time cost: refreshing one session's
per-question summaries (``store.summaries``, what every answer and override does).

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_mentor_stats.py [-n 5]
        [--sessions 10000]

In-process CPU time (the machine is shared), median of N runs of ``history_queries.stats_rows`` (the home screen's and
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
    from interview.store.summaries import refresh, refresh_session

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'history.db'}"
        counts = build_history(url, sessions=args.sessions)
        engine = open_engine(url)

        def timed(label: str) -> None:
            runs = []
            for _ in range(args.n):
                with engine.connect() as conn:
                    t0 = time.process_time()
                    hq.stats_rows(conn, user="me")
                    runs.append(time.process_time() - t0)
            print(f"{label:<34} {statistics.median(runs):.3f} s CPU")

        print(f"{counts['sessions']} sessions, {counts['attempts']} attempts")
        timed("no notes")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (name, created_at) "
                              "VALUES ('mentor', CURRENT_TIMESTAMP)"))
            conn.execute(text(
                "INSERT INTO answer_notes (attempt_id, author_id, text, score, reason, "
                "created_at) SELECT id, (SELECT id FROM users WHERE name = 'mentor'), 'n', 90, "
                "'r', CURRENT_TIMESTAMP FROM attempts ORDER BY id LIMIT 500"))
            refresh(conn, None)  # what the write paths do, here for every session at once
        timed("500 overrides")
        runs = []
        for sid in range(1, args.n * 20 + 1):
            with engine.begin() as conn:
                t0 = time.process_time()
                refresh_session(conn, sid)
                runs.append(time.process_time() - t0)
        print(f"{'refresh one session (write time)':<34} "
              f"{statistics.median(runs) * 1000:.1f} ms CPU")
        engine.dispose()


if __name__ == "__main__":
    main()

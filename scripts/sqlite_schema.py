"""Write interview/store/sqlite_schema.sql: the schema the migrations build, as one script.

    uv run python scripts/sqlite_schema.py [--check]

Run it after adding a migration (tests/store/test_fresh_schema.py fails until you do). It
replays every migration with Alembic into a temporary SQLite file and dumps the result
(``interview.store.fresh_schema.dump_schema``). ``--check`` only says whether the shipped
file is current (exit status 1 when it is not).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interview.store.db import create_db_engine, head_revision, run_migrations
from interview.store.fresh_schema import SCHEMA_FILE, comparable, dump_schema


def migrated_schema() -> str:
    """Replay every migration into a temporary file and dump what they built."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.db"
        engine = create_db_engine(f"sqlite:///{path}")
        try:
            run_migrations(engine)
        finally:
            engine.dispose()
        with sqlite3.connect(path) as conn:
            return dump_schema(conn, head_revision())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()
    text = migrated_schema()
    current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    same = comparable(text) == comparable(current)
    if args.check:
        print("up to date" if same else f"{SCHEMA_FILE.name} is out of date")
        return 0 if same else 1
    if same:
        print(f"{SCHEMA_FILE.name} is up to date (revision {head_revision()})")
        return 0
    SCHEMA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE.name} (revision {head_revision()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

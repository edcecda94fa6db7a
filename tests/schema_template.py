"""A new SQLite history gets its schema copied from one migrated once per test process.

Running the eight migrations costs about 0.1 s of CPU per fresh database, and some 160 tests
create one (a sixth of the suite's CPU time). The copy is the schema those same migrations
built, taken with SQLite's backup API, so every test still sees exactly what ``open_engine``
makes. Only an empty (zero-byte) SQLite file being brought to the newest revision takes the shortcut;
older revisions, PostgreSQL and tests marked ``real_migrations`` (the migration tests) run
Alembic as before.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

_template: Path | None = None


def _empty_sqlite_file(engine: Any) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:" \
            or url.database.startswith("file:"):
        return None
    path = Path(url.database)
    try:
        return path if path.is_file() and path.stat().st_size == 0 else None
    except OSError:
        return None


def _build_template(real_migrate: Callable[..., None]) -> Path:
    from interview.store.db import create_db_engine

    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="interview-tests-schema-"))
        path = folder / "template.db"
        engine = create_db_engine(f"sqlite:///{path}")
        try:
            real_migrate(engine)
        finally:
            engine.dispose()
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _template = path
    return _template


def copying_migrate(real_migrate: Callable[..., None]) -> Callable[..., None]:
    """``migrate`` that copies the template into an empty SQLite file asked for ``head``."""

    def migrate(engine: Any, target: str = "head") -> None:
        path = _empty_sqlite_file(engine) if target == "head" else None
        if path is None:
            real_migrate(engine, target)
            return
        template = _build_template(real_migrate)
        engine.dispose()  # no pooled connection holds the file while it is written
        src = sqlite3.connect(template)
        dst = sqlite3.connect(path)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()

    return migrate

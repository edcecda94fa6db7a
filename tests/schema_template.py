"""A new history gets its schema copied from one migrated once per test process.

Running the eight migrations costs about 0.1 s of CPU per fresh database (and as much again
in the PostgreSQL server), and some 200 tests create one: a sixth of the suite's CPU time.
The copy is the schema those same migrations built, so every test still sees exactly what
``open_engine`` makes: SQLite's backup API copies it into an empty (zero-byte) file, and on
the tests' own PostgreSQL server an empty test database is created again from a migrated
template database. Only a new database being brought to the newest revision takes the
shortcut; older revisions and tests marked ``real_migrations`` (the migration tests) run
Alembic as before.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

_template: Path | None = None
_PG_TEMPLATE = "interview_test_template"
_pg_template_ready: set[str] = set()


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


def _admin(host: str) -> Any:
    import psycopg

    return psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True)


def _empty_test_pg_database(engine: Any) -> tuple[str, str] | None:
    """(socket folder, database) of an empty database on the tests' own server, else None."""
    url = engine.url
    host = url.query.get("host")
    name = url.database or ""
    if url.get_backend_name() != "postgresql" or url.username != "postgres" \
            or not isinstance(host, str) or not name.startswith("interview_test_") \
            or name == _PG_TEMPLATE:
        return None
    from sqlalchemy import text

    with engine.connect() as conn:
        tables = conn.execute(text(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar_one()
    return (host, name) if tables == 0 else None


def _pg_from_template(engine: Any, host: str, name: str,
                      real_migrate: Callable[..., None]) -> None:
    from sqlalchemy import create_engine

    if host not in _pg_template_ready:
        with _admin(host) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_PG_TEMPLATE}"')
            conn.execute(f'CREATE DATABASE "{_PG_TEMPLATE}"')
        template = create_engine(engine.url.set(database=_PG_TEMPLATE))
        try:
            real_migrate(template)
        finally:
            template.dispose()
        _pg_template_ready.add(host)
    engine.dispose()  # CREATE DATABASE ... TEMPLATE needs both databases free
    with _admin(host) as conn:
        conn.execute(f'DROP DATABASE "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_PG_TEMPLATE}"')


def copying_migrate(real_migrate: Callable[..., None]) -> Callable[..., None]:
    """``migrate`` that copies the template into a new database asked for ``head``."""

    def migrate(engine: Any, target: str = "head") -> None:
        path = _empty_sqlite_file(engine) if target == "head" else None
        if path is None:
            pg = _empty_test_pg_database(engine) if target == "head" else None
            if pg is None:
                real_migrate(engine, target)
            else:
                _pg_from_template(engine, *pg, real_migrate)
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

"""A new test PostgreSQL database gets its schema copied from one migrated once per test
process.

Running the eight migrations costs about 0.1 s of CPU per fresh database (and as much again
in the PostgreSQL server). The copy is the schema those same migrations built, so every test
still sees exactly what ``open_engine`` makes: on the tests' own PostgreSQL server an empty
test database is created again from a migrated template database. Only a new database being
brought to the newest revision takes the shortcut; older revisions and tests marked
``real_migrations`` (the migration tests) run Alembic as before. (A new SQLite file needs no
help: the product builds it from its shipped schema script, interview/store/fresh_schema.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PG_TEMPLATE = "interview_test_template"
_pg_template_ready: set[str] = set()


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
    """``migrate`` that creates a new test PostgreSQL database asked for ``head`` from the
    template."""

    def migrate(engine: Any, target: str = "head") -> None:
        pg = _empty_test_pg_database(engine) if target == "head" else None
        if pg is None:
            real_migrate(engine, target)
        else:
            _pg_from_template(engine, *pg, real_migrate)

    return migrate

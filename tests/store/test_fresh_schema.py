"""A new SQLite history is built from the shipped schema script, which is exactly what the
migrations build; anything else still goes through Alembic."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from interview.store import fresh_schema
from interview.store.db import (
    create_db_engine,
    current_revision,
    head_revision,
    migrate,
    run_migrations,
)

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.real_migrations


def _schema(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        return sorted((t, n, fresh_schema.comparable(sql)[0]) for t, n, sql in rows)


def _script_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sqlite_schema",
                                                  ROOT / "scripts" / "sqlite_schema.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_script_is_what_the_migrations_build() -> None:
    shipped = fresh_schema.SCHEMA_FILE.read_text(encoding="utf-8")
    migrated = _script_module().migrated_schema()
    assert fresh_schema.comparable(migrated) == fresh_schema.comparable(shipped), \
        "the schema changed: run `uv run python scripts/sqlite_schema.py`"
    assert fresh_schema.shipped_revision(shipped) == head_revision()


def test_a_new_file_gets_the_migrated_schema_without_alembic(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    code = (f"import sys; from interview.store.db import open_engine; "
            f"open_engine({f'sqlite:///{fresh}'!r}).dispose(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "False"
    replayed = tmp_path / "replayed.db"
    engine = create_db_engine(f"sqlite:///{replayed}")
    try:
        run_migrations(engine)
    finally:
        engine.dispose()
    assert _schema(fresh) == _schema(replayed)
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() \
            == [(head_revision(),)]


def test_two_programs_creating_one_new_file_at_once_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.db'}"
    engines = [create_db_engine(url) for _ in range(4)]
    errors: list[BaseException] = []

    def open_one(engine: object) -> None:
        try:
            migrate(engine)  # type: ignore[arg-type]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert current_revision(engines[0]) == head_revision()
        with engines[0].connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
    finally:
        for e in engines:
            e.dispose()


def test_a_file_that_already_holds_tables_is_left_to_alembic(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        assert not fresh_schema.create_fresh(engine, head_revision())
        migrate(engine)  # Alembic adds its tables next to the foreign one
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    assert ("table", "notes") in {(t, n) for t, n, _ in _schema(path)}


def test_a_script_behind_the_migrations_is_not_used(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "old.sql"
    old.write_text(fresh_schema.SCHEMA_FILE.read_text(encoding="utf-8").replace(
        f"-- revision: {head_revision()}", "-- revision: 0001"), encoding="utf-8")
    monkeypatch.setattr(fresh_schema, "SCHEMA_FILE", old)
    engine = create_db_engine(f"sqlite:///{tmp_path / 'h.db'}")
    try:
        assert not fresh_schema.create_fresh(engine, head_revision())
        migrate(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()

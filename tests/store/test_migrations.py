"""Migrations: the migrated schema equals the models; upgrades keep data; bad databases are
refused with one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from interview.store import history_queries
from interview.store.db import (
    create_db_engine,
    current_revision,
    head_revision,
    known_revisions,
    migrate,
    open_engine,
)
from interview.store.errors import DatabaseError
from interview.store.models import Base
from interview.store.repository import Repository

pytestmark = pytest.mark.real_migrations


def test_there_are_at_least_two_revisions_in_a_line() -> None:
    revs = known_revisions()
    assert len(revs) >= 2 and revs[0] == "0001" and head_revision() == revs[-1]


def test_the_cheap_revision_list_matches_alembic() -> None:
    from interview.store.db import alembic_revisions

    assert known_revisions() == alembic_revisions()


def test_a_current_schema_is_checked_without_importing_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'h.db'}"
    open_engine(url).dispose()  # create and migrate
    code = ("import sys; from interview.store.db import open_engine; "
            f"open_engine({url!r}).dispose(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_migrating_an_empty_database_yields_the_models_schema(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_opening_twice_is_a_no_op(db_url: str) -> None:
    open_engine(db_url).dispose()
    engine = open_engine(db_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


REPORT = {
    "score": 50.0, "band": "weak", "criteria": [
        {"id": "definition", "label": "defines it", "weight": 2.0, "earned": 2.0,
         "status": "hit"},
        {"id": "detection", "label": "detects it", "weight": 2.0, "earned": 0.0,
         "status": "missed"},
    ],
}


def _fill_first_revision(engine_url: str) -> None:
    engine = create_db_engine(engine_url)
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    snapshot = {"question": {"id": "mlt-x", "prompt": "What?", "tags": ["t1"]},
                "rubric": {"criteria": []}, "round": "ml-theory", "bank": "b", "time_limit": 60}
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, name, created_at) "
                          "VALUES (1, 'ada', '2024-01-01 10:00:00')"))
        conn.execute(text(
            "INSERT INTO sessions (id, user_id, started_at, updated_at, mode, round, rounds, "
            "config, seed, score, app_version) VALUES (1, 1, '2024-01-01 10:00:00', "
            "'2024-01-01 10:05:00', 'practice', 'ml-theory', ',ml-theory,', :cfg, 5, 50.0, "
            "'0.0.1')"), {"cfg": json.dumps({"round": "ml-theory", "n": 1})})
        conn.execute(text(
            "INSERT INTO question_snapshots (id, content_hash, question_id, round, bank, data, "
            "created_at) VALUES (1, :h, 'mlt-x', 'ml-theory', 'b', :d, '2024-01-01 10:00:00')"),
            {"h": "a" * 64, "d": json.dumps(snapshot)})
        conn.execute(text(
            "INSERT INTO session_questions (id, session_id, position, snapshot_id, question_id, "
            "round) VALUES (1, 1, 0, 1, 'mlt-x', 'ml-theory')"))
        conn.execute(text(
            "INSERT INTO attempts (id, session_id, session_question_id, attempt_no, answer, "
            "skipped, score, band, report, hints_used, hint_penalty, elapsed, time_limit, "
            "followups, concluded, created_at, updated_at) VALUES (1, 1, 1, 1, 'my old answer', "
            ":f, 50.0, 'weak', :r, 0, 0.0, 75.0, 60, '[]', :t, '2024-01-01 10:01:00', "
            "'2024-01-01 10:01:00')"), {"r": json.dumps(REPORT), "f": False, "t": True})
    engine.dispose()


def test_upgrading_from_the_first_revision_keeps_the_data(db_url: str) -> None:
    _fill_first_revision(db_url)
    repo = Repository.open(db_url)  # migrates to head
    try:
        assert current_revision(repo.engine) == head_revision()
        with repo.engine.connect() as conn:
            [rec] = history_queries.history(conn, user="ada")
            stats = history_queries.stats_rows(conn, user="ada")
        assert (rec.id, rec.score, rec.answers, rec.rounds) == (1, 50.0, 1, ("ml-theory",))
        stored = repo.load_session(1, user="ada")
        [q] = stored.questions
        [a] = q.attempts
        assert a.answer == "my old answer"
        assert a.over_time  # backfilled: 75 s against a 60 s limit
        assert q.prompt == "What?" and q.tags == ("t1",)
        # criterion_results were backfilled from the stored report
        assert stats.missed == (("detection", "detects it", 1),)
    finally:
        repo.dispose()


def test_a_database_from_a_newer_version_is_refused(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer version of interview") as info:
        open_engine(db_url)
    assert "\n" not in str(info.value) and "9999_future" in str(info.value)


def test_a_corrupt_sqlite_file_gets_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "history.db"
    bad.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(DatabaseError, match="corrupt") as info:
        open_engine(f"sqlite:///{bad}")
    assert str(bad) in str(info.value) and "\n" not in str(info.value)
    assert bad.read_bytes().startswith(b"this is not")  # nothing overwritten


@pytest.mark.parametrize(("url", "message"), [
    ("not a url", "bad database URL"),
    ("nosuchdb://user@host/db", "unsupported database URL"),
    ("postgresql+psycopg://nobody@/nodb?host=/nonexistent-socket-dir",
     "cannot connect to the database"),
])
def test_bad_urls_and_unreachable_servers_are_one_line(url: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message) as info:
        open_engine(url)
    assert "\n" not in str(info.value)


def test_the_sqlite_folder_is_created_and_wal_is_on(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "history.db"
    engine = open_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 1000
    engine.dispose()
    assert path.is_file()

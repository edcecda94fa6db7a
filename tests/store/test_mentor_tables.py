"""Migration 0006: mentor notes and disputes, up and down, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from interview.store.db import (
    _alembic_config,
    create_db_engine,
    current_revision,
    head_revision,
    migrate,
)
from tests.store.old_rows import seed_session


def _tables(engine: object) -> set[str]:
    return set(inspect(engine).get_table_names())  # type: ignore[arg-type]


def test_0006_creates_and_drops_the_mentor_tables(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0004")
        assert not {"answer_notes", "disputes"} & _tables(engine)
        migrate(engine)
        assert current_revision(engine) == head_revision()
        assert {"answer_notes", "disputes"} <= _tables(engine)
        cols = {c["name"] for c in inspect(engine).get_columns("answer_notes")}
        assert cols == {"id", "attempt_id", "author_id", "author_name", "text", "score",
                        "reason", "created_at"}
        cols = {c["name"] for c in inspect(engine).get_columns("disputes")}
        assert {"criterion_id", "criterion_label", "words", "status", "resolved_by",
                "resolved_at", "resolver_name", "resolution"} <= cols
        cfg = _alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
        assert not {"answer_notes", "disputes"} & _tables(engine)
        assert current_revision(engine) == "0004"
        migrate(engine)  # and up again
        assert {"answer_notes", "disputes"} <= _tables(engine)
    finally:
        engine.dispose()


def test_0007_keeps_the_names_of_authors_and_resolvers_on_their_rows(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0006")
        with engine.begin() as conn:
            seed_session(conn, rounds="[]")
            conn.exec_driver_sql(
                "INSERT INTO session_questions (id, session_id, position, question_id, round, "
                "snapshot_id) VALUES (1, 1, 0, 'q', 'ml', 1)")
            conn.exec_driver_sql(
                "INSERT INTO attempts (id, session_id, session_question_id, attempt_no, "
                "answer, skipped, score, band, hints_used, hint_penalty, elapsed, time_limit, "
                "over_time, followups, concluded, created_at, updated_at) VALUES (1, 1, 1, 1, "
                "'a', false, 50, 'ok', 0, 0, 1, 60, false, '[]', true, '2026-01-01', "
                "'2026-01-01')")
            conn.exec_driver_sql(
                "INSERT INTO answer_notes (attempt_id, author_id, text, score, reason, "
                "created_at) VALUES (1, 2, 'n', 70, 'r', '2026-01-02')")
            conn.exec_driver_sql(
                "INSERT INTO disputes (attempt_id, criterion_id, criterion_label, words, status, "
                "created_at, resolved_by, resolved_at, resolution) VALUES (1, 'c', 'C', 'w', "
                "'accepted', '2026-01-02', 2, '2026-01-03', ''), (1, 'd', 'D', 'w', "
                "'pending', '2026-01-02', NULL, NULL, '')")
        migrate(engine)
        with engine.connect() as conn:
            assert list(conn.exec_driver_sql("SELECT author_name FROM answer_notes")) == [
                ("mia",)]
            assert list(conn.exec_driver_sql(
                "SELECT resolver_name FROM disputes ORDER BY id")) == [("mia",), (None,)]
    finally:
        engine.dispose()

"""Migration 0006: mentor notes and disputes, up and down, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from interview.store.db import _alembic_config, create_db_engine, current_revision, migrate


def _tables(engine: object) -> set[str]:
    return set(inspect(engine).get_table_names())  # type: ignore[arg-type]


def test_0006_creates_and_drops_the_mentor_tables(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0004")
        assert not {"answer_notes", "disputes"} & _tables(engine)
        migrate(engine)
        assert current_revision(engine) == "0006"
        assert {"answer_notes", "disputes"} <= _tables(engine)
        cols = {c["name"] for c in inspect(engine).get_columns("answer_notes")}
        assert cols == {"id", "attempt_id", "author_id", "text", "score", "reason",
                        "created_at"}
        cols = {c["name"] for c in inspect(engine).get_columns("disputes")}
        assert {"criterion_id", "criterion_label", "words", "status", "resolved_by",
                "resolved_at", "resolution"} <= cols
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

"""Rows written straight into an older schema revision, for the migration tests."""

from __future__ import annotations

from sqlalchemy import Connection


def seed_session(conn: Connection, *, rounds: str) -> None:
    """Users ada (1) and mia (2), ada's session 1 (``rounds`` as the revision stored it) and
    question snapshot 1: rows every revision since 0001 accepts."""
    conn.exec_driver_sql("INSERT INTO users (id, name, created_at) VALUES "
                         "(1, 'ada', '2026-01-01'), (2, 'mia', '2026-01-01')")
    conn.exec_driver_sql(
        "INSERT INTO sessions (id, user_id, started_at, updated_at, mode, round, rounds, config, "
        "seed, score, app_version) VALUES (1, 1, '2026-01-01', '2026-01-01', 'practice', 'ml', "
        f"'{rounds}', '{{}}', 1, 50, 'x')")
    conn.exec_driver_sql(
        "INSERT INTO question_snapshots (id, content_hash, question_id, round, bank, data, "
        "created_at) VALUES (1, 'h', 'q', 'ml', 'b', '{}', '2026-01-01')")

"""The review-card table: its migration goes up and down, and the queue queries order and
count on the database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from interview.domain.review import MissedPoint
from interview.store import review_queries as rq
from interview.store.db import _alembic_config, current_revision, open_engine
from interview.store.models import Base

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def card(qid: str, due: datetime, **extra: object) -> dict[str, object]:
    values: dict[str, object] = {
        "question_id": qid, "round": "ml-theory", "bank": "b", "title": f"About {qid}",
        "card": "{}", "prev_card": None, "state": "review", "due": due, "reviews": 1,
        "last_score": 40.0, "last_band": "weak", "last_rating": "again",
        "missed": [MissedPoint("m", "a point", True, "Why?")], "last_reviewed_at": T0,
        "last_session_id": 1, "last_attempt_id": 1}
    values.update(extra)
    return values


def test_the_migration_goes_down_and_up(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        assert inspect(engine).has_table("review_cards")
        cfg = _alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
        assert current_revision(engine) == "0004"
        assert not inspect(engine).has_table("review_cards")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    e = open_engine(db_url)
    with e.begin() as conn:
        conn.execute(text("INSERT INTO users (name, created_at) VALUES ('ada', :t), "
                          "('bob', :t)"), {"t": T0.replace(tzinfo=None)})
    yield e
    e.dispose()


def test_cards_are_per_user_upserted_and_listed_most_overdue_first(engine: Engine) -> None:
    with engine.begin() as conn:
        rq.save_card(conn, "ada", card("q-late", T0 - timedelta(days=5)))
        rq.save_card(conn, "ada", card("q-soon", T0 + timedelta(days=2)))
        rq.save_card(conn, "ada", card("q-due", T0 - timedelta(hours=1)))
        rq.save_card(conn, "bob", card("q-late", T0 - timedelta(days=9)))
        rq.save_card(conn, "ada", card("q-due", T0 - timedelta(days=1), last_score=70.0))
        with pytest.raises(LookupError):
            rq.save_card(conn, "nobody", card("q", T0))
    with engine.connect() as conn:
        due = rq.list_cards(conn, "ada", due_by=T0)
        assert [c.question_id for c in due] == ["q-late", "q-due"]
        assert due[1].last_score == 70.0 and due[1].due == T0 - timedelta(days=1)
        assert due[0].missed == (MissedPoint("m", "a point", True, "Why?"),)
        assert [c.question_id for c in rq.list_cards(conn, "ada")] == [
            "q-late", "q-due", "q-soon"]
        assert [c.question_id for c in rq.list_cards(conn, "ada", limit=1)] == ["q-late"]
        summary = rq.due_summary(conn, "ada", T0)
        assert (summary.due, summary.total, summary.next_due) == (
            2, 3, T0 - timedelta(days=5))
        assert rq.due_summary(conn, "carol", T0) == rq.DueSummary(0, 0, None)
        assert rq.get_card(conn, "bob", "q-due") is None
        assert rq.has_cards(conn, "bob") and not rq.has_answers(conn, "bob")
        # A card due exactly now is due (SQLite compares the stored text).
        assert rq.due_summary(conn, "ada", T0 - timedelta(days=1)).due == 2
    if engine.dialect.name == "sqlite":  # the same figures through sqlite3 (Home's reader)
        import sqlite3

        from interview.store import history_queries

        raw = sqlite3.connect(str(engine.url.database))
        try:
            assert history_queries.due_summary(raw, "ada", T0) == (2, 3, T0 - timedelta(days=5))
            assert history_queries.due_summary(raw, "ada", T0 - timedelta(days=1))[0] == 2
            assert history_queries.due_summary(raw, "carol", T0) == (0, 0, None)
        finally:
            raw.close()
    with engine.begin() as conn:
        assert rq.delete_cards(conn, "ada") == 3
    with engine.connect() as conn:
        assert rq.list_cards(conn, "ada") == [] and len(rq.list_cards(conn, "bob")) == 1


def test_titles_are_one_short_line() -> None:
    assert rq.title_of("\n## What is overfitting?\nMore text") == "What is overfitting?"
    long = rq.title_of("word " * 40)
    assert len(long) <= 80 and long.endswith("…")

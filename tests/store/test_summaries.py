"""Per-question summaries (migration 0008, store/summaries.py): filled by the migration, kept
by every write path (answers, retries, overrides, disputes, imports, deletes) and equal to
a recomputation from the attempts, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from interview.config import Settings
from interview.service import Service, SessionConfig
from interview.service.mentor import annotate, dispute, resolve_dispute
from interview.service.transfer import export_history, import_history
from interview.store import summaries
from interview.store.db import create_db_engine, migrate
from interview.store.models import Base
from tests.fakes import FakeScorer
from tests.store.old_rows import seed_session

from .test_cohort import answered_session, co, names, service

__all__ = ["co"]  # the fixture, used by name

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
CONFIG = SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-bias"), max_followups=0, seed=1)


def make_service(db_url: str, user: str = "ada") -> Service:
    return Service(Settings.build(db_url=db_url, user=user, banks=[str(FIXTURES)],
                                  shipped_banks=False), scorer=FakeScorer())


def _rows(engine: Engine) -> tuple[list[Any], list[Any]]:
    with engine.connect() as conn:
        qs = [tuple(r) for r in conn.execute(text(
            "SELECT session_question_id, session_id, user_id, round, snapshot_id, answered, "
            "best, best_attempt_id FROM question_summaries ORDER BY session_question_id"))]
        ms = [tuple(r) for r in conn.execute(text(
            "SELECT session_question_id, user_id, criterion_id, label FROM missed_summaries "
            "ORDER BY session_question_id, criterion_id"))]
    return qs, ms


def _assert_current(svc: Service) -> tuple[list[Any], list[Any]]:
    """The summaries equal a recomputation from scratch; returns them."""
    engine = svc._db()
    kept = _rows(engine)
    with engine.begin() as conn:
        summaries.refresh(conn, None)
    assert _rows(engine) == kept
    return kept


def test_the_light_table_descriptions_match_the_models() -> None:
    for t in summaries.TABLES:
        assert {c.name for c in t.columns} <= set(Base.metadata.tables[t.name].columns.keys())


def test_every_write_path_keeps_the_summaries(tmp_path: Path, db_url: str) -> None:
    ada = make_service(db_url)
    h = ada.start_session(CONFIG)
    h.start()
    h.submit("It memorises noise.", elapsed=3)
    qs, ms = _assert_current(ada)
    assert len(qs) == 1 and qs[0][5] and ms  # answered, with missed criteria
    h.retry()
    h.submit("It memorises noise; compare the validation error.", elapsed=3)
    h.next()
    h.skip()
    qs, _ = _assert_current(ada)
    assert [q[5] for q in qs] == [True, False]  # the skip is reached, not answered
    detail = ada.session_detail(h.id)
    assert [q[6] for q in qs] == [q.best_score for q in detail.questions]
    assert qs[0][7] != detail.questions[0].attempts[0].score  # the retry counts
    assert ada.history()[0].answers == 1

    # A mentor's override moves the best attempt to the first try.
    annotate(make_service(db_url, "mia"), h.id, 1, attempt=1, score=97, reason="complete")
    qs, ms = _assert_current(ada)
    assert qs[0][6] == 97.0
    first_missed = {m[2] for m in ms if m[0] == qs[0][0]}
    assert first_missed and ada.stats().missed_criteria

    # An accepted dispute credits the criterion: no longer "missed".
    criterion = sorted(first_missed)[0]
    _, d = dispute(ada, h.id, 1, attempt=1, criterion=criterion, words="I said it")
    assert _assert_current(ada)[1] == ms  # pending: nothing changes
    resolve_dispute(make_service(db_url, "mia"), d.id, accept=True, note="fair")
    _, ms = _assert_current(ada)
    assert criterion not in {m[2] for m in ms if m[0] == qs[0][0]}
    assert criterion not in {c.id for c in ada.stats().missed_criteria}

    # Import (a second copy) and delete.
    out = tmp_path / "all.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        export_history(ada, fh, all_users=True)
    stats = ada.stats()
    assert import_history(ada, str(out), as_new=True).imported == 1
    qs, _ = _assert_current(ada)
    assert len(qs) == 4
    assert ada.stats().answers == 2 * stats.answers
    ada.delete_session(h.id)
    qs, _ = _assert_current(ada)
    assert len(qs) == 2 and ada.stats() == stats
    ada.close()


def test_the_migration_fills_the_summaries_of_an_existing_history(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0007")
        with engine.begin() as conn:
            seed_session(conn, rounds=",ml,")
            conn.exec_driver_sql(
                "INSERT INTO session_questions (id, session_id, position, question_id, round, "
                "snapshot_id) VALUES (1, 1, 0, 'q', 'ml', 1), (2, 1, 1, 'q', 'ml', 1)")
            # Three attempts: 50, 40 (overridden to 90), and 99 after the reveal (never
            # counts while another attempt exists).
            for aid, score, reveal in ((1, 50, False), (2, 40, False), (3, 99, True)):
                conn.execute(text(
                    "INSERT INTO attempts (id, session_id, session_question_id, attempt_no, "
                    "answer, skipped, score, band, hints_used, hint_penalty, elapsed, "
                    "time_limit, over_time, followups, concluded, after_reveal, created_at, "
                    "updated_at) VALUES (:id, 1, 1, :id, 'a', :f, :s, 'ok', 0, 0, 1, 60, :f, "
                    "'[]', :t, :r, '2026-01-01', '2026-01-01')"),
                    {"id": aid, "s": score, "r": reveal, "f": False, "t": True})
            for aid in (1, 2):
                for cid in ("c1", "c2"):
                    conn.exec_driver_sql(
                        "INSERT INTO criterion_results (attempt_id, criterion_id, label, weight, "
                        f"earned, status, source) VALUES ({aid}, '{cid}', 'L {cid}', 1, 0, "
                        "'missed', 'rubric')")
            conn.exec_driver_sql(
                "INSERT INTO answer_notes (attempt_id, author_id, text, score, reason, "
                "created_at) VALUES (2, 2, 'n', 90, 'r', '2026-01-02')")
            conn.exec_driver_sql(
                "INSERT INTO disputes (attempt_id, criterion_id, criterion_label, words, status, "
                "created_at, resolution) VALUES (2, 'c1', 'L c1', 'w', 'accepted', "
                "'2026-01-02', ''), (2, 'c2', 'L c2', 'w', 'pending', '2026-01-02', '')")
        migrate(engine)
        qs, ms = _rows(engine)
        assert qs == [(1, 1, 1, "ml", 1, True, 90.0, 2)]  # question 2 was never reached
        assert ms == [(1, 1, "c2", "L c2")]
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_on_a_cohort_the_mentors_override_reaches_the_members_stats(co: Any) -> None:
    ada, _, mia = names(co)
    sid = answered_session(co, ada)
    member = service(co, ada)
    before = member.stats()
    mentor = service(co, mia)
    annotate(mentor, sid, 1, score=100, reason="complete")
    mentor.close()
    after = member.stats()
    ml = next(r for r in after.rounds if r.sessions)
    assert ml.best == 100.0 and after != before
    member.close()


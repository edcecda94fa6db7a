"""Per-question summaries kept at write time (migration 0008), so statistics read a few
small rows per question instead of recomputing every attempt and criterion row.

``question_summaries``: one row per session question that has at least one attempt, with
its best attempt (``domain.best_attempt``: the highest counted score, a mentor's newest
override else the machine score; attempts after a reveal only when nothing else exists;
the latest on ties), that attempt's counted score, and whether any attempt was a real
answer (not a skip).

``missed_summaries``: the criteria that best attempt missed, less those credited by an
accepted dispute (what ``stats`` counts as "most missed").

``refresh`` recomputes both for the session questions of a set of sessions given as a
SELECT of session ids (no bound parameter per row), in four statements. Every write path
that changes what counts calls it in the same transaction: saving attempts (answers,
journal replay), mentor notes and overrides, dispute resolutions, and imports. Deleting a
session deletes its summaries (foreign keys, ON DELETE CASCADE). The migration fills them
for existing histories with the same function.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Float,
    Integer,
    Select,
    String,
    case,
    column,
    delete,
    false,
    func,
    insert,
    literal_column,
    select,
    table,
    true,
)

question_summaries = table(
    "question_summaries", column("session_question_id", Integer), column("session_id", Integer),
    column("user_id", Integer), column("round", String), column("snapshot_id", Integer),
    column("answered", Boolean), column("best", Float), column("best_attempt_id", Integer),
)
missed_summaries = table(
    "missed_summaries", column("id", Integer), column("session_question_id", Integer),
    column("user_id", Integer), column("criterion_id", String), column("label", String),
)

_sessions = table("sessions", column("id", Integer), column("user_id", Integer))
_questions = table(
    "session_questions", column("id", Integer), column("session_id", Integer),
    column("snapshot_id", Integer), column("round", String),
)
_attempts = table(
    "attempts", column("id", Integer), column("session_question_id", Integer),
    column("score", Float), column("skipped", Boolean), column("after_reveal", Boolean),
)
_criteria = table(
    "criterion_results", column("attempt_id", Integer), column("criterion_id", String),
    column("label", String), column("status", String),
)
_notes = table("answer_notes", column("id", Integer), column("attempt_id", Integer),
               column("score", Float))
_disputes = table("disputes", column("attempt_id", Integer), column("criterion_id", String),
                  column("status", String))

TABLES = (question_summaries, missed_summaries, _sessions, _questions, _attempts, _criteria,
          _notes, _disputes)
"""Every table described here (a test checks the columns against the models)."""


def _counted_score() -> Any:
    """An attempt's counted score, correlated on ``attempts``: the newest override, else the
    machine score (``domain.Attempt.counted_score``)."""
    override = (select(_notes.c.score)
                .where(_notes.c.attempt_id == _attempts.c.id, _notes.c.score.is_not(None))
                .order_by(_notes.c.id.desc()).limit(literal_column("1"))
                .correlate(_attempts).scalar_subquery())
    return func.coalesce(override, _attempts.c.score)


def _best(what: Any) -> Any:
    """``what`` of the question's best attempt, correlated on ``session_questions``."""
    after_reveal_last = case((_attempts.c.after_reveal == true(), 1), else_=0)
    return (select(what)
            .where(_attempts.c.session_question_id == _questions.c.id)
            .order_by(after_reveal_last, _counted_score().desc(), _attempts.c.id.desc())
            .limit(literal_column("1")).correlate(_questions).scalar_subquery())


def refresh(conn: Connection, session_ids: Select[Any] | None) -> None:
    """Recompute the summaries of every question of the sessions ``session_ids`` selects
    (None: of every session). Runs in the caller's transaction."""
    own_questions = select(_questions.c.id)
    if session_ids is not None:
        own_questions = own_questions.where(_questions.c.session_id.in_(session_ids))
        conn.execute(delete(missed_summaries).where(
            missed_summaries.c.session_question_id.in_(own_questions)))
        conn.execute(delete(question_summaries).where(
            question_summaries.c.session_question_id.in_(own_questions)))
    else:
        conn.execute(delete(missed_summaries))
        conn.execute(delete(question_summaries))
    attempted = (select(_attempts.c.id)
                 .where(_attempts.c.session_question_id == _questions.c.id).exists())
    answered = (select(_attempts.c.id)
                .where(_attempts.c.session_question_id == _questions.c.id,
                       _attempts.c.skipped == false()).exists())
    rows = (select(_questions.c.id, _questions.c.session_id, _sessions.c.user_id,
                   _questions.c.round, _questions.c.snapshot_id,
                   case((answered, true()), else_=false()),
                   _best(_counted_score()), _best(_attempts.c.id))
            .select_from(_questions.join(_sessions, _questions.c.session_id == _sessions.c.id))
            .where(attempted))
    if session_ids is not None:
        rows = rows.where(_questions.c.session_id.in_(session_ids))
    conn.execute(insert(question_summaries).from_select(
        ["session_question_id", "session_id", "user_id", "round", "snapshot_id", "answered",
         "best", "best_attempt_id"], rows))
    # A criterion credited by an accepted dispute is not missed; skipped attempts have no
    # criterion rows, so they never miss anything.
    credited = (select(_disputes.c.attempt_id)
                .where(_disputes.c.attempt_id == _criteria.c.attempt_id,
                       _disputes.c.criterion_id == _criteria.c.criterion_id,
                       _disputes.c.status == literal_column("'accepted'")).exists())
    missed = (select(question_summaries.c.session_question_id, question_summaries.c.user_id,
                     _criteria.c.criterion_id, _criteria.c.label)
              .select_from(question_summaries.join(
                  _criteria, _criteria.c.attempt_id == question_summaries.c.best_attempt_id))
              .where(_criteria.c.status == literal_column("'missed'"), ~credited))
    if session_ids is not None:
        missed = missed.where(question_summaries.c.session_id.in_(session_ids))
    conn.execute(insert(missed_summaries).from_select(
        ["session_question_id", "user_id", "criterion_id", "label"], missed))


def refresh_session(conn: Connection, session_id: int) -> None:
    """``refresh`` for one session (one bound parameter)."""
    refresh(conn, select(_sessions.c.id).where(_sessions.c.id == session_id))

"""The database schema as SQLAlchemy 2 typed models.

Never edit a table here without adding an Alembic revision in ``migrations/versions`` (a test
compares these models with the migrated schema).

Times are stored as naive UTC ``DateTime`` values (portable across SQLite and PostgreSQL);
the converters attach the UTC zone when reading.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SessionRow(Base):
    """One interview session."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    mode: Mapped[str] = mapped_column(String(16))
    round: Mapped[str] = mapped_column(String(32))
    """The requested round (a round id or ``loop``)."""
    rounds: Mapped[str] = mapped_column(String(200))
    """Rounds in order, comma-separated with leading/trailing commas (",ml-theory,")."""
    config: Mapped[dict[str, Any]] = mapped_column(JSON)
    seed: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    app_version: Mapped[str] = mapped_column(String(32))
    live_state: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    """``domain.LiveState`` as JSON: hints taken, reveals, the clock or exam deadline, the
    draft answer. None for sessions stored before revision 0003."""

    user: Mapped[User] = relationship()
    questions: Mapped[list[SessionQuestion]] = relationship(
        back_populates="session", order_by="SessionQuestion.position",
        cascade="all, delete-orphan", passive_deletes=True)


class QuestionSnapshot(Base):
    """A question and its effective rubric exactly as asked, shared by content hash."""

    __tablename__ = "question_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    question_id: Mapped[str] = mapped_column(String(120), index=True)
    round: Mapped[str] = mapped_column(String(32))
    bank: Mapped[str] = mapped_column(String(120))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SessionQuestion(Base):
    """The n-th question of a session."""

    __tablename__ = "session_questions"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("question_snapshots.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(120))
    round: Mapped[str] = mapped_column(String(32))

    session: Mapped[SessionRow] = relationship(back_populates="questions")
    snapshot: Mapped[QuestionSnapshot] = relationship()
    attempts: Mapped[list[Attempt]] = relationship(
        back_populates="session_question", order_by="Attempt.attempt_no",
        cascade="all, delete-orphan", passive_deletes=True)


class Attempt(Base):
    """One attempt at a question: the answer, its score report and what it cost."""

    __tablename__ = "attempts"
    __table_args__ = (
        UniqueConstraint("session_question_id", "attempt_no"),
        # Covering indexes for history and stats (migration 0003).
        Index("ix_attempts_by_session", "session_id", "skipped", "session_question_id", "score",
              "id"),
        Index("ix_attempts_best", "session_question_id", "score", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"),
                                            index=True)
    session_question_id: Mapped[int] = mapped_column(
        ForeignKey("session_questions.id", ondelete="CASCADE"), index=True)
    attempt_no: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(Text)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    score: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(16))
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    hint_penalty: Mapped[float] = mapped_column(Float, default=0.0)
    elapsed: Mapped[float] = mapped_column(Float)
    time_limit: Mapped[int] = mapped_column(Integer)
    over_time: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    followups: Mapped[list[Any]] = mapped_column(JSON)
    concluded: Mapped[bool] = mapped_column(Boolean, default=False)
    after_reveal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    session_question: Mapped[SessionQuestion] = relationship(back_populates="attempts")
    criteria: Mapped[list[CriterionResultRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CriterionResultRow.id")


class CriterionResultRow(Base):
    """Per-criterion outcome of an attempt (queryable without parsing reports)."""

    __tablename__ = "criterion_results"
    __table_args__ = (
        Index("ix_criterion_results_by_attempt", "attempt_id", "status", "criterion_id",
              "label"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"),
                                            index=True)
    criterion_id: Mapped[str] = mapped_column(String(120), index=True)
    label: Mapped[str] = mapped_column(String(300))
    weight: Mapped[float] = mapped_column(Float)
    earned: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))


class ReviewCard(Base):
    """One question in a user's spaced-review queue (revision 0005).

    ``card`` is the FSRS scheduler's card as JSON text (``fsrs.Card.to_json``); ``due`` is
    copied out of it (naive UTC) so the queue is one indexed query. ``prev_card`` is the card
    before ``last_session_id``'s review: a better attempt later in the same session replaces
    that review instead of adding a second one (one review per question per session)."""

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        Index("ix_review_cards_user_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(120))
    round: Mapped[str] = mapped_column(String(32))
    bank: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    """The prompt's first line, shortened (for lists)."""
    card: Mapped[str] = mapped_column(Text)
    prev_card: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[str] = mapped_column(String(16))
    """learning, review or relearning (the FSRS state, readable without fsrs)."""
    due: Mapped[datetime] = mapped_column(DateTime)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    """Sessions in which the question was reviewed."""
    last_score: Mapped[float] = mapped_column(Float)
    last_band: Mapped[str] = mapped_column(String(16))
    last_rating: Mapped[str] = mapped_column(String(8))
    """again, hard, good or easy: what the last review was rated."""
    missed: Mapped[list[Any]] = mapped_column(JSON)
    """The criteria missed last time: [{"id", "label", "required", "probe"}]."""
    last_reviewed_at: Mapped[datetime] = mapped_column(DateTime)
    last_session_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_attempt_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AnswerNote(Base):
    """A mentor's note on an attempt, optionally overriding its score (migration 0006).

    Append-only history: every note is kept, oldest first (a thread a candidate reads); the
    override that counts is the newest row with a ``score``. The attempt's own ``score`` (the
    machine's) is never changed."""

    __tablename__ = "answer_notes"
    __table_args__ = (
        Index("ix_answer_notes_latest", "attempt_id", "id"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                           index=True)
    author_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    """The author's name when the note was written (migration 0007): a cohort member may not
    read the mentor's ``users`` row, but reads this."""
    text: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DisputeRow(Base):
    """A candidate's "I covered this" on a missed criterion of an attempt (migration 0006).
    Pending until a mentor accepts (an override is recorded) or rejects it."""

    __tablename__ = "disputes"
    __table_args__ = (
        Index("ix_disputes_by_attempt", "attempt_id", "status", "criterion_id"),
        CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    criterion_id: Mapped[str] = mapped_column(String(120))
    criterion_label: Mapped[str] = mapped_column(String(300))
    words: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolver_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    """The resolver's name (migration 0007), readable where their ``users`` row is not."""
    resolution: Mapped[str] = mapped_column(Text, default="")


class QuestionSummary(Base):
    """A session question's best attempt, kept at write time (migration 0008; see
    ``summaries.py``): one row per question with at least one attempt."""

    __tablename__ = "question_summaries"
    __table_args__ = (
        Index("ix_question_summaries_rounds", "user_id", "session_id", "round", "best"),
        Index("ix_question_summaries_tags", "user_id", "snapshot_id", "best"),
        Index("ix_question_summaries_session", "session_id", "answered"),
    )

    session_question_id: Mapped[int] = mapped_column(
        ForeignKey("session_questions.id", ondelete="CASCADE"), primary_key=True,
        autoincrement=False)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(Integer)
    round: Mapped[str] = mapped_column(String(32))
    snapshot_id: Mapped[int] = mapped_column(Integer)
    answered: Mapped[bool] = mapped_column(Boolean)
    """At least one attempt that was not a skip."""
    best: Mapped[float] = mapped_column(Float)
    """The best attempt's counted score (a mentor's override, else the machine's)."""
    best_attempt_id: Mapped[int] = mapped_column(Integer)


class MissedSummary(Base):
    """A criterion missed by a question's best attempt, not credited by an accepted dispute
    (migration 0008; see ``summaries.py``)."""

    __tablename__ = "missed_summaries"
    __table_args__ = (
        Index("ix_missed_summaries_user", "user_id", "criterion_id", "label"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_question_id: Mapped[int] = mapped_column(
        ForeignKey("session_questions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(Integer)
    criterion_id: Mapped[str] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(String(300))

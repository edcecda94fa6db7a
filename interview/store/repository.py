"""Repository: every query the service needs. Returns plain records, never rows.

Each public method runs in its own short transaction and commits before returning, so a
submitted answer is on disk when ``save_attempt`` returns. Safe to use from several threads
(one SQLAlchemy session per call).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from .. import __version__
from ..domain.attempt import Attempt as AttemptValue
from .convert import (
    attempt_values,
    live_from_row,
    question_record,
    rounds_to_text,
    session_record,
)
from .db import describe_error, open_engine
from .errors import DatabaseError, UnknownSessionError
from .mentor_store import session_extras
from .models import (
    Attempt,
    CriterionResultRow,
    QuestionSnapshot,
    SessionQuestion,
    SessionRow,
    User,
    utcnow,
)
from .records import SessionRecord, StoredSession


class Snapshottable(Protocol):
    """A question as a session asks it (``engine.PlannedQuestion`` fits; the store does not
    import the engine)."""

    @property
    def id(self) -> str: ...
    @property
    def round(self) -> str: ...
    @property
    def bank(self) -> str: ...
    def snapshot(self) -> dict[str, Any]: ...
    def content_hash(self) -> str: ...


@dataclass(frozen=True)
class ItemScore:
    """A question reached in a session, with its best attempt (for stats)."""

    session_id: int
    round: str
    tags: tuple[str, ...]
    best: float


def _refresh_summaries(s: Session, session_id: int) -> None:
    """The session's per-question summaries again (summaries.py), in this transaction."""
    from .summaries import refresh_session

    s.flush()
    refresh_session(s.connection(), session_id)


class Repository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Repository:
        """Open (creating and migrating as needed). Raises ``DatabaseError``."""
        return cls(open_engine(url))

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        try:
            with self._factory.begin() as s:
                yield s
        except SQLAlchemyError as exc:
            raise DatabaseError(describe_error(exc, self.engine.url)) from None

    # -- writes ---------------------------------------------------------------------------
    def _user_id(self, s: Session, name: str) -> int:
        uid = s.scalar(select(User.id).where(User.name == name))
        if uid is not None:
            return uid
        try:
            with s.begin_nested():
                user = User(name=name)
                s.add(user)
            return user.id
        except IntegrityError:  # created by another program just now
            uid = s.scalar(select(User.id).where(User.name == name))
            assert uid is not None
            return uid

    def _snapshot_id(self, s: Session, p: Snapshottable) -> int:
        digest = p.content_hash()
        sid = s.scalar(select(QuestionSnapshot.id).where(QuestionSnapshot.content_hash == digest))
        if sid is not None:
            return sid
        try:
            with s.begin_nested():
                snap = QuestionSnapshot(content_hash=digest, question_id=p.id, round=p.round,
                                        bank=p.bank, data=p.snapshot())
                s.add(snap)
            return snap.id
        except IntegrityError:
            sid = s.scalar(select(QuestionSnapshot.id)
                           .where(QuestionSnapshot.content_hash == digest))
            assert sid is not None
            return sid

    def create_session(self, *, user: str, mode: str, round_: str, config: dict[str, Any],
                       seed: int, planned: Sequence[Snapshottable]) -> int:
        rounds: list[str] = []
        for p in planned:
            if p.round not in rounds:
                rounds.append(p.round)
        with self._tx() as s:
            row = SessionRow(user_id=self._user_id(s, user), mode=mode, round=round_,
                             rounds=rounds_to_text(rounds), config=config, seed=seed,
                             app_version=__version__)
            s.add(row)
            s.flush()
            for i, p in enumerate(planned):
                s.add(SessionQuestion(session_id=row.id, position=i,
                                      snapshot_id=self._snapshot_id(s, p), question_id=p.id,
                                      round=p.round))
            return row.id

    def save_progress(self, session_id: int, attempts: Sequence[tuple[int, AttemptValue]], *,
                      live: dict[str, Any] | None, score: float | None) -> None:
        """Store changed attempts (insert or update by question index and attempt number,
        with their criterion results), the session's live state and its score, in one
        transaction; committed when this returns."""
        with self._tx() as s:
            now = utcnow()
            for index, att in attempts:
                self._save_attempt(s, session_id, index, att, now)
            s.execute(update(SessionRow).where(SessionRow.id == session_id)
                      .values(score=score, live_state=live, updated_at=now))
            if attempts:
                _refresh_summaries(s, session_id)

    def save_attempts(self, session_id: int,
                      attempts: Sequence[tuple[int, AttemptValue]]) -> None:
        """Store attempts only (a journal replay whose live state a later write replaced)."""
        with self._tx() as s:
            now = utcnow()
            for index, att in attempts:
                self._save_attempt(s, session_id, index, att, now)
            if attempts:
                _refresh_summaries(s, session_id)

    def _save_attempt(self, s: Session, session_id: int, index: int, att: AttemptValue,
                      now: Any) -> None:
        sq_id = s.scalar(select(SessionQuestion.id).where(
            SessionQuestion.session_id == session_id, SessionQuestion.position == index))
        if sq_id is None:
            raise UnknownSessionError(f"session {session_id} has no question {index + 1}")
        row = s.scalar(select(Attempt).where(Attempt.session_question_id == sq_id,
                                             Attempt.attempt_no == att.attempt))
        values = {**attempt_values(att), "updated_at": now}
        if row is None:
            row = Attempt(session_id=session_id, session_question_id=sq_id,
                          attempt_no=att.attempt, created_at=now, **values)
            s.add(row)
        else:
            for k, v in values.items():
                setattr(row, k, v)
            row.criteria.clear()
        if att.report is not None:
            row.criteria.extend(
                CriterionResultRow(criterion_id=c.id[:120], label=c.label[:300],
                                   weight=c.weight, earned=c.earned, status=c.status,
                                   source=c.source)
                for c in att.report.criteria)

    def finish_session(self, session_id: int, score: float | None) -> None:
        """Mark finished; the live state is cleared (nothing to resume)."""
        with self._tx() as s:
            now = utcnow()
            s.execute(update(SessionRow).where(SessionRow.id == session_id)
                      .values(finished_at=now, updated_at=now, score=score, live_state=None))

    def touch_session(self, session_id: int) -> None:
        with self._tx() as s:
            s.execute(update(SessionRow).where(SessionRow.id == session_id)
                      .values(updated_at=utcnow()))

    def delete_session(self, session_id: int, *, user: str | None) -> None:
        with self._tx() as s:
            row = self._session_row(s, session_id, user)
            s.delete(row)

    # -- reads ----------------------------------------------------------------------------
    def _session_row(self, s: Session, session_id: int, user: str | None) -> SessionRow:
        row = s.get(SessionRow, session_id)
        if row is None or (user is not None and row.user.name != user):
            who = "" if user is None else f" for user '{user}' (try --all-users)"
            raise UnknownSessionError(f"no session {session_id}{who}")
        return row

    def _records(self, s: Session, rows: Sequence[tuple[SessionRow, str]]) -> list[SessionRecord]:
        ids = [r.id for r, _ in rows]
        if not ids:
            return []
        answers = dict(s.execute(
            select(Attempt.session_id, func.count(func.distinct(Attempt.session_question_id)))
            .where(Attempt.session_id.in_(ids), Attempt.skipped.is_(False))
            .group_by(Attempt.session_id)).all())
        qids: dict[int, list[str]] = defaultdict(list)
        for sid, qid in s.execute(
                select(SessionQuestion.session_id, SessionQuestion.question_id)
                .where(SessionQuestion.session_id.in_(ids))
                .order_by(SessionQuestion.session_id, SessionQuestion.position)):
            qids[sid].append(qid)
        return [session_record(r, name, answers.get(r.id, 0), qids[r.id]) for r, name in rows]

    def load_session(self, session_id: int, *, user: str | None) -> StoredSession:
        with self._tx() as s:
            row = self._session_row(s, session_id, user)
            sqs = s.scalars(
                select(SessionQuestion).where(SessionQuestion.session_id == session_id)
                .order_by(SessionQuestion.position)
                .options(selectinload(SessionQuestion.snapshot),
                         selectinload(SessionQuestion.attempts))).all()
            record = self._records(s, [(row, row.user.name)])[0]
            extras = session_extras(s, session_id)
            return StoredSession(
                record=record, config=dict(row.config or {}), seed=row.seed,
                snapshots=tuple(dict(sq.snapshot.data) for sq in sqs),
                questions=tuple(question_record(sq, extras) for sq in sqs),
                live=live_from_row(row),
            )

"""Mentor notes, score overrides and disputes: the store side (tables ``answer_notes`` and
``disputes``, migration 0006).

Every write runs in one transaction that also refreshes the session's stored score with
``domain.session_score`` (overrides count), so history, stats and trends read it as they
read any score. On a cohort PostgreSQL database the row-level security rules in
``cohort.RULES`` decide who may do what; the service checks first to give a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, aliased, selectinload

from ..domain.attempt import Attempt as AttemptValue
from ..domain.attempt import best_attempt, session_score
from ..domain.errors import SessionStateError
from ..domain.mentor import Dispute, DisputeStatus, MentorNote
from .convert import (
    AttemptExtras,
    attempt_from_row,
    dispute_from_row,
    note_from_row,
)
from .errors import UnknownSessionError
from .models import AnswerNote, Attempt, DisputeRow, SessionQuestion, SessionRow, User, utcnow
from .summaries import refresh_session

if TYPE_CHECKING:
    from .repository import Repository


class DisputeStateError(SessionStateError):
    """The dispute exists but cannot change (already resolved)."""


@dataclass(frozen=True)
class AnswerRef:
    """One stored attempt, as ``show`` numbers it: question ``index`` (0-based) and attempt."""

    session_id: int
    index: int
    attempt: int


@dataclass(frozen=True)
class DisputeListing:
    """A dispute with what an author needs to act on it."""

    dispute: Dispute
    session_id: int
    index: int
    """0-based question position in the session (``show`` prints index + 1)."""
    attempt: int
    question_id: str
    candidate: str | None
    """The session's user (None when this connection may not read the name)."""
    answer: str
    score: float


def load_extras(s: Session, attempt_ids: Select[Any]) -> AttemptExtras:
    """Notes and disputes of the attempts selected by ``attempt_ids`` (a SELECT of attempt
    ids), oldest first, in two queries. Names come from the rows themselves (stored at write
    time, migration 0007), else from ``users``; a name neither gives comes back as "" (note
    authors) or "a mentor" (dispute resolvers)."""
    author = aliased(User)
    notes: dict[int, list[MentorNote]] = {}
    for row, name in s.execute(
            select(AnswerNote, func.coalesce(AnswerNote.author_name, author.name))
            .outerjoin(author, AnswerNote.author_id == author.id)
            .where(AnswerNote.attempt_id.in_(attempt_ids))
            .order_by(AnswerNote.id)):
        notes.setdefault(row.attempt_id, []).append(note_from_row(row, name or ""))
    resolver = aliased(User)
    disputes: dict[int, list[Dispute]] = {}
    for drow, name in s.execute(
            select(DisputeRow, func.coalesce(DisputeRow.resolver_name, resolver.name))
            .outerjoin(resolver, DisputeRow.resolved_by == resolver.id)
            .where(DisputeRow.attempt_id.in_(attempt_ids))
            .order_by(DisputeRow.id)):
        who = name if name is not None else ("a mentor" if drow.resolved_by else None)
        disputes.setdefault(drow.attempt_id, []).append(dispute_from_row(drow, who))
    return AttemptExtras({k: tuple(v) for k, v in notes.items()},
                         {k: tuple(v) for k, v in disputes.items()})


def session_extras(s: Session, session_id: int) -> AttemptExtras:
    return load_extras(s, select(Attempt.id).where(Attempt.session_id == session_id))


def refresh_session_score(s: Session, session_id: int) -> float | None:
    """Store the session's score again, overrides included (``domain.session_score``), and
    its per-question summaries (summaries.py)."""
    extras = session_extras(s, session_id)
    per_question: dict[int, list[AttemptValue]] = {}
    for row in s.scalars(select(Attempt).where(Attempt.session_id == session_id)
                         .order_by(Attempt.session_question_id, Attempt.attempt_no)):
        per_question.setdefault(row.session_question_id, []).append(
            attempt_from_row(row, extras))
    score = session_score(per_question.values())
    s.execute(update(SessionRow).where(SessionRow.id == session_id).values(score=score))
    s.flush()
    refresh_session(s.connection(), session_id)  # an override can change the best attempt
    return score


class MentorStore:
    """Notes, overrides and disputes over a ``Repository``'s database."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def _attempt_row(self, s: Session, session_id: int, index: int, attempt: int | None,
                     owner: str | None) -> Attempt:
        """The attempt at question ``index`` (0-based): number ``attempt``, else the one that
        counts. Raises ``UnknownSessionError`` with what exists."""
        self.repo._session_row(s, session_id, owner)
        sq = s.scalar(select(SessionQuestion).where(
            SessionQuestion.session_id == session_id, SessionQuestion.position == index)
            .options(selectinload(SessionQuestion.attempts)))
        if sq is None:
            n = s.scalar(select(SessionQuestion.position).where(
                SessionQuestion.session_id == session_id)
                .order_by(SessionQuestion.position.desc()).limit(1))
            count = 0 if n is None else n + 1
            raise UnknownSessionError(f"session {session_id} has no answer {index + 1} "
                                      f"(it has {count} question{'s' if count != 1 else ''})")
        if not sq.attempts:
            raise UnknownSessionError(f"session {session_id}: question {index + 1} was never "
                                      "answered")
        if attempt is not None:
            for row in sq.attempts:
                if row.attempt_no == attempt:
                    return row
            raise UnknownSessionError(f"session {session_id}: answer {index + 1} has no "
                                      f"attempt {attempt} (it has {len(sq.attempts)})")
        extras = load_extras(s, select(Attempt.id).where(
            Attempt.session_question_id == sq.id))
        values = [attempt_from_row(r, extras) for r in sq.attempts]
        best = best_attempt(values)
        assert best is not None
        return next(r for r in sq.attempts if r.attempt_no == best.attempt)

    def resolve_ref(self, ref: AnswerRef, *, owner: str | None) -> AnswerRef:
        """``ref`` with its attempt number filled in (the counted attempt when 0)."""
        with self.repo._tx() as s:
            row = self._attempt_row(s, ref.session_id, ref.index, ref.attempt or None, owner)
            return AnswerRef(ref.session_id, ref.index, row.attempt_no)

    def add_note(self, ref: AnswerRef, *, author: str, text: str, score: float | None,
                 reason: str, owner: str | None = None) -> tuple[MentorNote, float | None]:
        """Append a note (with an override when ``score`` is given) to one attempt and refresh
        the session score; returns the note and the new session score. Committed on return."""
        with self.repo._tx() as s:
            row = self._attempt_row(s, ref.session_id, ref.index, ref.attempt or None, owner)
            note = AnswerNote(attempt_id=row.id, author_id=self.repo._user_id(s, author),
                              author_name=author, text=text, score=score, reason=reason, created_at=utcnow())
            s.add(note)
            s.flush()
            new_score = refresh_session_score(s, ref.session_id)
            return note_from_row(note, author), new_score

    def add_dispute(self, ref: AnswerRef, *, criterion_id: str, label: str, words: str,
                    owner: str | None) -> Dispute:
        """Store a pending dispute of one criterion of one attempt (one pending dispute per
        criterion and attempt). Committed on return."""
        with self.repo._tx() as s:
            row = self._attempt_row(s, ref.session_id, ref.index, ref.attempt or None, owner)
            open_ = s.scalar(select(DisputeRow.id).where(
                DisputeRow.attempt_id == row.id, DisputeRow.criterion_id == criterion_id,
                DisputeRow.status.in_(("pending", "accepted"))).limit(1))
            if open_ is not None:
                raise SessionStateError(f"criterion '{criterion_id}' of this answer is already "
                                        f"disputed (dispute {open_})")
            d = DisputeRow(attempt_id=row.id, criterion_id=criterion_id[:120],
                           criterion_label=label[:300], words=words, status="pending",
                           created_at=utcnow(), resolution="")
            s.add(d)
            s.flush()
            return dispute_from_row(d, None)

    def disputes(self, *, status: DisputeStatus | None = None,
                 dispute_id: int | None = None) -> list[DisputeListing]:
        """Disputes (all, or of one status), by question id then oldest first. On a cohort
        database a member sees only their own (row-level security)."""
        resolver = aliased(User)
        owner = aliased(User)
        q = (select(DisputeRow, func.coalesce(DisputeRow.resolver_name, resolver.name),
                    Attempt.session_id, SessionQuestion.position,
                    Attempt.attempt_no, SessionQuestion.question_id, owner.name,
                    Attempt.answer, Attempt.score)
             .join(Attempt, DisputeRow.attempt_id == Attempt.id)
             .join(SessionQuestion, Attempt.session_question_id == SessionQuestion.id)
             .join(SessionRow, Attempt.session_id == SessionRow.id)
             .outerjoin(owner, SessionRow.user_id == owner.id)
             .outerjoin(resolver, DisputeRow.resolved_by == resolver.id))
        if status is not None:
            q = q.where(DisputeRow.status == status)
        if dispute_id is not None:
            q = q.where(DisputeRow.id == dispute_id)
        q = q.order_by(SessionQuestion.question_id, DisputeRow.id)
        with self.repo._tx() as s:
            out = []
            for row, rname, sid, pos, att, qid, cand, answer, score in s.execute(q):
                who = rname if rname is not None else ("a mentor" if row.resolved_by else None)
                out.append(DisputeListing(dispute_from_row(row, who), sid, pos, att, qid, cand,
                                          answer, score))
            return out

    def resolve_dispute(self, dispute_id: int, *, accept: bool, resolver: str, note: str,
                        override: float | None, reason: str) -> tuple[Dispute, float | None]:
        """Accept (recording ``override`` as a note with ``reason``) or reject a pending
        dispute, refreshing the session score; one transaction, committed on return."""
        with self.repo._tx() as s:
            row = s.scalar(select(DisputeRow).where(DisputeRow.id == dispute_id)
                           .with_for_update())
            if row is None:
                raise UnknownSessionError(f"no dispute {dispute_id} (see interview bank "
                                          "disputes)")
            if row.status != "pending":
                raise DisputeStateError(f"dispute {dispute_id} is already {row.status}")
            uid = self.repo._user_id(s, resolver)
            now = utcnow()
            row.status = "accepted" if accept else "rejected"
            row.resolved_by = uid
            row.resolved_at = now
            row.resolver_name = resolver
            row.resolution = note
            new_score: float | None = None
            if accept:
                s.add(AnswerNote(attempt_id=row.attempt_id, author_id=uid,
                                 author_name=resolver, text=note,
                                 score=override, reason=reason, created_at=now))
                s.flush()
                session_id = s.scalar(select(Attempt.session_id).where(
                    Attempt.id == row.attempt_id))
                assert session_id is not None
                new_score = refresh_session_score(s, session_id)
            s.flush()
            return dispute_from_row(row, resolver), new_score

"""Queries for the spaced-review queue (table ``review_cards``, revision 0005).

Reads use SQLAlchemy Core over a light table description (no ORM import), so the home
screen's due count stays one cheap query. Writes upsert one card per user and question.
Scheduling itself (FSRS) lives in ``interview.service.review``; this module only stores
what it decided.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    case,
    column,
    delete,
    func,
    insert,
    select,
    table,
    update,
)
from sqlalchemy.exc import IntegrityError

from ..domain.attempt import Attempt
from ..domain.review import MissedPoint

users = table("users", column("id", Integer), column("name", String))
cards = table(
    "review_cards", column("id", Integer), column("user_id", Integer),
    column("question_id", String), column("round", String), column("bank", String),
    column("title", String), column("card", Text), column("prev_card", Text),
    column("state", String), column("due", DateTime), column("reviews", Integer),
    column("last_score", Float), column("last_band", String), column("last_rating", String),
    column("missed", JSON), column("last_reviewed_at", DateTime),
    column("last_session_id", Integer), column("last_attempt_id", Integer),
    column("updated_at", DateTime),
)
TITLE_LENGTH = 200


def naive(dt: datetime) -> datetime:
    """Aware -> naive UTC (how the database stores times)."""
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def title_of(prompt: str) -> str:
    """A question's prompt as a one-line title."""
    line = next((ln.strip().lstrip("#").strip() for ln in prompt.splitlines() if ln.strip()),
                "")
    return line if len(line) <= 80 else line[:79].rstrip() + "…"


@dataclass(frozen=True)
class CardRecord:
    """One question in the review queue."""

    question_id: str
    round: str
    bank: str
    title: str
    card: str
    """The FSRS card as JSON text."""
    prev_card: str | None
    state: str
    due: datetime
    """Aware UTC."""
    reviews: int
    last_score: float
    last_band: str
    last_rating: str
    missed: tuple[MissedPoint, ...]
    last_reviewed_at: datetime
    last_session_id: int | None
    last_attempt_id: int | None


@dataclass(frozen=True)
class DueSummary:
    due: int
    """Cards due now."""
    total: int
    """Cards scheduled."""
    next_due: datetime | None
    """When the soonest card is due (aware UTC; None without cards)."""


def _missed_from_json(value: Any) -> tuple[MissedPoint, ...]:
    if isinstance(value, str):
        value = json.loads(value)
    out = []
    for m in value or ():
        if isinstance(m, dict):
            out.append(MissedPoint(str(m.get("id", "")), str(m.get("label", "")),
                                   bool(m.get("required")), m.get("probe")))
    return tuple(out)


def missed_to_json(missed: Sequence[MissedPoint]) -> list[dict[str, Any]]:
    return [{"id": m.id, "label": m.label, "required": m.required, "probe": m.probe}
            for m in missed]


def _record(row: Any) -> CardRecord:
    return CardRecord(
        question_id=row.question_id, round=row.round, bank=row.bank, title=row.title,
        card=row.card, prev_card=row.prev_card, state=row.state, due=_aware(row.due),
        reviews=int(row.reviews), last_score=float(row.last_score), last_band=row.last_band,
        last_rating=row.last_rating, missed=_missed_from_json(row.missed),
        last_reviewed_at=_aware(row.last_reviewed_at), last_session_id=row.last_session_id,
        last_attempt_id=row.last_attempt_id)


_COLUMNS = [c for c in cards.c if c.name not in ("id", "user_id", "updated_at")]


def _user_cards(user: str) -> Any:
    return (select(*_COLUMNS).select_from(cards.join(users, users.c.id == cards.c.user_id))
            .where(users.c.name == user))


def list_cards(conn: Connection, user: str, *, due_by: datetime | None = None,
               limit: int | None = None) -> list[CardRecord]:
    """The user's cards, soonest due (most overdue) first; only those due by ``due_by``
    when given."""
    query = _user_cards(user)
    if due_by is not None:
        query = query.where(cards.c.due <= naive(due_by))
    query = query.order_by(cards.c.due, cards.c.question_id)
    if limit is not None:
        query = query.limit(limit)
    return [_record(r) for r in conn.execute(query)]


def get_card(conn: Connection, user: str, question_id: str) -> CardRecord | None:
    row = conn.execute(_user_cards(user).where(cards.c.question_id == question_id)).first()
    return None if row is None else _record(row)


def due_summary(conn: Connection, user: str, now: datetime) -> DueSummary:
    """Due now, scheduled, and the soonest due time: one query on the (user, due) index."""
    row = conn.execute(
        select(func.coalesce(func.sum(case((cards.c.due <= naive(now), 1), else_=0)), 0),
               func.count(), func.min(cards.c.due))
        .select_from(cards.join(users, users.c.id == cards.c.user_id))
        .where(users.c.name == user)).one()
    return DueSummary(int(row[0]), int(row[1]), None if row[2] is None else _aware(row[2]))


def has_cards(conn: Connection, user: str) -> bool:
    return conn.execute(_user_cards(user).limit(1)).first() is not None


def has_answers(conn: Connection, user: str) -> bool:
    """True when the user has at least one stored attempt."""
    sessions = table("sessions", column("id", Integer), column("user_id", Integer))
    attempts = table("attempts", column("id", Integer), column("session_id", Integer))
    row = conn.execute(
        select(attempts.c.id).select_from(
            attempts.join(sessions, sessions.c.id == attempts.c.session_id)
            .join(users, users.c.id == sessions.c.user_id))
        .where(users.c.name == user).limit(1)).first()
    return row is not None


def user_id(conn: Connection, user: str) -> int | None:
    return conn.execute(select(users.c.id).where(users.c.name == user)).scalar()


def save_card(conn: Connection, user: str, values: dict[str, Any]) -> None:
    """Insert or update the user's card for ``values["question_id"]`` (times aware or
    naive UTC). Raises LookupError for an unknown user."""
    uid = user_id(conn, user)
    if uid is None:
        raise LookupError(f"no user '{user}'")
    row = dict(values)
    for key in ("due", "last_reviewed_at"):
        row[key] = naive(row[key])
    row["missed"] = missed_to_json(row["missed"])
    row["title"] = str(row.get("title", ""))[:TITLE_LENGTH]
    row["updated_at"] = naive(datetime.now(UTC))
    where = (cards.c.user_id == uid) & (cards.c.question_id == row["question_id"])
    if conn.execute(update(cards).where(where).values(**row)).rowcount:
        return
    try:
        with conn.begin_nested():
            conn.execute(insert(cards).values(user_id=uid, **row))
    except IntegrityError:  # inserted by another program just now
        conn.execute(update(cards).where(where).values(**row))


def delete_cards(conn: Connection, user: str) -> int:
    uid = user_id(conn, user)
    if uid is None:
        return 0
    return int(conn.execute(delete(cards).where(cards.c.user_id == uid)).rowcount or 0)


def attempt_id(conn: Connection, session_id: int, position: int, attempt_no: int) -> int | None:
    sq = table("session_questions", column("id", Integer), column("session_id", Integer),
               column("position", Integer))
    at = table("attempts", column("id", Integer), column("session_question_id", Integer),
               column("attempt_no", Integer))
    return conn.execute(
        select(at.c.id).select_from(at.join(sq, sq.c.id == at.c.session_question_id))
        .where(sq.c.session_id == session_id, sq.c.position == position,
               at.c.attempt_no == attempt_no)).scalar()


@dataclass(frozen=True)
class PastQuestion:
    """One question of one past session, with its attempts (for rebuilding cards)."""

    session_id: int
    position: int
    question_id: str
    round: str
    bank: str
    prompt: str
    attempts: tuple[Attempt, ...]
    attempt_ids: tuple[int, ...]
    answered_at: datetime
    """When its last attempt was last written (aware UTC): the review's time."""


def past_questions(conn: Connection, user: str) -> Iterator[PastQuestion]:
    """Every attempted question of the user's sessions, in the order they were answered."""
    from sqlalchemy.orm import Session, selectinload

    from .convert import attempt_from_row
    from .models import SessionQuestion, SessionRow, User

    with Session(bind=conn) as s:
        sqs = s.scalars(
            select(SessionQuestion).join(SessionRow).join(User).where(User.name == user)
            .options(selectinload(SessionQuestion.attempts),
                     selectinload(SessionQuestion.snapshot))).all()
        found = []
        for sq in sqs:
            if not sq.attempts:
                continue
            data = sq.snapshot.data or {}
            prompt = str((data.get("question") or {}).get("prompt", ""))
            when = max(a.updated_at for a in sq.attempts)
            found.append(PastQuestion(
                session_id=sq.session_id, position=sq.position, question_id=sq.question_id,
                round=sq.round, bank=str(data.get("bank", sq.snapshot.bank)), prompt=prompt,
                attempts=tuple(attempt_from_row(a) for a in sq.attempts),
                attempt_ids=tuple(a.id for a in sq.attempts), answered_at=_aware(when)))
    found.sort(key=lambda p: (p.answered_at, p.session_id, p.position))
    yield from found

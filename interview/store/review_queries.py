"""Queries for the spaced-review queue (table ``review_cards``, revision 0005).

Reads use SQLAlchemy Core over a light table description (no ORM import), so the home
screen's due count stays one cheap query. Writes upsert one card per user and question.
Scheduling itself (FSRS) lives in ``interview.service.review``; this module only stores
what it decided.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    column,
    delete,
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
    """Due now, scheduled, and the soonest due time: one query on the (user, due) index
    (``history_queries.due_summary``, which Home reads without SQLAlchemy)."""
    from .history_queries import due_summary as figures

    return DueSummary(*figures(conn, user, now))


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


def _row(values: dict[str, Any]) -> dict[str, Any]:
    row = dict(values)
    for key in ("due", "last_reviewed_at"):
        row[key] = naive(row[key])
    row["missed"] = missed_to_json(row["missed"])
    row["title"] = str(row.get("title", ""))[:TITLE_LENGTH]
    row["updated_at"] = naive(datetime.now(UTC))
    return row


def _known_user(conn: Connection, user: str) -> int:
    uid = user_id(conn, user)
    if uid is None:
        raise LookupError(f"no user '{user}'")
    return uid


def save_card(conn: Connection, user: str, values: dict[str, Any]) -> None:
    """Insert or update the user's card for ``values["question_id"]`` (times aware or
    naive UTC). Raises LookupError for an unknown user."""
    uid = _known_user(conn, user)
    row = _row(values)
    where = (cards.c.user_id == uid) & (cards.c.question_id == row["question_id"])
    if conn.execute(update(cards).where(where).values(**row)).rowcount:
        return
    try:
        with conn.begin_nested():
            conn.execute(insert(cards).values(user_id=uid, **row))
    except IntegrityError:  # inserted by another program just now
        conn.execute(update(cards).where(where).values(**row))


def insert_cards(conn: Connection, user: str, values: Sequence[dict[str, Any]]) -> None:
    """Insert new cards in one statement (a rebuild, after ``delete_cards``)."""
    if values:
        uid = _known_user(conn, user)
        conn.execute(insert(cards), [{**_row(v), "user_id": uid} for v in values])


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
    """One question of one past session, with its attempts (for rebuilding cards). The
    attempts carry no report: ``missed`` holds what each one missed, by attempt number."""

    session_id: int
    position: int
    question_id: str
    round: str
    bank: str
    prompt: str
    attempts: tuple[Attempt, ...]
    attempt_ids: tuple[int, ...]
    missed: dict[int, tuple[MissedPoint, ...]]
    answered_at: datetime
    """When its last attempt was last written (aware UTC): the review's time."""


def _snapshot_facts(data: Any) -> tuple[str, str, dict[str, tuple[bool, str | None]]]:
    """(bank, prompt, criterion id -> (required, probe)) from a stored snapshot."""
    if isinstance(data, str):
        data = json.loads(data)
    data = data if isinstance(data, dict) else {}
    question = data.get("question") or {}
    criteria = {}
    for c in (data.get("rubric") or {}).get("criteria") or ():
        if isinstance(c, dict) and "id" in c:
            criteria[str(c["id"])] = (bool(c.get("required")), c.get("probe"))
    return str(data.get("bank", "")), str(question.get("prompt", "")), criteria


def past_questions(conn: Connection, user: str) -> list[PastQuestion]:
    """Every attempted question of the user's sessions, in the order they were answered.

    Four Core queries and no report decoding (a 1,000-session history took 10 s through the
    ORM): attempts without their text, the criteria they missed, and each snapshot once."""
    sessions = table("sessions", column("id", Integer), column("user_id", Integer))
    sqs = table("session_questions", column("id", Integer), column("session_id", Integer),
                column("position", Integer), column("snapshot_id", Integer),
                column("question_id", String), column("round", String))
    at = table("attempts", column("id", Integer), column("session_id", Integer),
               column("session_question_id", Integer), column("attempt_no", Integer),
               column("score", Float), column("skipped", Boolean),
               column("after_reveal", Boolean), column("concluded", Boolean),
               column("updated_at"))
    crit = table("criterion_results", column("attempt_id", Integer),
                 column("criterion_id", String), column("label", String),
                 column("status", String))
    snaps = table("question_snapshots", column("id", Integer), column("data", JSON))
    own = (select(sessions.c.id).select_from(sessions.join(users, users.c.id ==
                                                               sessions.c.user_id))
           .where(users.c.name == user)).scalar_subquery()
    questions = {r.id: r for r in conn.execute(
        select(sqs.c.id, sqs.c.session_id, sqs.c.position, sqs.c.snapshot_id,
               sqs.c.question_id, sqs.c.round).where(sqs.c.session_id.in_(own)))}
    attempts: dict[int, list[Any]] = {}
    for r in conn.execute(
            select(at.c.id, at.c.session_question_id, at.c.attempt_no, at.c.score,
                   at.c.skipped, at.c.after_reveal, at.c.concluded, at.c.updated_at)
            .where(at.c.session_id.in_(own)).order_by(at.c.session_question_id,
                                                      at.c.attempt_no)):
        attempts.setdefault(r.session_question_id, []).append(r)
    missed_rows: dict[int, list[tuple[str, str]]] = {}
    for m in conn.execute(
            select(crit.c.attempt_id, crit.c.criterion_id, crit.c.label)
            .select_from(crit.join(at, at.c.id == crit.c.attempt_id))
            .where(at.c.session_id.in_(own), crit.c.status == "missed")):
        missed_rows.setdefault(m.attempt_id, []).append((m.criterion_id, m.label))
    wanted = {questions[q].snapshot_id for q in attempts if q in questions}
    facts = {s.id: _snapshot_facts(s.data) for s in conn.execute(
        select(snaps.c.id, snaps.c.data).where(snaps.c.id.in_(
            select(sqs.c.snapshot_id).where(sqs.c.session_id.in_(own)))))
        if s.id in wanted}
    found = []
    for sq_id, rows in attempts.items():
        q = questions.get(sq_id)
        if q is None:
            continue
        bank, prompt, criteria = facts.get(q.snapshot_id, ("", "", {}))
        missed = {}
        for r in rows:
            points = []
            for cid, label in missed_rows.get(r.id, ()):
                required, probe = criteria.get(cid, (False, None))
                points.append(MissedPoint(cid, label, required, probe))
            missed[int(r.attempt_no)] = tuple(points)
        found.append(PastQuestion(
            session_id=q.session_id, position=q.position, question_id=q.question_id,
            round=q.round, bank=bank, prompt=prompt,
            attempts=tuple(Attempt(attempt=int(r.attempt_no), answer="", skipped=bool(r.skipped),
                                   score=float(r.score), report=None,
                                   after_reveal=bool(r.after_reveal),
                                   concluded=bool(r.concluded)) for r in rows),
            attempt_ids=tuple(int(r.id) for r in rows), missed=missed,
            answered_at=max(_aware(r.updated_at) for r in rows)))
    found.sort(key=lambda p: (p.answered_at, p.session_id, p.position))
    return found

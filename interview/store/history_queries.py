"""Read-side queries for history and statistics, written to scale.

Every query filters and joins in SQL: no list of ids is ever sent back as bound parameters
(one parameter per row broke stock SQLite from about 6,500 sessions and PostgreSQL from
about 13,000), and no question snapshot is decoded more than once per call (decoding one per
answered question made ``stats`` take 13 s and 1.7 GB at 10,000 sessions).

The queries use SQLAlchemy Core over lightweight table descriptions (no ORM import), so the
home screen's figures need only SQLAlchemy Core. The table and column names are those of
``models.py``; ``tests/store/test_history_queries.py`` checks them against the models.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Float,
    Integer,
    Select,
    String,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
    true,
)

from .records import SessionRecord
from .summaries import missed_summaries, question_summaries

users = table("users", column("id", Integer), column("name", String))
# Times are read untyped: SQLite hands back its text (parsed below with the C-fast
# ``fromisoformat``; SQLAlchemy's own parsing cost more than the query at 10,000 rows) and
# PostgreSQL a datetime.
sessions = table(
    "sessions", column("id", Integer), column("user_id", Integer),
    column("started_at"), column("finished_at"), column("mode", String),
    column("rounds", String), column("score", Float), column("seed", Integer),
)
session_questions = table(
    "session_questions", column("id", Integer), column("session_id", Integer),
    column("position", Integer), column("snapshot_id", Integer), column("question_id", String),
    column("round", String),
)
question_snapshots = table("question_snapshots", column("id", Integer), column("data", JSON))

TABLES = (users, sessions, session_questions, question_snapshots, question_summaries,
          missed_summaries)


def _aware(dt: datetime | str | None) -> datetime | None:
    """Stored naive UTC (a datetime, or SQLite's text) -> aware UTC."""
    if dt is None:
        return None
    if isinstance(dt, str):
        dt = datetime.fromisoformat(dt)
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _rounds(text: str | None) -> tuple[str, ...]:
    return tuple(r for r in (text or "").split(",") if r)


def _session_filter(q: Select[Any], *, user: str | None, round_: str | None = None,
                    unfinished: bool = False) -> Select[Any]:
    if user is not None:
        q = q.where(users.c.name == user)
    if round_ is not None:
        q = q.where(sessions.c.rounds.like(f"%,{round_},%"))
    if unfinished:
        q = q.where(sessions.c.finished_at.is_(None))
    return q


def _answers() -> Any:
    """Questions answered in the session (at least one attempt that was not a skip; retries
    not counted), as a correlated subquery on the per-question summaries (one index
    seek)."""
    return (select(func.count())
            .where(question_summaries.c.session_id == sessions.c.id,
                   question_summaries.c.answered == true())
            .scalar_subquery())


def _questions() -> Any:
    """Questions planned in the session, as a correlated subquery (one index seek)."""
    return (select(func.count()).where(session_questions.c.session_id == sessions.c.id)
            .scalar_subquery())


def history(conn: Connection, *, user: str | None, round_: str | None = None,
            limit: int | None = None, unfinished: bool = False,
            question_ids: bool = True) -> list[SessionRecord]:
    """Sessions newest first (``unfinished``: only those not finished), in two queries.
    ``question_ids`` False leaves ``SessionRecord.question_ids`` empty and saves the second
    query (one row per session question); ``questions`` is counted either way."""
    # With the ids, the questions are counted from them; without, in SQL.
    planned = literal(None) if question_ids else _questions()
    q: Select[Any] = (
        select(sessions.c.id, users.c.name, sessions.c.started_at, sessions.c.finished_at,
               sessions.c.mode, sessions.c.rounds, sessions.c.score, sessions.c.seed,
               _answers().label("answers"), planned.label("questions"))
        .select_from(sessions.join(users, sessions.c.user_id == users.c.id)))
    q = _session_filter(q, user=user, round_=round_, unfinished=unfinished)
    q = q.order_by(sessions.c.started_at.desc(), sessions.c.id.desc())
    if limit is not None:
        q = q.limit(limit)
    rows: list[Any] = list(conn.execute(q).all())
    if not rows:
        return []
    qids: dict[int, list[str]] = defaultdict(list)
    if question_ids:
        ids_q = _session_filter(
            select(sessions.c.id)
            .select_from(sessions.join(users, sessions.c.user_id == users.c.id)),
            user=user, round_=round_, unfinished=unfinished)
        if limit is not None:
            ids_q = select(ids_q.order_by(sessions.c.started_at.desc(), sessions.c.id.desc())
                           .limit(limit).subquery().c.id)
        for sid, qid in conn.execute(
                select(session_questions.c.session_id, session_questions.c.question_id)
                .where(session_questions.c.session_id.in_(ids_q))
                .order_by(session_questions.c.session_id, session_questions.c.position)):
            qids[sid].append(qid)
    out = []
    for sid, name, started, finished, mode, rounds, score, seed, answers, counted in rows:
        ids = qids.get(sid, ())
        started_at = _aware(started)
        assert started_at is not None
        out.append(SessionRecord(
            id=sid, user=name, started_at=started_at, finished_at=_aware(finished),
            status="finished" if finished is not None else "unfinished", mode=mode,
            rounds=_rounds(rounds), score=score, answers=int(answers or 0),
            questions=len(ids) if question_ids else int(counted or 0),
            question_ids=tuple(ids), seed=seed))
    return out


def count_sessions(conn: Connection, *, user: str | None, round_: str | None = None) -> int:
    """How many sessions ``history`` would list without a limit (one indexed count)."""
    q = _session_filter(
        select(func.count()).select_from(sessions.join(users, sessions.c.user_id == users.c.id)),
        user=user, round_=round_)
    return int(conn.execute(q).scalar_one())


@dataclass(frozen=True)
class SessionFigures:
    """A session as statistics see it (oldest first)."""

    id: int
    score: float | None
    answers: int


@dataclass(frozen=True)
class StatsRows:
    sessions: tuple[SessionFigures, ...]
    """Oldest first."""
    round_scores: dict[tuple[int, str], tuple[float, int]]
    """(session id, round) -> (sum, count) of the best score of each question reached."""
    tag_scores: dict[str, tuple[float, int]]
    """Tag -> (sum, count) of the best score of each question reached with that tag."""
    missed: tuple[tuple[str, str, int], ...]
    """(criterion id, label, times missed in best attempts), most missed first."""


def _own(col: Any, user: str | None) -> Any:
    """``col`` (a user id column) belongs to ``user`` (always true for None)."""
    if user is None:
        return literal_column("1") == literal_column("1")
    return col == select(users.c.id).where(users.c.name == user).scalar_subquery()


def _tags(data: Any) -> tuple[str, ...]:
    if isinstance(data, str | bytes):  # a driver that hands JSON back as text
        data = json.loads(data)
    question = (data or {}).get("question") or {}
    return tuple(str(t) for t in (question.get("tags") or ()))


def stats_rows(conn: Connection, *, user: str | None) -> StatsRows:
    """What ``stats`` and the home screen need, in five queries over the per-question
    summaries kept at write time (summaries.py): each aggregates in SQL, so about one row
    per session and round comes back, and each snapshot used is decoded once."""
    qs, ms = question_summaries, missed_summaries
    figures_q = (select(sessions.c.id, sessions.c.score, _answers().label("answers"))
                 .select_from(sessions.join(users, sessions.c.user_id == users.c.id)))
    figures_q = _session_filter(figures_q, user=user).order_by(sessions.c.started_at,
                                                              sessions.c.id)
    figures = tuple(SessionFigures(sid, score, int(n or 0))
                    for sid, score, n in conn.execute(figures_q))
    if not figures:
        return StatsRows((), {}, {}, ())
    mine = _own(qs.c.user_id, user)
    round_scores: dict[tuple[int, str], tuple[float, int]] = {
        (sid, round_): (float(total), int(n)) for sid, round_, total, n in conn.execute(
            select(qs.c.session_id, qs.c.round, func.sum(qs.c.best), func.count())
            .where(mine).group_by(qs.c.session_id, qs.c.round))}
    by_snapshot = {snap: (float(total), int(n)) for snap, total, n in conn.execute(
        select(qs.c.snapshot_id, func.sum(qs.c.best), func.count())
        .where(mine).group_by(qs.c.snapshot_id))}
    # Each snapshot used is decoded once, whatever the number of answers.
    tag_scores: dict[str, tuple[float, int]] = {}
    if by_snapshot:
        used = select(qs.c.snapshot_id).where(mine).distinct()
        for snap, data in conn.execute(
                select(question_snapshots.c.id, question_snapshots.c.data)
                .where(question_snapshots.c.id.in_(used))
                .order_by(question_snapshots.c.id)):
            total, n = by_snapshot[snap]
            for tag in _tags(data):
                t0, n0 = tag_scores.get(tag, (0.0, 0))
                tag_scores[tag] = (t0 + total, n0 + n)
    missed = [(cid, label, int(n)) for cid, label, n in conn.execute(
        select(ms.c.criterion_id, func.min(ms.c.label), func.count())
        .where(_own(ms.c.user_id, user)).group_by(ms.c.criterion_id))]
    missed.sort(key=lambda m: (-m[2], m[1]))
    return StatsRows(figures, round_scores, tag_scores, tuple(missed))


def columns_of(tables: Sequence[Any] = TABLES) -> dict[str, set[str]]:
    """Table -> column names described here (checked against the models by a test)."""
    return {t.name: {c.name for c in t.columns} for t in tables}

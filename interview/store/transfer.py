"""Whole sessions as plain JSON-ready data, to move history between databases (SQLite and a
cohort's PostgreSQL). Lossless: every stored column of the session, its questions, question
snapshots, attempts and criterion results, and each attempt's mentor notes (with their
overrides) and disputes, their authors and resolvers by name.

Snapshots are shared between sessions, so they travel once each (keyed by content hash) and
sessions refer to them. A session is identified across databases by its user, start time,
seed, mode and round: importing a session already present is skipped unless a new copy is
asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.orm import Session

from .models import Base, utcnow

BATCH = 500

_TABLES: dict[str, Table] = dict(Base.metadata.tables)
_SESSION = _TABLES["sessions"]
_QUESTION = _TABLES["session_questions"]
_ATTEMPT = _TABLES["attempts"]
_CRITERION = _TABLES["criterion_results"]
_SNAPSHOT = _TABLES["question_snapshots"]
_USER = _TABLES["users"]
_NOTE = _TABLES["answer_notes"]
_DISPUTE = _TABLES["disputes"]


def _plain(row: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {}
    for key, value in row._mapping.items():
        if key in skip:
            continue
        out[key] = value.isoformat() if isinstance(value, datetime) else value
    return out


def _when(text: Any) -> datetime | None:
    return None if text is None else datetime.fromisoformat(str(text))


def export_rows(conn: Connection, *, user: str | None) -> Iterator[dict[str, Any]]:
    """Records, oldest session first: each snapshot once (``kind: snapshot``) before the
    first session that uses it, then the session (``kind: session``). Read in batches."""
    ids_q = select(_SESSION.c.id).order_by(_SESSION.c.id)
    if user is not None:
        ids_q = ids_q.join(_USER, _SESSION.c.user_id == _USER.c.id).where(_USER.c.name == user)
    ids = list(conn.scalars(ids_q))
    sent: set[int] = set()
    for start in range(0, len(ids), BATCH):
        lo, hi = ids[start], ids[min(start + BATCH, len(ids)) - 1]
        in_batch = select(_SESSION.c.id).where(_SESSION.c.id.between(lo, hi))
        if user is not None:
            in_batch = in_batch.join(_USER, _SESSION.c.user_id == _USER.c.id).where(
                _USER.c.name == user)
        sessions = conn.execute(
            select(_SESSION, _USER.c.name.label("user"))
            .join(_USER, _SESSION.c.user_id == _USER.c.id)
            .where(_SESSION.c.id.in_(in_batch)).order_by(_SESSION.c.id)).all()
        questions: dict[int, list[Any]] = defaultdict(list)
        for q in conn.execute(select(_QUESTION).where(_QUESTION.c.session_id.in_(in_batch))
                              .order_by(_QUESTION.c.session_id, _QUESTION.c.position)):
            questions[q.session_id].append(q)
        attempts: dict[int, list[Any]] = defaultdict(list)
        for a in conn.execute(select(_ATTEMPT).where(_ATTEMPT.c.session_id.in_(in_batch))
                              .order_by(_ATTEMPT.c.session_question_id, _ATTEMPT.c.attempt_no)):
            attempts[a.session_question_id].append(a)
        batch_attempts = select(_ATTEMPT.c.id).where(_ATTEMPT.c.session_id.in_(in_batch))
        criteria: dict[int, list[Any]] = defaultdict(list)
        for c in conn.execute(
                select(_CRITERION).where(_CRITERION.c.attempt_id.in_(batch_attempts))
                .order_by(_CRITERION.c.id)):
            criteria[c.attempt_id].append(c)
        notes, disputes = _extras(conn, batch_attempts)
        needed = select(_QUESTION.c.snapshot_id).where(_QUESTION.c.session_id.in_(in_batch))
        snapshots = {s.id: s for s in conn.execute(
            select(_SNAPSHOT).where(_SNAPSHOT.c.id.in_(needed)))}
        for s in sessions:
            for q in questions[s.id]:
                if q.snapshot_id not in sent:
                    sent.add(q.snapshot_id)
                    yield {"kind": "snapshot", **_plain(snapshots[q.snapshot_id], ("id",))}
            yield {
                "kind": "session",
                **_plain(s, ("id", "user_id")),
                "questions": [{
                    **_plain(q, ("id", "session_id", "snapshot_id")),
                    "snapshot": snapshots[q.snapshot_id].content_hash,
                    "attempts": [{
                        **_plain(a, ("id", "session_id", "session_question_id")),
                        "criteria": [_plain(c, ("id", "attempt_id")) for c in criteria[a.id]],
                        "notes": notes[a.id],
                        "disputes": disputes[a.id],
                    } for a in attempts[q.id]],
                } for q in questions[s.id]],
            }


def _extras(conn: Connection, attempt_ids: Any) -> tuple[dict[int, list[dict[str, Any]]],
                                                          dict[int, list[dict[str, Any]]]]:
    """Notes and disputes of the selected attempts, oldest first, with names instead of user
    ids (the name stored on the row, else the ``users`` row's)."""
    author = _USER.alias("author")
    notes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for n in conn.execute(
            select(_NOTE, func.coalesce(_NOTE.c.author_name, author.c.name).label("author"))
            .outerjoin(author, _NOTE.c.author_id == author.c.id)
            .where(_NOTE.c.attempt_id.in_(attempt_ids)).order_by(_NOTE.c.id)):
        notes[n.attempt_id].append({
            "author": n.author, "text": n.text, "score": n.score, "reason": n.reason,
            "created_at": n.created_at.isoformat()})
    resolver = _USER.alias("resolver")
    disputes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for d in conn.execute(
            select(_DISPUTE,
                   func.coalesce(_DISPUTE.c.resolver_name, resolver.c.name).label("resolver"))
            .outerjoin(resolver, _DISPUTE.c.resolved_by == resolver.c.id)
            .where(_DISPUTE.c.attempt_id.in_(attempt_ids)).order_by(_DISPUTE.c.id)):
        disputes[d.attempt_id].append({
            **_plain(d, ("id", "attempt_id", "resolved_by", "resolver_name", "resolver")),
            "resolved_by": d.resolver})
    return notes, disputes


def _user_id(conn: Connection, name: str) -> int:
    uid = conn.scalar(select(_USER.c.id).where(_USER.c.name == name))
    if uid is None:
        uid = conn.execute(insert(_USER).values(name=name, created_at=utcnow())
                           .returning(_USER.c.id)).scalar_one()
    return int(uid)


def import_snapshot(conn: Connection, data: dict[str, Any]) -> int:
    """The id of the snapshot with this content hash (inserted when new)."""
    sid = conn.scalar(select(_SNAPSHOT.c.id).where(
        _SNAPSHOT.c.content_hash == data["content_hash"]))
    if sid is None:
        sid = conn.execute(insert(_SNAPSHOT).values(
            content_hash=data["content_hash"], question_id=data["question_id"],
            round=data["round"], bank=data["bank"], data=data["data"],
            created_at=_when(data.get("created_at")) or utcnow())
            .returning(_SNAPSHOT.c.id)).scalar_one()
    return int(sid)


def session_exists(conn: Connection, data: dict[str, Any]) -> bool:
    return conn.scalar(
        select(_SESSION.c.id).join(_USER, _SESSION.c.user_id == _USER.c.id).where(
            _USER.c.name == data["user"], _SESSION.c.started_at == _when(data["started_at"]),
            _SESSION.c.seed == data["seed"], _SESSION.c.mode == data["mode"],
            _SESSION.c.round == data["round"]).limit(1)) is not None


def import_session(conn: Connection, data: dict[str, Any], snapshots: dict[str, int]
                   ) -> tuple[int, list[tuple[int, dict[str, Any]]]]:
    """Insert one session under a new id (``snapshots``: content hash -> snapshot id), without
    its notes and disputes (``import_extras``). Returns the session id and each new attempt
    id with its record."""
    times = ("started_at", "updated_at", "finished_at")
    attempts: list[tuple[int, dict[str, Any]]] = []
    values = {k: v for k, v in data.items() if k not in ("kind", "user", "questions", *times)}
    sid = conn.execute(insert(_SESSION).values(
        **values, user_id=_user_id(conn, data["user"]),
        **{k: _when(data.get(k)) for k in times}).returning(_SESSION.c.id)).scalar_one()
    for q in data["questions"]:
        qvalues = {k: v for k, v in q.items() if k not in ("snapshot", "attempts")}
        qid = conn.execute(insert(_QUESTION).values(
            **qvalues, session_id=sid, snapshot_id=snapshots[q["snapshot"]])
            .returning(_QUESTION.c.id)).scalar_one()
        for a in q["attempts"]:
            avalues = {k: v for k, v in a.items()
                       if k not in ("criteria", "notes", "disputes", "created_at",
                                    "updated_at")}
            aid = conn.execute(insert(_ATTEMPT).values(
                **avalues, session_id=sid, session_question_id=qid,
                created_at=_when(a.get("created_at")), updated_at=_when(a.get("updated_at")))
                .returning(_ATTEMPT.c.id)).scalar_one()
            if a["criteria"]:
                conn.execute(insert(_CRITERION), [{**c, "attempt_id": aid}
                                                  for c in a["criteria"]])
            attempts.append((int(aid), a))
    return int(sid), attempts


def import_extras(conn: Connection, attempt_id: int, data: dict[str, Any], *,
                  notes: bool) -> tuple[int, int]:
    """Insert an attempt's disputes and, with ``notes``, its notes under their original authors
    (a missing author's ``users`` row is created, as a session's is). Without ``notes`` only
    pending disputes are written: a resolved one goes with the mentor's notes. Returns how
    many notes and disputes were left out."""
    all_notes = data.get("notes") or []
    all_disputes = data.get("disputes") or []
    if notes and all_notes:
        conn.execute(insert(_NOTE), [{
            "attempt_id": attempt_id, "author_id": _user_id(conn, n["author"]),
            "author_name": n["author"], "text": n["text"], "score": n["score"],
            "reason": n["reason"], "created_at": _when(n["created_at"])} for n in all_notes])
    kept = [d for d in all_disputes if notes or d["status"] == "pending"]
    if kept:
        conn.execute(insert(_DISPUTE), [{
            "attempt_id": attempt_id, "criterion_id": d["criterion_id"],
            "criterion_label": d["criterion_label"], "words": d["words"],
            "status": d["status"], "created_at": _when(d["created_at"]),
            "resolved_by": _user_id(conn, d["resolved_by"]) if d.get("resolved_by") else None,
            "resolver_name": d.get("resolved_by") or None,
            "resolved_at": _when(d.get("resolved_at")), "resolution": d["resolution"],
        } for d in kept])
    return (0 if notes else len(all_notes)), len(all_disputes) - len(kept)


def refresh_score(conn: Connection, session_id: int) -> None:
    """Store the session's score again from its attempts and overrides
    (``mentor_store.refresh_session_score``, hence ``domain.session_score``)."""
    from .mentor_store import refresh_session_score

    with Session(bind=conn) as s:
        refresh_session_score(s, session_id)
        s.flush()

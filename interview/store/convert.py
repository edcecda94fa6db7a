"""Converters between database rows and plain records: the only place both meet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ..engine.types import FollowUp
from ..scoring.report import ScoreReport
from .models import Attempt, SessionQuestion, SessionRow
from .records import AttemptRecord, QuestionRecord, SessionRecord


def aware(dt: datetime | None) -> datetime | None:
    """Stored naive UTC -> aware UTC."""
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def rounds_to_text(rounds: Sequence[str]) -> str:
    return "," + ",".join(rounds) + "," if rounds else ","


def rounds_from_text(text: str) -> tuple[str, ...]:
    return tuple(r for r in text.split(",") if r)


def followup_to_json(f: FollowUp) -> dict[str, Any]:
    return {"criterion_id": f.criterion_id, "criterion_label": f.criterion_label,
            "prompt": f.prompt, "answer": f.answer, "earned_back": f.earned_back,
            "elapsed": f.elapsed}


def followup_from_json(d: dict[str, Any]) -> FollowUp:
    return FollowUp(criterion_id=str(d.get("criterion_id", "")),
                    criterion_label=str(d.get("criterion_label", "")),
                    prompt=str(d.get("prompt", "")), answer=d.get("answer"),
                    earned_back=float(d.get("earned_back", 0.0)),
                    elapsed=float(d.get("elapsed", 0.0)))


def report_from_json(data: dict[str, Any] | None) -> ScoreReport | None:
    if data is None:
        return None
    try:
        return ScoreReport.model_validate(data)
    except Exception:  # a report from an incompatible version: keep the row readable
        return None


def attempt_record(row: Attempt) -> AttemptRecord:
    created = aware(row.created_at)
    assert created is not None
    return AttemptRecord(
        attempt=row.attempt_no, answer=row.answer, skipped=row.skipped, score=row.score,
        band=row.band, report=report_from_json(row.report), hints_used=row.hints_used,
        hint_penalty=row.hint_penalty, elapsed=row.elapsed, time_limit=row.time_limit,
        over_time=row.over_time,
        followups=tuple(followup_from_json(f) for f in (row.followups or [])
                        if isinstance(f, dict)),
        created_at=created,
    )


def question_record(sq: SessionQuestion) -> QuestionRecord:
    data = sq.snapshot.data or {}
    q = data.get("question") or {}
    attempts = tuple(attempt_record(a) for a in sq.attempts)
    best = max((a.score for a in attempts), default=None)
    return QuestionRecord(
        index=sq.position, question_id=sq.question_id, round=sq.round,
        bank=str(data.get("bank", sq.snapshot.bank)), prompt=str(q.get("prompt", "")),
        difficulty=str(q.get("difficulty", "medium")), tags=tuple(q.get("tags") or ()),
        model_answer=q.get("model_answer"), hints=tuple(q.get("hints") or ()),
        time_limit=int(data.get("time_limit", 0)), content_hash=sq.snapshot.content_hash,
        attempts=attempts, best_score=best,
    )


def session_record(row: SessionRow, user: str, answers: int,
                   question_ids: Sequence[str]) -> SessionRecord:
    started = aware(row.started_at)
    assert started is not None
    return SessionRecord(
        id=row.id, user=user, started_at=started, finished_at=aware(row.finished_at),
        status="finished" if row.finished_at is not None else "unfinished", mode=row.mode,
        rounds=rounds_from_text(row.rounds), score=row.score, answers=answers,
        questions=len(question_ids), question_ids=tuple(question_ids), seed=row.seed,
    )

"""Converters between database rows and domain values: the only place both meet.

One pair of mappers per value: ``attempt_values`` (Attempt -> column values) and
``attempt_from_row`` (row -> Attempt, with the mentor notes and disputes stored beside it:
``note_from_row``, ``dispute_from_row``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from ..domain.attempt import Attempt, FollowUp, best_attempt
from ..domain.live import LiveState
from ..domain.mentor import DISPUTE_STATUSES, Dispute, DisputeStatus, MentorNote
from ..scoring.report import ScoreReport
from .models import AnswerNote, DisputeRow, SessionQuestion, SessionRow
from .models import Attempt as AttemptRow
from .records import QuestionRecord, SessionRecord


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


def attempt_values(att: Attempt) -> dict[str, Any]:
    """The columns of an attempt row (the report as JSON; the score stored explicitly)."""
    return dict(
        answer=att.answer, skipped=att.skipped, score=att.score, band=att.band,
        report=att.report.model_dump(mode="json") if att.report is not None else None,
        hints_used=att.hints_used, hint_penalty=att.hint_penalty, elapsed=att.elapsed,
        time_limit=att.time_limit, over_time=att.over_time,
        followups=[followup_to_json(f) for f in att.followups], concluded=att.concluded,
        after_reveal=att.after_reveal)


_STATUSES: dict[str, DisputeStatus] = {s: s for s in DISPUTE_STATUSES}


def note_from_row(row: AnswerNote, author: str) -> MentorNote:
    created = aware(row.created_at)
    assert created is not None
    return MentorNote(id=row.id, author=author, text=row.text, created_at=created,
                      score=row.score, reason=row.reason or "")


def dispute_from_row(row: DisputeRow, resolved_by: str | None) -> Dispute:
    created = aware(row.created_at)
    assert created is not None
    status: DisputeStatus = _STATUSES.get(row.status, "pending")
    return Dispute(id=row.id, criterion_id=row.criterion_id,
                   criterion_label=row.criterion_label, words=row.words, status=status,
                   created_at=created, resolved_by=resolved_by,
                   resolved_at=aware(row.resolved_at), resolution=row.resolution or "")


@dataclass(frozen=True)
class AttemptExtras:
    """What is stored beside attempts, by attempt row id (see ``mentor_store.load_extras``)."""

    notes: dict[int, tuple[MentorNote, ...]] = field(default_factory=dict)
    disputes: dict[int, tuple[Dispute, ...]] = field(default_factory=dict)


NO_EXTRAS = AttemptExtras()


def attempt_from_row(row: AttemptRow, extras: AttemptExtras = NO_EXTRAS) -> Attempt:
    """The stored attempt, with its mentor notes and disputes. A report this version cannot
    read is dropped and flagged (``report_unavailable``); the stored score still counts."""
    report: ScoreReport | None = None
    unavailable = False
    if row.report is not None:
        try:
            report = ScoreReport.model_validate(row.report)
        except ValidationError:
            unavailable = True
    return Attempt(
        attempt=row.attempt_no, answer=row.answer, skipped=row.skipped, score=row.score,
        report=report, hints_used=row.hints_used, hint_penalty=row.hint_penalty,
        elapsed=row.elapsed, time_limit=row.time_limit, over_time=row.over_time,
        followups=tuple(followup_from_json(f) for f in (row.followups or [])
                        if isinstance(f, dict)),
        concluded=row.concluded, after_reveal=bool(row.after_reveal),
        report_unavailable=unavailable, notes=extras.notes.get(row.id, ()),
        disputes=extras.disputes.get(row.id, ()),
    )


def question_record(sq: SessionQuestion, extras: AttemptExtras = NO_EXTRAS) -> QuestionRecord:
    data = sq.snapshot.data or {}
    q = data.get("question") or {}
    attempts = tuple(attempt_from_row(a, extras) for a in sq.attempts)
    best = best_attempt(attempts)
    return QuestionRecord(
        index=sq.position, question_id=sq.question_id, round=sq.round,
        bank=str(data.get("bank", sq.snapshot.bank)), prompt=str(q.get("prompt", "")),
        difficulty=str(q.get("difficulty", "medium")), tags=tuple(q.get("tags") or ()),
        model_answer=q.get("model_answer"), hints=tuple(q.get("hints") or ()),
        time_limit=int(data.get("time_limit", 0)), content_hash=sq.snapshot.content_hash,
        attempts=attempts,
        attempted_at=tuple(aware(a.created_at) or datetime.now(UTC) for a in sq.attempts),
        best_score=best.counted_score if best is not None else None,
    )


def live_from_row(row: SessionRow) -> LiveState | None:
    return LiveState.from_json(row.live_state)


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

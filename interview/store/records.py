"""Plain frozen records of stored sessions (what the repository's converters produce)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # annotations only: history listings stay free of pydantic and the engine
    from ..engine.types import FollowUp
    from ..scoring.report import ScoreReport

SessionStatus = Literal["finished", "unfinished"]


@dataclass(frozen=True)
class SessionRecord:
    """One row of history."""

    id: int
    user: str
    started_at: datetime
    finished_at: datetime | None
    status: SessionStatus
    mode: str
    rounds: tuple[str, ...]
    """Rounds in the session, in order (a loop lists all five)."""
    score: float | None
    """Mean best score over the questions answered or skipped; None before any answer."""
    answers: int
    """Answers submitted (attempts, including retries; skips not counted)."""
    questions: int
    """Questions planned."""
    question_ids: tuple[str, ...]
    seed: int | None = None


@dataclass(frozen=True)
class AttemptRecord:
    attempt: int
    answer: str
    skipped: bool
    score: float
    band: str
    report: ScoreReport | None
    hints_used: int
    hint_penalty: float
    elapsed: float
    time_limit: int
    over_time: bool
    followups: tuple[FollowUp, ...]
    created_at: datetime


@dataclass(frozen=True)
class QuestionRecord:
    """A question as it was asked (from its stored snapshot), with its attempts."""

    index: int
    question_id: str
    round: str
    bank: str
    prompt: str
    difficulty: str
    tags: tuple[str, ...]
    model_answer: str | None
    hints: tuple[str, ...]
    time_limit: int
    content_hash: str
    attempts: tuple[AttemptRecord, ...]
    best_score: float | None
    """None when never attempted."""


@dataclass(frozen=True)
class StoredSession:
    """What resuming needs: the record, the config, and each question's snapshot."""

    record: SessionRecord
    config: dict[str, Any]
    seed: int
    snapshots: tuple[dict[str, Any], ...]
    """Per position: the snapshot data (question, rubric, round, bank, time_limit)."""
    questions: tuple[QuestionRecord, ...]

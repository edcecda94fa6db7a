"""Plain frozen records the service returns for stored sessions, history and stats.

No SQLAlchemy object ever leaves the service: the store converts rows into these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ..engine.errors import InterviewError, SessionStateError, SetupError
from ..engine.types import CriterionMiss, FollowUp, Summary, TagScore
from ..scoring.report import ScoreReport
from ..store.errors import DatabaseError, UnknownSessionError

__all__ = [
    "DatabaseError", "ServiceError", "SessionStateError", "SetupError", "UnknownSessionError",
]

SessionStatus = Literal["finished", "unfinished"]
ExportFormat = Literal["md", "json"]


ServiceError = InterviewError
"""Base of the user-facing errors (one line each): ``DatabaseError``, ``UnknownSessionError``,
``SetupError``, ``SessionStateError``."""


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
class SessionDetail:
    """Everything stored about one session, for ``show``, replay and export."""

    record: SessionRecord
    questions: tuple[QuestionRecord, ...]
    summary: Summary


@dataclass(frozen=True)
class RoundStats:
    """Per-round figures across sessions (per-session round score = mean best score)."""

    round: str
    title: str
    sessions: int
    average: float | None
    best: float | None
    last: float | None
    trend: tuple[float, ...]
    """Per-session round scores, oldest first (the last 10)."""


@dataclass(frozen=True)
class Stats:
    rounds: tuple[RoundStats, ...]
    """Every round, in ROUNDS order, including rounds with no sessions yet."""
    sessions: int
    answers: int
    missed_criteria: tuple[CriterionMiss, ...]
    """Criteria missed most often in counted (best) attempts, most missed first."""
    weakest_tags: tuple[TagScore, ...]
    """Tags with the lowest average best score, weakest first."""


@dataclass(frozen=True)
class RoundInfo:
    """A round as the setup screen shows it."""

    id: str
    title: str
    questions: int
    """Questions available in the loaded banks."""
    default_time_limit: int
    banks: tuple[str, ...]
    tags: tuple[str, ...]

"""Plain frozen records of stored sessions (what the repository's converters produce)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # annotations only: history listings stay free of pydantic and the engine
    from ..domain.attempt import Attempt
    from ..domain.live import LiveState

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
    """``domain.session_score``: mean best score over the questions reached; None before
    any answer or skip."""
    answers: int
    """Questions answered (at least one attempt that was not a skip; retries not counted)."""
    questions: int
    """Questions planned."""
    question_ids: tuple[str, ...]
    seed: int | None = None


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
    attempts: tuple[Attempt, ...]
    attempted_at: tuple[datetime, ...]
    """When each attempt was first stored (parallel to ``attempts``)."""
    best_score: float | None
    """The counted attempt's score (``best_attempt``); None when never attempted."""


@dataclass(frozen=True)
class StoredSession:
    """What resuming needs: the record, the config, and each question's snapshot."""

    record: SessionRecord
    config: dict[str, Any]
    seed: int
    snapshots: tuple[dict[str, Any], ...]
    """Per position: the snapshot data (question, rubric, round, bank, time_limit)."""
    questions: tuple[QuestionRecord, ...]
    live: LiveState | None = None
    """Where the session stood when last saved (None: nothing saved, or unreadable)."""

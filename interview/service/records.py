"""Plain frozen records the service returns for stored sessions, history and stats.

No SQLAlchemy object ever leaves the service: the store converts rows into these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..domain.attempt import Attempt
from ..domain.errors import InterviewError, SessionStateError, SetupError
from ..domain.figures import CriterionMiss, TagScore
from ..store.errors import DatabaseError, UnknownSessionError
from ..store.records import QuestionRecord, SessionRecord, SessionStatus
from .overview import RoundStats

if TYPE_CHECKING:  # an annotation only: statistics need none of the engine's types
    from ..engine.types import Summary

__all__ = [
    "Attempt", "DatabaseError", "ExportFormat", "QuestionRecord", "RoundInfo", "RoundStats",
    "ServiceError", "SessionDetail", "SessionRecord", "SessionStateError", "SessionStatus",
    "SetupError", "Stats", "UnknownSessionError",
]

ExportFormat = Literal["md", "json"]


ServiceError = InterviewError
"""Base of the user-facing errors (one line each): ``DatabaseError``, ``UnknownSessionError``,
``SetupError``, ``SessionStateError``."""


@dataclass(frozen=True)
class SessionDetail:
    """Everything stored about one session, for ``show``, replay and export."""

    record: SessionRecord
    questions: tuple[QuestionRecord, ...]
    summary: Summary


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

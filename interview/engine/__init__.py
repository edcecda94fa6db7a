"""The interview as a UI-free, database-free state machine (see ``session.py``).

Names are imported on first use, so that ``interview.engine.errors`` stays light."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from ..domain.attempt import Attempt, FollowUp, best_attempt, session_score
    from ..domain.live import LiveState
    from .errors import InterviewError, SessionStateError, SetupError
    from .lines import Lines, load_lines
    from .scorer import Scorer
    from .session import AttemptUpdate, InterviewEngine
    from .setup import PlannedQuestion, candidate_pool, check_round, pick_questions, plan
    from .summary import summarise
    from .types import (
        DEFAULT_HINT_PENALTY,
        LOOP,
        CriterionMiss,
        Feedback,
        Message,
        QuestionView,
        RoundScore,
        SessionConfig,
        Summary,
        TagScore,
        TimeCheck,
        Turn,
    )

__getattr__ = lazy_exports(__name__, globals(), {
    "..domain.attempt": ("Attempt", "FollowUp", "best_attempt", "session_score"),
    "..domain.live": ("LiveState",),
    ".errors": ("InterviewError", "SessionStateError", "SetupError"),
    ".lines": ("Lines", "load_lines"),
    ".scorer": ("Scorer",),
    ".session": ("AttemptUpdate", "InterviewEngine"),
    ".setup": ("PlannedQuestion", "candidate_pool", "check_round", "pick_questions", "plan"),
    ".summary": ("summarise",),
    ".types": ("DEFAULT_HINT_PENALTY", "LOOP", "CriterionMiss", "Feedback", "Message",
               "QuestionView", "RoundScore", "SessionConfig", "Summary", "TagScore",
               "TimeCheck", "Turn"),
})

__all__ = [
    "DEFAULT_HINT_PENALTY", "LOOP", "Attempt", "AttemptUpdate", "CriterionMiss", "Feedback",
    "FollowUp", "InterviewEngine", "InterviewError", "Lines", "LiveState", "Message",
    "PlannedQuestion", "QuestionView", "RoundScore", "Scorer", "SessionConfig",
    "SessionStateError", "SetupError", "Summary", "TagScore", "TimeCheck", "Turn", "best_attempt",
    "candidate_pool", "check_round", "load_lines", "pick_questions", "plan", "session_score",
    "summarise",
]

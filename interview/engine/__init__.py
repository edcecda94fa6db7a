"""The interview as a UI-free, database-free state machine (see ``session.py``).

Names are imported on first use, so that ``interview.engine.errors`` stays light."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .errors import InterviewError, SessionStateError, SetupError
    from .lines import Lines, load_lines
    from .scorer import RubricScorer, Scorer
    from .session import AttemptUpdate, InterviewEngine
    from .setup import PlannedQuestion, candidate_pool, check_round, pick_questions, plan
    from .summary import AttemptState, best_attempt, summarise
    from .types import (
        DEFAULT_HINT_PENALTY,
        LOOP,
        CriterionMiss,
        Feedback,
        FollowUp,
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
    ".errors": ("InterviewError", "SessionStateError", "SetupError"),
    ".lines": ("Lines", "load_lines"),
    ".scorer": ("RubricScorer", "Scorer"),
    ".session": ("AttemptUpdate", "InterviewEngine"),
    ".setup": ("PlannedQuestion", "candidate_pool", "check_round", "pick_questions", "plan"),
    ".summary": ("AttemptState", "best_attempt", "summarise"),
    ".types": ("DEFAULT_HINT_PENALTY", "LOOP", "CriterionMiss", "Feedback", "FollowUp",
               "Message", "QuestionView", "RoundScore", "SessionConfig", "Summary", "TagScore",
               "TimeCheck", "Turn"),
})

__all__ = [
    "DEFAULT_HINT_PENALTY", "LOOP", "AttemptState", "AttemptUpdate", "CriterionMiss", "Feedback",
    "FollowUp", "InterviewEngine", "InterviewError", "Lines", "Message", "PlannedQuestion",
    "QuestionView", "RoundScore", "RubricScorer", "Scorer", "SessionConfig",
    "SessionStateError", "SetupError", "Summary", "TagScore", "TimeCheck", "Turn", "best_attempt",
    "candidate_pool", "check_round", "load_lines", "pick_questions", "plan", "summarise",
]

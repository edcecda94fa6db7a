"""The domain: small value types every layer shares (no UI, no database, no scorer).

- :class:`Attempt`, one attempt at a question, with its explicit score and report;
- :class:`FollowUp`, a probe asked after an answer;
- :class:`LiveState`, what a paused session needs besides its attempts;
- the error base :class:`InterviewError` and its engine-level subclasses;
- :class:`TestResult` / :class:`TestSummary`, what the code runner reports.

Every layer may import this package; it imports nothing of the project but
``interview.scoring.report`` for type checking. The names are imported on first use, so
that a small module such as ``domain.words`` comes without pydantic (``tests`` needs it).
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .attempt import Attempt, FollowUp, best_attempt, session_score
    from .errors import InterviewError, SessionStateError, SetupError
    from .live import LiveState
    from .tests import TestResult, TestStatus, TestSummary

__getattr__ = lazy_exports(__name__, globals(), {
    ".attempt": ("Attempt", "FollowUp", "best_attempt", "session_score"),
    ".errors": ("InterviewError", "SessionStateError", "SetupError"),
    ".live": ("LiveState",),
    ".tests": ("TestResult", "TestStatus", "TestSummary"),
})

__all__ = [
    "Attempt", "FollowUp", "InterviewError", "LiveState", "SessionStateError", "SetupError",
    "TestResult", "TestStatus", "TestSummary", "best_attempt", "session_score",
]

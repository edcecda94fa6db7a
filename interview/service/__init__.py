"""The application-service layer: what the TUI and the session CLI call.

Usage::

    from interview.config import Settings
    from interview.service import Service, SessionConfig

    svc = Service(Settings.build())            # cheap: nothing opened yet
    handle = svc.start_session(SessionConfig(round="ml-theory", n=2, seed=1))
    turn = handle.start()                      # greeting + first question
    turn = handle.submit("my answer", elapsed=42.0)   # persisted at once
    if turn.phase == "follow-up": ...          # the interviewer probes a missed point
    if turn.phase == "feedback": turn = handle.next()
    if turn.summary: ...                       # finished
    handle.pause(draft="half an answer")       # or stop: resumable exactly where it was

Scoring goes through one ``Grader`` (``svc.grader``: rubric plus code tests on the session's
own question snapshot); the CLI's bank and score commands use ``library_api.Library``.

Everything returned is a plain frozen dataclass (or a pydantic ``ScoreReport``); no database
object leaves this layer. Errors are ``ServiceError`` subclasses with one-line messages.

Threading: ``Service`` methods are safe from thread workers (each call has its own database
session); a ``SessionHandle`` serialises its own calls with a lock. ``submit`` may block
(scoring, code tests): call it from a worker.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from ..engine.types import (
        DEFAULT_HINT_PENALTY,
        LOOP,
        CriterionMiss,
        Feedback,
        FollowUp,
        Message,
        Mode,
        Phase,
        QuestionView,
        RoundScore,
        SessionConfig,
        Summary,
        TagScore,
        TimeCheck,
        Turn,
    )
    from ..scoring.report import band_for
    from .app import Service
    from .handle import SessionHandle
    from .records import (
        Attempt,
        DatabaseError,
        ExportFormat,
        QuestionRecord,
        RoundInfo,
        RoundStats,
        ServiceError,
        SessionDetail,
        SessionRecord,
        SessionStateError,
        SessionStatus,
        SetupError,
        Stats,
        UnknownSessionError,
    )

# Imported on first use, so that ``interview.service.overview`` can be imported without the
# engine, the banks and pydantic (the first screen needs none of them).
__getattr__ = lazy_exports(__name__, globals(), {
    "..engine.types": ("DEFAULT_HINT_PENALTY", "LOOP", "CriterionMiss", "Feedback", "FollowUp",
                       "Message", "Mode", "Phase", "QuestionView", "RoundScore", "SessionConfig",
                       "Summary", "TagScore", "TimeCheck", "Turn"),
    "..scoring.report": ("band_for",),
    ".app": ("Service",),
    ".handle": ("SessionHandle",),
    ".records": ("Attempt", "DatabaseError", "ExportFormat", "QuestionRecord",
                 "RoundInfo", "RoundStats", "ServiceError", "SessionDetail", "SessionRecord",
                 "SessionStateError", "SessionStatus", "SetupError", "Stats",
                 "UnknownSessionError"),
})

__all__ = [
    "DEFAULT_HINT_PENALTY",
    "LOOP",
    "Attempt",
    "CriterionMiss",
    "DatabaseError",
    "ExportFormat",
    "Feedback",
    "FollowUp",
    "Message",
    "Mode",
    "Phase",
    "QuestionRecord",
    "QuestionView",
    "RoundInfo",
    "RoundScore",
    "RoundStats",
    "Service",
    "ServiceError",
    "SessionConfig",
    "SessionDetail",
    "SessionHandle",
    "SessionRecord",
    "SessionStateError",
    "SessionStatus",
    "SetupError",
    "Stats",
    "Summary",
    "TagScore",
    "TimeCheck",
    "Turn",
    "UnknownSessionError",
    "band_for",
]

"""Plain, frozen value types the engine hands out (and the service re-exports).

Nothing here knows about a database or a UI. ``ScoreReport`` (pydantic) is the shared
contract for scores; everything else is a frozen dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..domain.attempt import Attempt
from ..domain.attempt import FollowUp as FollowUp
from ..domain.figures import CriterionMiss as CriterionMiss
from ..domain.figures import TagScore as TagScore
from ..domain.live import LiveState as LiveState
from ..rounds import LOOP as LOOP
from ..rounds import REVIEW as REVIEW

if TYPE_CHECKING:  # annotations only: records of stored sessions need no pydantic
    from ..scoring.report import ScoreReport

Mode = Literal["practice", "exam"]
Phase = Literal["question", "follow-up", "feedback", "finished"]
Role = Literal["interviewer", "candidate", "system"]
MessageKind = Literal[
    "greeting",     # the interviewer's opening line
    "transition",   # between questions / rounds
    "question",     # a main question's prompt
    "follow-up",    # a probe for a missed criterion
    "hint",         # a revealed hint
    "answer",       # the candidate's answer (to a question or a follow-up)
    "ack",          # the interviewer acknowledging an answer
    "feedback",     # the scored result of a question
    "model-answer",  # the model answer, shown on request (practice mode)
    "notice",       # time warnings, skips, retries, test results...
    "summary",      # the end-of-session summary text
    "closing",      # the interviewer's goodbye
]



DEFAULT_HINT_PENALTY = 5.0
"""Points (0-100 scale) taken off a question's score for each hint revealed."""

DEFAULT_QUESTIONS = 3
"""Questions in a single-round session when ``SessionConfig.n`` is not given."""


@dataclass(frozen=True)
class ReviewCue:
    """What the interviewer recalls when a review session asks a question again."""

    question_id: str
    days_ago: int
    """Whole days between the last review and the start of this session."""
    score: float
    band: str
    missed: tuple[str, ...] = ()
    """The criteria missed last time, each with its probe when it has one."""


@dataclass(frozen=True)
class SessionConfig:
    """How to set up a session.

    ``round`` is a round id (``coding-screen``, ``ml-theory``, ``system-design``,
    ``behavioral``, ``portfolio``) or ``"loop"`` (one question from each round, in that order;
    ``n`` is then ignored). Filters narrow the pool: ``banks`` (bank ids), ``tags`` (a question
    needs at least one of them), ``difficulty`` (easy|medium|hard). ``question_ids`` picks
    exact questions instead (their rounds are then taken from the catalog). ``seed`` makes the
    pick and the interviewer's lines reproducible. ``"review"`` asks the questions due in
    the user's spaced-review queue (the service fills ``question_ids`` and ``review``).
    """

    round: str = "ml-theory"
    n: int | None = None
    mode: Mode = "practice"
    banks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    difficulty: str | None = None
    seed: int | None = None
    max_followups: int = 1
    hint_penalty: float = DEFAULT_HINT_PENALTY
    question_ids: tuple[str, ...] = ()
    review: tuple[ReviewCue, ...] = ()
    """``round="review"``: the cues for the due questions (``question_ids``, most overdue
    first), filled in by the service."""
    review_missing: tuple[str, ...] = ()
    """``round="review"``: due questions left out because no bank has them any more."""


@dataclass(frozen=True)
class Message:
    """One line of the transcript."""

    role: Role
    kind: MessageKind
    text: str
    question_id: str | None = None
    question_index: int | None = None
    at: float = 0.0
    """Seconds since the session started (engine clock) when the message was produced."""


@dataclass(frozen=True)
class QuestionView:
    """The question being asked, as a UI shows it."""

    id: str
    index: int
    """0-based position in the session."""
    total: int
    round: str
    round_title: str
    bank: str
    prompt: str
    difficulty: str
    tags: tuple[str, ...]
    time_limit: int
    """Seconds: the question's own limit, else its bank's, else the round default."""
    hints_total: int
    hints_used: int
    attempts: int
    """Attempts already made at this question (retries in practice mode)."""
    has_model_answer: bool
    is_coding: bool
    """True when the question has code tests (coding screen)."""
    entrypoint: str | None = None
    starter_code: str | None = None


@dataclass(frozen=True)
class Feedback:
    """The outcome of one attempt at a question (after any follow-ups).

    ``result`` is the attempt itself (the one value with the score); the properties below
    only read it."""

    question_id: str
    question_index: int
    result: Attempt
    best_score: float
    """Best score over all attempts at this question (the one that counts)."""
    text: str = ""
    """The interviewer's feedback line (no UI words: each front-end adds its own keys)."""
    can_retry: bool = False

    @property
    def attempt(self) -> int:
        """1-based attempt number."""
        return self.result.attempt

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def band(self) -> str:
        return self.result.band

    @property
    def report(self) -> ScoreReport | None:
        """None when the question was skipped."""
        return self.result.report

    @property
    def skipped(self) -> bool:
        return self.result.skipped

    @property
    def hints_used(self) -> int:
        return self.result.hints_used

    @property
    def hint_penalty(self) -> float:
        return self.result.hint_penalty

    @property
    def elapsed(self) -> float:
        return self.result.elapsed

    @property
    def time_limit(self) -> int:
        return self.result.time_limit

    @property
    def over_time(self) -> bool:
        return self.result.over_time

    @property
    def followups(self) -> tuple[FollowUp, ...]:
        return self.result.followups

    @property
    def after_reveal(self) -> bool:
        return self.result.after_reveal


@dataclass(frozen=True)
class TimeCheck:
    """Where the clock stands for the current question."""

    limit: int
    elapsed: float
    remaining: float
    """Seconds left; negative when over."""
    over: bool
    must_submit: bool
    """True in exam mode once over time: the UI should submit what was typed now."""
    warning: bool
    """True in the last 20% of the time, before it is over."""


@dataclass(frozen=True)
class RoundScore:
    round: str
    title: str
    score: float
    answered: int


@dataclass(frozen=True)
class Summary:
    """The end-of-session (or so-far) summary."""

    total: float
    """Mean best score over the questions reached (skipped ones count 0)."""
    per_round: tuple[RoundScore, ...]
    answered: int
    skipped: int
    questions: int
    """Questions planned for the session."""
    time_used: float
    """Seconds: sum of elapsed answer time (answers and follow-ups)."""
    hints_used: int
    over_time: int
    weakest_criteria: tuple[CriterionMiss, ...]
    weakest_tags: tuple[TagScore, ...]
    finished: bool
    text: str = ""


@dataclass(frozen=True)
class Turn:
    """What an action on a session produced."""

    messages: tuple[Message, ...]
    """New transcript messages, in order."""
    phase: Phase
    question: QuestionView | None
    """The question now in play (None when finished)."""
    feedback: Feedback | None = None
    """Set when an attempt was concluded by this action."""
    summary: Summary | None = None
    """Set when the session finished with this action."""
    hint: str | None = None
    """Set by ``hint()``: the hint revealed."""

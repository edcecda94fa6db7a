"""Plain, frozen value types the engine hands out (and the service re-exports).

Nothing here knows about a database or a UI. ``ScoreReport`` (pydantic) is the shared
contract for scores; everything else is a frozen dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

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

LOOP = "loop"
"""The pseudo-round for a mock onsite: one question from each round, in ROUNDS order."""

DEFAULT_HINT_PENALTY = 5.0
"""Points (0-100 scale) taken off a question's score for each hint revealed."""

DEFAULT_QUESTIONS = 3
"""Questions in a single-round session when ``SessionConfig.n`` is not given."""


@dataclass(frozen=True)
class SessionConfig:
    """How to set up a session.

    ``round`` is a round id (``coding-screen``, ``ml-theory``, ``system-design``,
    ``behavioral``, ``portfolio``) or ``"loop"`` (one question from each round, in that order;
    ``n`` is then ignored). Filters narrow the pool: ``banks`` (bank ids), ``tags`` (a question
    needs at least one of them), ``difficulty`` (easy|medium|hard). ``question_ids`` picks
    exact questions instead (their rounds are then taken from the catalog). ``seed`` makes the
    pick and the interviewer's lines reproducible.
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
class FollowUp:
    """A follow-up question asked after an answer, and what it earned back."""

    criterion_id: str
    criterion_label: str
    prompt: str
    answer: str | None = None
    """None while waiting for the answer, or when the candidate skipped the follow-up."""
    earned_back: float = 0.0
    """Points added to the question's score (0-100 scale) by the follow-up answer."""
    elapsed: float = 0.0


@dataclass(frozen=True)
class Feedback:
    """The outcome of one attempt at a question (after any follow-ups)."""

    question_id: str
    question_index: int
    attempt: int
    """1-based attempt number."""
    score: float
    band: str
    report: ScoreReport | None
    """None when the question was skipped."""
    skipped: bool
    hints_used: int
    hint_penalty: float
    elapsed: float
    time_limit: int
    over_time: bool
    best_score: float
    """Best score over all attempts at this question (the one that counts)."""
    followups: tuple[FollowUp, ...] = ()
    text: str = ""
    """A readable paragraph: the score, what was good, what was missed."""
    can_retry: bool = False


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
    """True in the last 20% of the time (or last minute), before it is over."""


@dataclass(frozen=True)
class CriterionMiss:
    id: str
    label: str
    count: int
    """How many times it was missed (in a session, or across history for stats)."""


@dataclass(frozen=True)
class TagScore:
    tag: str
    average: float
    count: int


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

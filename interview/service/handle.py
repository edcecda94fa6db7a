"""A running session: the engine state machine plus persistence of every answer."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ..engine.types import (
    Feedback,
    Message,
    Mode,
    Phase,
    QuestionView,
    SessionConfig,
    Summary,
    TimeCheck,
    Turn,
)

if TYPE_CHECKING:
    from ..engine.session import InterviewEngine
    from ..store.repository import Repository


class SessionHandle:
    """One interview in progress. Built by ``Service.start_session`` or ``Service.resume``.

    Every concluded answer (and each follow-up answer, skip and retry) is committed to the
    database before the method returns, so killing the process loses nothing submitted.

    Threading: methods may be called from any thread (e.g. Textual thread workers) but not
    concurrently: an internal lock serialises them. ``submit`` can block (scoring, and running
    code tests for coding-screen questions), so call it from a worker.

    Errors: actions not allowed now (a hint in exam mode, retry with nothing to retry...) raise
    ``SessionStateError`` with a one-line message; the session is left unchanged.
    """

    def __init__(self, session_id: int, engine: InterviewEngine, repo: Repository) -> None:
        self._id = session_id
        self._engine = engine
        self._repo = repo
        self._lock = threading.RLock()

    # -- state ----------------------------------------------------------------------------
    @property
    def id(self) -> int:
        """The stored session id (what ``history``/``show``/``resume`` use)."""
        return self._id

    @property
    def config(self) -> SessionConfig:
        return self._engine.config

    @property
    def mode(self) -> Mode:
        return self._engine.config.mode

    @property
    def phase(self) -> Phase:
        """``question`` (waiting for an answer), ``follow-up`` (waiting for a follow-up
        answer), ``feedback`` (an attempt was scored; call ``next()`` or ``retry()``),
        ``finished``."""
        return self._engine.phase

    @property
    def question(self) -> QuestionView | None:
        """The question in play (None once finished)."""
        return self._engine.question_view()

    @property
    def pending_followup(self) -> str | None:
        """The follow-up prompt waiting for an answer, if phase is ``follow-up``."""
        return self._engine.pending_followup_prompt()

    @property
    def transcript(self) -> tuple[Message, ...]:
        """Every message so far (on resume: rebuilt from the stored attempts)."""
        return self._engine.transcript

    @property
    def last_feedback(self) -> Feedback | None:
        return self._engine.last_feedback

    @property
    def finished(self) -> bool:
        return self._engine.phase == "finished"

    @property
    def can_hint(self) -> bool:
        """Practice mode, phase ``question``, and a hint left."""
        return self._engine.can_hint()

    @property
    def can_retry(self) -> bool:
        """Practice mode and an attempted question to retry (see ``retry``)."""
        return self._engine.can_retry()

    # -- actions --------------------------------------------------------------------------
    def start(self) -> Turn:
        """The opening: greeting and the first question. Returns the messages produced so
        far for a new session (or the current state for a resumed one). Idempotent."""
        with self._lock:
            return self._engine.opening()

    def submit(self, answer: str, elapsed: float | None = None) -> Turn:
        """Submit the answer to the current question or follow-up.

        ``elapsed`` is the seconds spent on it (None: measured by the engine's clock since the
        question or follow-up was asked). Over the time limit the attempt is flagged
        (``Feedback.over_time``). Scores it; may ask a follow-up (phase ``follow-up``);
        otherwise the turn carries ``feedback`` (phase ``feedback``). Persisted at once.
        """
        with self._lock:
            turn = self._engine.submit(answer, elapsed)
            self._persist(turn)
            return turn

    def hint(self) -> Turn:
        """Reveal the next hint (practice mode). Each costs ``config.hint_penalty`` points
        off this question's score (default 5 on the 0-100 scale)."""
        with self._lock:
            return self._engine.hint()

    def skip(self) -> Turn:
        """Skip the current question (scores 0, recorded) or the pending follow-up (the
        answer is then scored without it). Persisted at once."""
        with self._lock:
            turn = self._engine.skip()
            self._persist(turn)
            return turn

    def retry(self) -> Turn:
        """Practice mode: try the last attempted question again. Allowed while its feedback
        is shown, or right after ``next()`` before anything was done on the new question.
        Every attempt is kept; the best one counts."""
        with self._lock:
            return self._engine.retry()

    def next(self) -> Turn:
        """After feedback: ask the next question, or finish (the turn then has ``summary``
        and the session is marked finished in the database)."""
        with self._lock:
            turn = self._engine.next()
            if turn.summary is not None:
                self._repo.finish_session(self._id, turn.summary.total)
            return turn

    def model_answer(self) -> str | None:
        """Practice mode: the model answer of the question under review (the current one once
        attempted or skipped, else the previous one). None when the question has none.
        Raises ``SessionStateError`` in exam mode or before any attempt."""
        with self._lock:
            return self._engine.model_answer()

    def check_time(self, elapsed: float | None = None) -> TimeCheck:
        """Where the clock stands for the current question (``elapsed`` None: engine clock).
        In exam mode, ``must_submit`` tells the UI to submit the draft now."""
        with self._lock:
            return self._engine.check_time(elapsed)

    def time_limit(self) -> int:
        """Seconds allowed for the current question."""
        return self._engine.time_limit()

    def remaining(self, elapsed: float | None = None) -> float:
        """Seconds left for the current question (negative when over)."""
        return self.check_time(elapsed).remaining

    def summary(self) -> Summary:
        """The summary so far (final once finished)."""
        with self._lock:
            return self._engine.summary()

    def end(self) -> Summary:
        """Finish the session now; questions not reached are left out of the score. Any
        answer in progress is dropped. Marks it finished in the database."""
        with self._lock:
            turn = self._engine.end()
            assert turn.summary is not None
            self._repo.finish_session(self._id, turn.summary.total)
            return turn.summary

    def close(self) -> None:
        """Stop without finishing: the session stays unfinished and resumable."""
        with self._lock:
            self._repo.touch_session(self._id)

    # -- persistence ----------------------------------------------------------------------
    def _persist(self, turn: Turn) -> None:
        updates = self._engine.drain_attempt_updates()
        if updates:
            total = self._engine.summary().total
            for record in updates:
                self._repo.save_attempt(self._id, record, total)

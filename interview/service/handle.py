"""A running session: the engine state machine plus persistence of every event."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.attempt import session_score
from ..domain.live import LiveState
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
    from ..domain.tests import TestSummary
    from ..engine.session import InterviewEngine
    from ..store.repository import Repository
    from .grader import Grader
    from .review import Reviews


class SessionHandle:
    """One interview in progress. Built by ``Service.start_session`` or ``Service.resume``.

    Every event that matters (an answer, a skip, a follow-up asked or answered, a hint, a
    retry, a model answer shown, the typed draft, pausing) is committed to the database by
    ``_persist`` before the method returns, so a resumed session is the session that was
    left. In exam mode the question's deadline is stored, so the clock keeps running while
    the program is closed.

    Threading: methods may be called from any thread (e.g. Textual thread workers) but not
    concurrently: an internal lock serialises them. ``submit`` can block (scoring, and running
    code tests for coding-screen questions), so call it from a worker.

    Errors: actions not allowed now (a hint in exam mode, retry with nothing to retry...) raise
    ``SessionStateError`` with a one-line message; the session is left unchanged.
    """

    def __init__(self, session_id: int, engine: InterviewEngine, repo: Repository, *,
                 grader: Grader, wall: Callable[[], float], draft: str = "",
                 reviews: Reviews | None = None) -> None:
        self._id = session_id
        self._engine = engine
        self._repo = repo
        self._grader = grader
        self._wall = wall
        self._draft = draft
        self._finish_saved = False
        self._reviews = reviews
        self.review_error: str | None = None
        """Why the review queue could not be updated (the answers are saved; the queue is
        rebuilt from history with ``interview review --rebuild``)."""
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

    @property
    def draft(self) -> str:
        """The answer being typed when the session was last saved (restored on resume)."""
        return self._draft

    # -- actions --------------------------------------------------------------------------
    def start(self) -> Turn:
        """The opening: greeting and the first question. Returns the messages produced so
        far for a new session (or the current state for a resumed one). Idempotent."""
        with self._lock:
            turn = self._engine.opening()
            self._persist()
            return turn

    def submit(self, answer: str, elapsed: float | None = None) -> Turn:
        """Submit the answer to the current question or follow-up.

        ``elapsed`` is the seconds spent on it (None: measured by the engine's clock since the
        question or follow-up was asked). Over the time limit the attempt is flagged
        (``Feedback.over_time``). Scores it; may ask a follow-up (phase ``follow-up``);
        otherwise the turn carries ``feedback`` (phase ``feedback``). Persisted at once.
        """
        with self._lock:
            turn = self._engine.submit(answer, elapsed)
            self._draft = ""
            self._persist()
            return turn

    def hint(self) -> Turn:
        """Reveal the next hint (practice mode). Each costs ``config.hint_penalty`` points
        off this question's score (default 5 on the 0-100 scale). Remembered on resume."""
        with self._lock:
            turn = self._engine.hint()
            self._persist()
            return turn

    def skip(self) -> Turn:
        """Skip the current question (scores 0, recorded) or the pending follow-up (the
        answer is then scored without it). Persisted at once."""
        with self._lock:
            turn = self._engine.skip()
            self._draft = ""
            self._persist()
            return turn

    def retry(self) -> Turn:
        """Practice mode: try the last attempted question again. Allowed while its feedback
        is shown, or right after ``next()`` before anything was done on the new question.
        Every attempt is kept; the best one counts (never one made after the model answer
        was shown)."""
        with self._lock:
            turn = self._engine.retry()
            self._draft = ""
            self._persist()
            return turn

    def next(self) -> Turn:
        """After feedback: ask the next question, or finish (the turn then has ``summary``
        and the session is marked finished in the database)."""
        with self._lock:
            turn = self._engine.next()
            self._draft = ""
            self._persist()
            return turn

    def model_answer(self) -> str | None:
        """Practice mode: the model answer of the question under review (the current one once
        attempted or skipped, else the previous one). None when the question has none.
        Raises ``SessionStateError`` in exam mode or before any attempt. Remembered: a
        retry afterwards is marked and does not count as the best attempt."""
        with self._lock:
            text = self._engine.model_answer()
            self._persist()
            return text

    def run_visible_tests(self, code: str) -> TestSummary:
        """Run the current question's visible code tests on ``code``, from the session's own
        snapshot of the question (blocking: call it from a worker)."""
        with self._lock:
            planned = self._engine.planned[self._engine.index]
        return self._grader.run_tests(planned, code, include_hidden=False)

    def check_time(self, elapsed: float | None = None) -> TimeCheck:
        """Where the clock stands for the current question (``elapsed`` None: engine clock).
        In exam mode, ``must_submit`` tells the UI to submit the draft now."""
        with self._lock:
            return self._engine.check_time(elapsed)

    def summary(self) -> Summary:
        """The summary so far (final once finished)."""
        with self._lock:
            return self._engine.summary()

    def save_draft(self, text: str, *, typed_at: tuple[int, Phase] | None = None) -> None:
        """Remember the answer being typed (the UI calls this now and then). ``typed_at`` is
        the (question index, phase) the text was typed for: a draft that arrives after the
        session moved on (an answer was submitted meanwhile) is ignored."""
        with self._lock:
            if typed_at is not None and typed_at != (self._engine.index, self._engine.phase):
                return
            if text != self._draft:
                self._draft = text
                self._persist()

    def end(self) -> Summary:
        """Finish the session now; questions not reached are left out of the score. Any
        follow-up in progress is dropped. Marks it finished in the database."""
        with self._lock:
            turn = self._engine.end()
            assert turn.summary is not None
            self._persist()
            return turn.summary

    def pause(self, draft: str | None = None, *,
              typed_at: tuple[int, Phase] | None = None) -> None:
        """Stop without finishing: the session stays unfinished and resumable, with the
        draft (when given, and still for the current question: see ``save_draft``), hints,
        pending follow-up and clock as they are now."""
        with self._lock:
            current = typed_at is None or typed_at == (self._engine.index, self._engine.phase)
            if draft is not None and current:
                self._draft = draft
            self._persist()

    # -- persistence ----------------------------------------------------------------------
    def live_state(self) -> LiveState:
        """What to store besides the attempts: the engine's position, the draft, and in exam
        mode the wall-clock deadline of the current question."""
        live = replace(self._engine.live_state(), draft=self._draft)
        if self.mode == "exam" and live.phase in ("question", "follow-up"):
            tc = self._engine.check_time()
            live = replace(live, deadline=self._wall() + tc.remaining)
        return live

    def _persist(self) -> None:
        """THE one place a session is written: changed attempts, live state and the session
        score (``domain.session_score``), in one transaction; and the finish mark."""
        engine = self._engine
        attempts = engine.drain_attempt_updates()
        score = session_score(engine.all_attempts())
        if engine.phase == "finished":
            if attempts:
                self._repo.save_progress(self._id, attempts, live=None, score=score)
            if not self._finish_saved:
                self._repo.finish_session(self._id, score)
                self._finish_saved = True
        else:
            self._repo.save_progress(self._id, attempts, live=self.live_state().to_json(),
                                     score=score)
        self._review(sorted({i for i, a in attempts if a.concluded}))

    def _review(self, indexes: list[int]) -> None:
        """Update the review cards of questions with a newly concluded attempt (after the
        attempts are saved: a failure here loses no answer)."""
        if self._reviews is None or not indexes:
            return
        from datetime import UTC, datetime

        from ..domain.errors import InterviewError
        from .review import QuestionAnswered

        engine = self._engine
        answered = [QuestionAnswered(self._id, i, p.id, p.round, p.bank, p.question.prompt,
                                     engine.attempts(i))
                    for i in indexes for p in (engine.planned[i],)]
        try:
            self._reviews.record(answered, datetime.fromtimestamp(self._wall(), UTC))
            self.review_error = None
        except InterviewError as exc:
            self.review_error = str(exc)


def resume_live(live: LiveState | None, *, time_limit: Callable[[int], int],
                wall: Callable[[], float]) -> LiveState | None:
    """The stored live state with the exam deadline turned back into time spent (the time
    the program was closed counts)."""
    if live is None or live.deadline is None:
        return live
    spent = time_limit(live.index) - (live.deadline - wall())
    return replace(live, elapsed=max(0.0, spent))

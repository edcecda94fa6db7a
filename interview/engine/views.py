"""The read-only side of the interview engine: what is asked, what is allowed, the clock and
the summary. ``InterviewEngine`` (session.py) adds the actions."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.attempt import Attempt
from ..domain.live import LiveState
from .setup import PlannedQuestion
from .summary import summarise
from .types import Message, Phase, QuestionView, SessionConfig, Summary, TimeCheck


class EngineViews:
    """State every engine has, and the questions one can ask of it."""

    config: SessionConfig
    planned: list[PlannedQuestion]
    _attempts: list[list[Attempt]]
    _index: int
    _phase: Phase
    _hints: int
    _revealed: set[int]
    _clock: Callable[[], float]
    _asked_at: float
    _followup_at: float
    _followup_base: float
    _transcript: list[Message]

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def practice(self) -> bool:
        return self.config.mode == "practice"

    @property
    def transcript(self) -> tuple[Message, ...]:
        return tuple(self._transcript)

    @property
    def index(self) -> int:
        return self._index

    def attempts(self, index: int) -> tuple[Attempt, ...]:
        return tuple(self._attempts[index])

    def all_attempts(self) -> tuple[tuple[Attempt, ...], ...]:
        return tuple(tuple(a) for a in self._attempts)

    def _current(self) -> Attempt | None:
        """The attempt whose follow-up is pending (phase ``follow-up``)."""
        atts = self._attempts[self._index]
        return atts[-1] if self._phase == "follow-up" and atts else None

    def question_view(self) -> QuestionView | None:
        if self._phase == "finished":
            return None
        p = self.planned[self._index]
        q = p.question
        return QuestionView(
            id=q.id, index=self._index, total=len(self.planned), round=p.round,
            round_title=p.round_title, bank=p.bank, prompt=q.prompt, difficulty=q.difficulty,
            tags=tuple(q.tags), time_limit=p.time_limit, hints_total=len(q.hints),
            hints_used=self._hints if self._phase == "question" else 0,
            attempts=len(self._attempts[self._index]),
            has_model_answer=bool(q.model_answer), is_coding=bool(q.tests),
            entrypoint=q.entrypoint, starter_code=q.starter_code,
        )

    def pending_followup_prompt(self) -> str | None:
        att = self._current()
        fu = att.pending_followup if att else None
        return fu.prompt if fu else None

    def can_hint(self) -> bool:
        return (self.practice and self._phase == "question"
                and self._hints < len(self.planned[self._index].question.hints))

    def _retry_target(self) -> int | None:
        if not self.practice:
            return None
        if self._phase == "feedback":
            return self._index
        if (self._phase == "question" and not self._attempts[self._index] and self._hints == 0
                and self._index > 0 and self._attempts[self._index - 1]):
            return self._index - 1
        return None

    def can_retry(self) -> bool:
        return self._retry_target() is not None

    def _review_target(self) -> int | None:
        if self._phase in ("feedback", "finished"):
            return self._index
        if self._phase == "question":
            if self._attempts[self._index]:
                return self._index
            if self._index > 0 and self._attempts[self._index - 1]:
                return self._index - 1
        return None

    def time_limit(self) -> int:
        return self.planned[self._index].time_limit

    def live_state(self) -> LiveState:
        """Where the session stands now (what to store besides the attempts)."""
        tc = self.check_time()
        return LiveState(index=self._index, phase=self._phase, hints=self._hints,
                         revealed=tuple(sorted(self._revealed)), elapsed=tc.elapsed)

    def _next_probe(self, att: Attempt) -> tuple[str, str, str] | None:
        """The highest-weight missed criterion with a probe not asked yet, if it matters."""
        if att.report is None or len(att.followups) >= self.config.max_followups:
            return None
        if not self.practice and att.over_time:
            return None  # exam: the time is up, so no follow-up
        rubric = self.planned[self._index].rubric
        weights = [c.weight for c in rubric.criteria] or [1.0]
        mean = sum(weights) / len(weights)
        probes = {c.id: c.probe for c in rubric.criteria if c.probe}
        asked = {f.criterion_id for f in att.followups}
        missed = [c for c in att.report.criteria if c.status == "missed"]
        eligible = [c for c in missed
                    if (c.probe or probes.get(c.id)) and c.id not in asked
                    and (c.required or c.weight >= mean)]
        if not eligible:
            return None
        order = {c.id: i for i, c in enumerate(rubric.criteria)}
        c = min(eligible, key=lambda c: (not c.required, -c.weight, order.get(c.id, 0)))
        return c.id, c.label, (c.probe or probes[c.id])

    def check_time(self, elapsed: float | None = None) -> TimeCheck:
        limit = self.planned[self._index].time_limit
        if self._phase not in ("question", "follow-up"):
            return TimeCheck(limit=limit, elapsed=0.0, remaining=float(limit), over=False,
                             must_submit=False, warning=False)
        if self._phase == "question":
            el = elapsed if elapsed is not None else self._clock() - self._asked_at
        else:  # in exam mode a follow-up shares the question's time (``_followup_base``)
            el = self._followup_base + (
                elapsed if elapsed is not None else self._clock() - self._followup_at)
        el = max(0.0, el)
        remaining = limit - el
        over = remaining < 0
        return TimeCheck(limit=limit, elapsed=el, remaining=remaining, over=over,
                         must_submit=over and not self.practice,
                         warning=not over and remaining <= 0.2 * limit)

    def summary(self) -> Summary:
        items = [(p.round, tuple(p.question.tags), tuple(a))
                 for p, a in zip(self.planned, self._attempts, strict=True)]
        return summarise(items, planned=len(self.planned), finished=self._phase == "finished")

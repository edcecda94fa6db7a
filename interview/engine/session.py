"""The interview as a deterministic state machine.

    question --submit--> [follow-up --submit/skip--> ...] --> feedback --next--> question
         \\--skip------------------------------------------/       \\--retry (practice)--/
    feedback --next (last question)--> finished;  end() from anywhere --> finished

The clock is injectable (``clock()`` returns seconds, monotonic) and every random choice
(the interviewer's lines) comes from the seed, so a scripted run is reproducible.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..scoring.report import ScoreReport, band_for
from .errors import SessionStateError
from .lines import Lines
from .scorer import RubricScorer, Scorer
from .setup import PlannedQuestion
from .summary import AttemptState, best_attempt, feedback_text, summarise
from .types import (
    LOOP,
    Feedback,
    FollowUp,
    Message,
    MessageKind,
    Phase,
    QuestionView,
    Role,
    SessionConfig,
    Summary,
    TimeCheck,
    Turn,
)


@dataclass(frozen=True)
class AttemptUpdate:
    """An attempt to persist (insert or update by question index + attempt number)."""

    index: int
    question_id: str
    attempt: int
    answer: str
    skipped: bool
    report: ScoreReport | None
    score: float
    hints_used: int
    hint_penalty: float
    elapsed: float
    time_limit: int
    over_time: bool
    followups: tuple[FollowUp, ...]
    concluded: bool


def _mmss(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m}:{s:02d}"


class InterviewEngine:
    """One session's state. Not thread-safe on its own (the service handle locks)."""

    def __init__(self, config: SessionConfig, planned: Sequence[PlannedQuestion], *,
                 seed: int, scorer: Scorer | None = None,
                 clock: Callable[[], float] = time.monotonic, lines: Lines | None = None,
                 restored: Sequence[Sequence[AttemptState]] | None = None) -> None:
        if not planned:
            raise SessionStateError("a session needs at least one question")
        self.config = config
        self.planned = list(planned)
        self.seed = seed
        self._scorer: Scorer = scorer or RubricScorer()
        self._clock = clock
        self._lines = lines or Lines(seed)
        self._attempts: list[list[AttemptState]] = [
            list(a) for a in (restored or [[] for _ in self.planned])]
        if len(self._attempts) != len(self.planned):
            raise SessionStateError("restored attempts do not match the planned questions")
        for atts in self._attempts:
            for a in atts:
                a.concluded = True
        self._resumed = any(self._attempts)
        self._index = next((i for i, a in enumerate(self._attempts) if not a), None) or 0
        all_done = all(self._attempts)
        self._phase: Phase = "feedback" if all_done else "question"
        if all_done:
            self._index = len(self.planned) - 1
        self._hints = 0
        self._start = clock()
        self._asked_at = self._start
        self._followup_at = self._start
        self._current: AttemptState | None = None
        self._pending_fu: FollowUp | None = None
        self._transcript: list[Message] = []
        self._opened = False
        self._updates: list[AttemptUpdate] = []
        self.last_feedback: Feedback | None = None
        self._summary: Summary | None = None

    # -- views ----------------------------------------------------------------------------
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

    def attempts(self, index: int) -> tuple[AttemptState, ...]:
        return tuple(self._attempts[index])

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
        return self._pending_fu.prompt if self._pending_fu and self._phase == "follow-up" else None

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
        if self._phase == "feedback":
            return self._index
        if self._phase == "question":
            if self._attempts[self._index]:
                return self._index
            if self._index > 0 and self._attempts[self._index - 1]:
                return self._index - 1
        if self._phase == "finished":
            return self._index
        return None

    def time_limit(self) -> int:
        return self.planned[self._index].time_limit

    def drain_attempt_updates(self) -> list[AttemptUpdate]:
        out, self._updates = self._updates, []
        return out

    # -- helpers --------------------------------------------------------------------------
    def _now(self) -> float:
        return self._clock() - self._start

    def _msg(self, role: Role, kind: MessageKind, text: str, index: int | None = None) -> Message:
        i = self._index if index is None else index
        m = Message(role=role, kind=kind, text=text, question_id=self.planned[i].id,
                    question_index=i, at=self._now())
        self._transcript.append(m)
        return m

    def _turn(self, msgs: Sequence[Message], *, feedback: Feedback | None = None,
              hint: str | None = None) -> Turn:
        return Turn(messages=tuple(msgs), phase=self._phase, question=self.question_view(),
                    feedback=feedback, summary=self._summary if self._phase == "finished" else None,
                    hint=hint)

    def _ask(self, lead: str) -> list[Message]:
        self._hints = 0
        self._asked_at = self._clock()
        out = [self._msg("interviewer", "transition", lead)] if lead else []
        out.append(self._msg("interviewer", "question", self.planned[self._index].question.prompt))
        return out

    def _queue(self, index: int, att: AttemptState) -> None:
        self._updates.append(AttemptUpdate(
            index=index, question_id=self.planned[index].id, attempt=att.attempt,
            answer=att.answer, skipped=att.skipped, report=att.report, score=att.score,
            hints_used=att.hints_used, hint_penalty=att.hint_penalty, elapsed=att.elapsed,
            time_limit=att.time_limit, over_time=att.over_time, followups=tuple(att.followups),
            concluded=att.concluded))

    def _require(self, *phases: Phase) -> None:
        if self._phase not in phases:
            what = {"question": "a question is waiting for your answer",
                    "follow-up": "a follow-up is waiting for your answer",
                    "feedback": "the last answer's feedback is shown; go on to the next question",
                    "finished": "the session is finished"}[self._phase]
            raise SessionStateError(f"not possible now: {what}")

    def _ensure_open(self) -> None:
        if not self._opened:
            self.opening()

    # -- actions --------------------------------------------------------------------------
    def opening(self) -> Turn:
        """The greeting and the first (or, when resumed, the current) question. Idempotent:
        later calls return the whole transcript so far."""
        if self._opened:
            return Turn(messages=self.transcript, phase=self._phase,
                        question=self.question_view(), feedback=self.last_feedback,
                        summary=self._summary)
        self._opened = True
        total = len(self.planned)
        msgs: list[Message] = []
        if self._resumed:
            msgs += self._replay()
            msgs.append(self._msg("interviewer", "greeting", self._lines.say(
                "greeting_resume", index=self._index + 1, total=total)))
            if self._phase == "question":
                msgs += self._ask("")
            return self._turn(msgs)
        if self.config.round == LOOP:
            greet = self._lines.say("greeting_loop", n=total)
        else:
            greet = self._lines.say("greeting", round_title=self.planned[0].round_title, n=total)
        msgs.append(self._msg("interviewer", "greeting", greet))
        if not self.practice:
            msgs.append(self._msg("interviewer", "notice", self._lines.say("exam_notice")))
        msgs += self._ask(self._lines.say("first_question", index=1, total=total))
        return self._turn(msgs)

    def _replay(self) -> list[Message]:
        """Transcript of the stored attempts (for a resumed session)."""
        msgs: list[Message] = []
        for i, atts in enumerate(self._attempts):
            if not atts:
                continue
            msgs.append(self._msg("interviewer", "question", self.planned[i].question.prompt, i))
            best = best_attempt(atts)
            for a in atts:
                if a.skipped:
                    msgs.append(self._msg("system", "notice", "(skipped)", i))
                else:
                    msgs.append(self._msg("candidate", "answer", a.answer, i))
                for fu in a.followups:
                    msgs.append(self._msg("interviewer", "follow-up", fu.prompt, i))
                    if fu.answer is not None:
                        msgs.append(self._msg("candidate", "answer", fu.answer, i))
                msgs.append(self._msg("interviewer", "feedback", feedback_text(
                    a, best=best.score if best else 0.0, practice=self.practice), i))
        return msgs

    def submit(self, answer: str, elapsed: float | None = None) -> Turn:
        self._ensure_open()
        self._require("question", "follow-up")
        text = answer.strip()
        if not text:
            raise SessionStateError("the answer is empty: type an answer, or skip the question")
        if self._phase == "follow-up":
            return self._submit_followup(text, elapsed)
        p = self.planned[self._index]
        el = max(0.0, elapsed if elapsed is not None else self._clock() - self._asked_at)
        over = el > p.time_limit
        penalty = self._hints * self.config.hint_penalty
        report = self._scorer.score(p.question, p.rubric, text, hint_penalty=penalty)
        att = AttemptState(attempt=len(self._attempts[self._index]) + 1, answer=text,
                           skipped=False, report=report, hints_used=self._hints,
                           hint_penalty=penalty, elapsed=el, time_limit=p.time_limit,
                           over_time=over)
        self._attempts[self._index].append(att)
        self._current = att
        msgs = [self._msg("candidate", "answer", text)]
        if over:
            key = "over_time" if self.practice else "time_up"
            msgs.append(self._msg("interviewer", "notice",
                                  self._lines.say(key, limit=_mmss(p.time_limit))))
        return self._after_answer(att, msgs)

    def _after_answer(self, att: AttemptState, msgs: list[Message]) -> Turn:
        probe = self._next_probe(att)
        if probe is not None:
            cid, label, prompt = probe
            self._pending_fu = FollowUp(criterion_id=cid, criterion_label=label, prompt=prompt)
            att.followups.append(self._pending_fu)
            self._queue(self._index, att)
            self._phase = "follow-up"
            self._followup_at = self._clock()
            lead = self._lines.say("followup_lead", label=label)
            msgs.append(self._msg("interviewer", "follow-up", f"{lead} {prompt}"))
            return self._turn(msgs)
        return self._conclude(att, msgs)

    def _next_probe(self, att: AttemptState) -> tuple[str, str, str] | None:
        """The highest-weight missed criterion with a probe not asked yet, if it matters."""
        if att.report is None or len(att.followups) >= self.config.max_followups:
            return None
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

    def _submit_followup(self, text: str, elapsed: float | None) -> Turn:
        att, fu = self._current, self._pending_fu
        assert att is not None and fu is not None and att.report is not None
        p = self.planned[self._index]
        el = max(0.0, elapsed if elapsed is not None else self._clock() - self._followup_at)
        before = att.report.score
        att.report = self._scorer.followup(att.report, p.question, p.rubric, fu.criterion_id,
                                           text, prompt=fu.prompt)
        done = replace(fu, answer=text, earned_back=max(0.0, att.report.score - before),
                       elapsed=el)
        att.followups[-1] = done
        self._pending_fu = None
        msgs = [self._msg("candidate", "answer", text)]
        if self._next_probe(att) is not None:
            msgs.append(self._msg("interviewer", "ack", self._lines.say("followup_ack")))
        return self._after_answer(att, msgs)

    def _conclude(self, att: AttemptState, msgs: list[Message]) -> Turn:
        att.concluded = True
        self._current = None
        self._pending_fu = None
        self._phase = "feedback"
        self._queue(self._index, att)
        best = best_attempt(self._attempts[self._index])
        best_score = best.score if best else 0.0
        text = feedback_text(att, best=best_score, practice=self.practice)
        if not att.skipped and att.report is not None:
            band = att.report.band
            key = "ack_strong" if band == "strong" else "ack_pass" if band == "pass" else "ack_weak"
            msgs.append(self._msg("interviewer", "ack", self._lines.say(key)))
        msgs.append(self._msg("interviewer", "feedback", text))
        fb = Feedback(
            question_id=self.planned[self._index].id, question_index=self._index,
            attempt=att.attempt, score=att.score, band=att.band, report=att.report,
            skipped=att.skipped, hints_used=att.hints_used, hint_penalty=att.hint_penalty,
            elapsed=att.elapsed, time_limit=att.time_limit, over_time=att.over_time,
            best_score=best_score, followups=tuple(att.followups), text=text,
            can_retry=self.practice,
        )
        self.last_feedback = fb
        return self._turn(msgs, feedback=fb)

    def hint(self) -> Turn:
        self._ensure_open()
        if not self.practice:
            raise SessionStateError("no hints in exam mode")
        self._require("question")
        hints = self.planned[self._index].question.hints
        if self._hints >= len(hints):
            raise SessionStateError("no more hints for this question" if hints
                                    else "this question has no hints")
        self._hints += 1
        text = hints[self._hints - 1]
        lead = self._lines.say("hint_lead", index=self._hints, total=len(hints),
                               score=f"{self.config.hint_penalty:g}")
        m = self._msg("interviewer", "hint", f"{lead} {text}")
        return self._turn([m], hint=text)

    def skip(self) -> Turn:
        self._ensure_open()
        self._require("question", "follow-up")
        if self._phase == "follow-up":
            att = self._current
            assert att is not None
            msgs = [self._msg("interviewer", "ack", self._lines.say("skip_followup"))]
            return self._conclude(att, msgs)
        p = self.planned[self._index]
        el = max(0.0, self._clock() - self._asked_at)
        att = AttemptState(attempt=len(self._attempts[self._index]) + 1, answer="", skipped=True,
                           report=None, hints_used=self._hints,
                           hint_penalty=self._hints * self.config.hint_penalty, elapsed=el,
                           time_limit=p.time_limit, over_time=False)
        self._attempts[self._index].append(att)
        msgs = [self._msg("interviewer", "ack", self._lines.say("skip_ack"))]
        return self._conclude(att, msgs)

    def retry(self) -> Turn:
        self._ensure_open()
        if not self.practice:
            raise SessionStateError("no retries in exam mode")
        target = self._retry_target()
        if target is None:
            raise SessionStateError("nothing to retry yet: answer or skip the question first")
        self._index = target
        self._phase = "question"
        msgs = self._ask(self._lines.say("retry", index=target + 1))
        return self._turn(msgs)

    def next(self) -> Turn:
        self._ensure_open()
        self._require("feedback")
        if self._index + 1 >= len(self.planned):
            return self._finish(early=False)
        prev_round = self.planned[self._index].round
        self._index += 1
        self._phase = "question"
        p = self.planned[self._index]
        total = len(self.planned)
        if p.round != prev_round:
            lead = self._lines.say("round_change", round_title=p.round_title,
                                   index=self._index + 1, total=total)
        else:
            lead = self._lines.say("transition", index=self._index + 1, total=total)
        return self._turn(self._ask(lead))

    def end(self) -> Turn:
        """Finish now. A pending follow-up is dropped (the attempt keeps its score)."""
        self._ensure_open()
        if self._phase == "finished":
            return self._turn([])
        if self._phase == "follow-up" and self._current is not None:
            self._current.concluded = True
            if self._current.followups and self._current.followups[-1].answer is None:
                self._current.followups.pop()
            self._queue(self._index, self._current)
            self._current = None
            self._pending_fu = None
        early = any(not a for a in self._attempts)
        return self._finish(early=early)

    def _finish(self, *, early: bool) -> Turn:
        self._phase = "finished"
        s = self.summary()
        self._summary = s
        if early:
            key = "closing_early"
        else:
            key = {"strong": "closing_strong", "pass": "closing_pass"}.get(
                band_for(s.total), "closing_weak")
        msgs = [self._msg("interviewer", "closing", self._lines.say(key)),
                self._msg("system", "summary", s.text)]
        return self._turn(msgs)

    def model_answer(self) -> str | None:
        if not self.practice:
            raise SessionStateError("model answers are not shown in exam mode")
        target = self._review_target()
        if target is None:
            raise SessionStateError("answer or skip the question first, then ask for the "
                                    "model answer")
        text = self.planned[target].question.model_answer
        if text:
            self._msg("interviewer", "model-answer", text, target)
        return text

    def model_answer_target(self) -> int | None:
        """Which question ``model_answer()`` would show (None: none yet)."""
        return self._review_target() if self.practice else None

    def check_time(self, elapsed: float | None = None) -> TimeCheck:
        limit = self.planned[self._index].time_limit
        if self._phase not in ("question", "follow-up"):
            return TimeCheck(limit=limit, elapsed=0.0, remaining=float(limit), over=False,
                             must_submit=False, warning=False)
        since = self._asked_at if self._phase == "question" else self._followup_at
        el = max(0.0, elapsed if elapsed is not None else self._clock() - since)
        remaining = limit - el
        over = remaining < 0
        return TimeCheck(limit=limit, elapsed=el, remaining=remaining, over=over,
                         must_submit=over and not self.practice,
                         warning=not over and remaining <= 0.2 * limit)

    def summary(self) -> Summary:
        items = [(p.id, p.round, tuple(p.question.tags), tuple(a))
                 for p, a in zip(self.planned, self._attempts, strict=True)]
        return summarise(items, planned=len(self.planned), finished=self._phase == "finished")

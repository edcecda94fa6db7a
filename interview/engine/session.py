"""The interview as a deterministic state machine.

    question --submit--> [follow-up --submit/skip--> ...] --> feedback --next--> question
         \\--skip------------------------------------------/       \\--retry (practice)--/
    feedback --next (last question)--> finished;  end() from anywhere --> finished

The clock is injectable (``clock()`` returns seconds, monotonic) and every random choice
(the interviewer's lines) comes from the seed, so a scripted run is reproducible. Scoring is
injected too (``Scorer``). Attempts are frozen ``Attempt`` values; every change to one is
queued as ``(question index, Attempt)`` for the caller to store (``drain_attempt_updates``),
and ``live_state()`` says where the session stands (hints taken, reveals, the clock), so a
resumed session is the session that was left.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..domain.attempt import Attempt, FollowUp, best_attempt
from ..domain.live import LiveState
from ..domain.words import clock as clock_text
from ..domain.words import days_ago, plural, with_article
from ..scoring.report import band_for
from .errors import SessionStateError
from .lines import Lines
from .restore import restore_position
from .scorer import Scorer
from .setup import PlannedQuestion
from .summary import feedback_text
from .types import (
    LOOP,
    REVIEW,
    Feedback,
    Message,
    MessageKind,
    Phase,
    Role,
    SessionConfig,
    Summary,
    Turn,
)
from .views import EngineViews

AttemptUpdate = tuple[int, Attempt]
"""An attempt to store: (question index, the attempt). Insert or update by attempt number."""


class InterviewEngine(EngineViews):
    """One session's state. Not thread-safe on its own (the service handle locks)."""

    def __init__(self, config: SessionConfig, planned: Sequence[PlannedQuestion], *,
                 seed: int, scorer: Scorer, clock: Callable[[], float] = time.monotonic,
                 lines: Lines | None = None,
                 restored: Sequence[Sequence[Attempt]] | None = None,
                 live: LiveState | None = None) -> None:
        if not planned:
            raise SessionStateError("a session needs at least one question")
        self.config = config
        self.planned = list(planned)
        self.seed = seed
        self._scorer = scorer
        self._clock = clock
        self._lines = lines or Lines(seed)
        self._attempts: list[list[Attempt]] = [
            list(a) for a in (restored or [[] for _ in self.planned])]
        if len(self._attempts) != len(self.planned):
            raise SessionStateError("restored attempts do not match the planned questions")
        self._resumed = any(self._attempts) or live is not None
        pos = restore_position(self._attempts, live, practice=self.practice)
        self._attempts = [list(a) for a in pos.attempts]
        self._index, self._phase, self._hints = pos.index, pos.phase, pos.hints
        self._revealed: set[int] = set(live.revealed) if live else set()
        self._start = clock()
        self._asked_at = self._start - pos.elapsed
        self._followup_at = self._asked_at
        self._followup_base = 0.0
        self._transcript: list[Message] = []
        self._opened = False
        self._cues = {c.question_id: c for c in config.review}
        self._cued: set[int] = set()
        self._updates: list[AttemptUpdate] = [(i, a) for i, a in pos.changed]
        self.last_feedback: Feedback | None = None
        self._summary: Summary | None = None

    def drain_attempt_updates(self) -> list[AttemptUpdate]:
        """The attempts changed since the last call, in order, for the caller to store."""
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
        out += self._cue()
        out.append(self._msg("interviewer", "question", self.planned[self._index].question.prompt))
        return out

    def _cue(self) -> list[Message]:
        """Review sessions: what happened last time, once per question (not on retries)."""
        cue = self._cues.get(self.planned[self._index].id)
        if cue is None or self._index in self._cued:
            return []
        self._cued.add(self._index)
        values = {"ago": days_ago(cue.days_ago), "score": f"{cue.score:.0f}", "band": cue.band}
        if cue.missed:
            text = self._lines.say("review_cue", missed="; ".join(cue.missed), **values)
        else:
            text = self._lines.say("review_cue_clean", **values)
        return [self._msg("interviewer", "notice", text)]

    def _store(self, att: Attempt, *, new: bool = False) -> None:
        """Put ``att`` in place (appended when ``new``) and queue it for storage."""
        atts = self._attempts[self._index]
        if new:
            atts.append(att)
        else:
            atts[-1] = att
        self._updates.append((self._index, att))

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
                msgs += self._cue()
                msgs.append(self._msg("interviewer", "question",
                                      self.planned[self._index].question.prompt))
            elif self._phase == "follow-up":
                msgs.append(self._msg("interviewer", "follow-up",
                                      self.pending_followup_prompt() or ""))
            return self._turn(msgs)
        if self.config.round == LOOP:
            greet = self._lines.say("greeting_loop", n=total)
        elif self.config.round == REVIEW:
            greet = self._lines.say("greeting_review", n=total,
                                    questions=plural(total, "question"))
        else:
            title = self.planned[0].round_title
            greet = self._lines.say("greeting", round_title=title, a_round=with_article(title),
                                    n=total, questions=plural(total, "question"))
        msgs.append(self._msg("interviewer", "greeting", greet))
        if not self.practice:
            msgs.append(self._msg("interviewer", "notice", self._lines.say("exam_notice")))
        if self.config.review_missing:
            msgs.append(self._msg("interviewer", "notice", self._lines.say(
                "review_missing", ids=", ".join(self.config.review_missing))))
        msgs += self._ask(self._lines.say("first_question", index=1, total=total))
        return self._turn(msgs)

    def _replay(self) -> list[Message]:
        """Transcript of the stored attempts (for a resumed session)."""
        msgs: list[Message] = []
        for i, atts in enumerate(self._attempts):
            if not atts:
                continue
            msgs.append(self._msg("interviewer", "question", self.planned[i].question.prompt, i))
            for a in atts:
                if a.skipped:
                    msgs.append(self._msg("system", "notice", "(skipped)", i))
                else:
                    msgs.append(self._msg("candidate", "answer", a.answer, i))
                for fu in a.followups:
                    if fu.pending:  # asked again after the greeting
                        continue
                    msgs.append(self._msg("interviewer", "follow-up", fu.prompt, i))
                    msgs.append(self._msg("candidate", "answer", fu.answer or "", i))
                if a.concluded:
                    best = best_attempt(atts[:a.attempt])
                    msgs.append(self._msg("interviewer", "feedback", feedback_text(
                        a, best=best.counted_score if best else 0.0), i))
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
        report = self._scorer.score(p, text, hint_penalty=penalty)
        att = Attempt(attempt=len(self._attempts[self._index]) + 1, answer=text,
                      skipped=False, score=float(report.score), report=report,
                      hints_used=self._hints, hint_penalty=penalty, elapsed=el,
                      time_limit=p.time_limit, over_time=over, concluded=False,
                      after_reveal=self._index in self._revealed)
        self._store(att, new=True)
        msgs = [self._msg("candidate", "answer", text)]
        if over:
            key = "over_time" if self.practice else "time_up"
            msgs.append(self._msg("interviewer", "notice",
                                  self._lines.say(key, limit=clock_text(p.time_limit))))
        return self._after_answer(att, msgs)

    def _after_answer(self, att: Attempt, msgs: list[Message]) -> Turn:
        probe = self._next_probe(att)
        if probe is not None:
            cid, label, prompt = probe
            fu = FollowUp(criterion_id=cid, criterion_label=label, prompt=prompt)
            self._store(replace(att, followups=(*att.followups, fu), concluded=False))
            self._phase = "follow-up"
            self._followup_at = self._clock()
            # Exam: the follow-up runs on the question's clock, not a fresh one.
            self._followup_base = 0.0 if self.practice else att.time_used
            lead = self._lines.say("followup_lead", label=label)
            msgs.append(self._msg("interviewer", "follow-up", f"{lead} {prompt}"))
            return self._turn(msgs)
        return self._conclude(att, msgs)

    def _submit_followup(self, text: str, elapsed: float | None) -> Turn:
        att = self._current()
        fu = att.pending_followup if att else None
        if att is None or fu is None or att.report is None:
            raise SessionStateError("not possible now: no follow-up is waiting")
        p = self.planned[self._index]
        el = max(0.0, elapsed if elapsed is not None else self._clock() - self._followup_at)
        report = self._scorer.followup(p, att.report, text, criterion_id=fu.criterion_id,
                                       prompt=fu.prompt)
        score = float(report.score)  # the score stored is the report's, always
        done = replace(fu, answer=text, earned_back=round(max(0.0, score - att.score), 1),
                       elapsed=el)
        att = replace(att, report=report, score=score, followups=(*att.followups[:-1], done))
        self._store(att)
        msgs = [self._msg("candidate", "answer", text)]
        if self._next_probe(att) is not None:
            msgs.append(self._msg("interviewer", "ack", self._lines.say("followup_ack")))
        return self._after_answer(att, msgs)

    def _conclude(self, att: Attempt, msgs: list[Message]) -> Turn:
        att = replace(att, concluded=True)
        self._store(att)
        self._phase = "feedback"
        best = best_attempt(self._attempts[self._index])
        best_score = best.counted_score if best else 0.0
        text = feedback_text(att, best=best_score)
        if not att.skipped:
            band = band_for(att.score)
            key = "ack_strong" if band == "strong" else "ack_pass" if band == "pass" else "ack_weak"
            msgs.append(self._msg("interviewer", "ack", self._lines.say(key)))
        msgs.append(self._msg("interviewer", "feedback", text))
        fb = Feedback(question_id=self.planned[self._index].id, question_index=self._index,
                      result=att, best_score=best_score, text=text, can_retry=self.practice)
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
            att = self._current()
            assert att is not None
            msgs = [self._msg("interviewer", "ack", self._lines.say("skip_followup"))]
            return self._conclude(att, msgs)
        p = self.planned[self._index]
        el = max(0.0, self._clock() - self._asked_at)
        att = Attempt(attempt=len(self._attempts[self._index]) + 1, answer="", skipped=True,
                      score=0.0, report=None, hints_used=self._hints,
                      hint_penalty=self._hints * self.config.hint_penalty, elapsed=el,
                      time_limit=p.time_limit, over_time=False, concluded=False,
                      after_reveal=self._index in self._revealed)
        self._store(att, new=True)
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
        if p.round != prev_round and self.config.round != REVIEW:
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
        att = self._current()
        if att is not None:
            kept = att.followups[:-1] if att.pending_followup else att.followups
            self._store(replace(att, followups=kept, concluded=True))
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
        """The model answer of the question under review. Remembered: a later attempt at
        that question is marked ``after_reveal`` and does not count as the best."""
        if not self.practice:
            raise SessionStateError("model answers are not shown in exam mode")
        target = self._review_target()
        if target is None:
            raise SessionStateError("answer or skip the question first, then ask for the "
                                    "model answer")
        text = self.planned[target].question.model_answer
        if text:
            self._revealed.add(target)
            self._msg("interviewer", "model-answer", text, target)
        return text

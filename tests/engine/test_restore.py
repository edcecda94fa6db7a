"""Resuming: the engine restarts where it was left (follow-ups, hints, clock, reveals)."""

from __future__ import annotations

from dataclasses import replace

from interview.banks import Catalog
from interview.engine import InterviewEngine, LiveState, SessionConfig, pick_questions, plan
from tests.fakes import FakeScorer

from .conftest import FakeClock

PARTIAL = "Overfitting is when the model memorises noise in the training data."
GOOD = PARTIAL + " Watch the validation error. Regularisation helps."


def make(catalog: Catalog, clock: FakeClock, *ids: str, restored: object = None,
         live: LiveState | None = None, **cfg: object) -> InterviewEngine:
    config = SessionConfig(question_ids=ids, seed=7, **cfg)  # type: ignore[arg-type]
    planned = plan(catalog, pick_questions(catalog, config, seed=7))
    return InterviewEngine(config, planned, seed=7, clock=clock, scorer=FakeScorer(),
                           restored=restored, live=live)  # type: ignore[arg-type]


def test_a_pending_follow_up_on_the_last_question_is_asked_again(catalog: Catalog,
                                                                 clock: FakeClock) -> None:
    first = make(catalog, clock, "mlt-fx-bias", "mlt-fx-overfit")
    first.opening()
    first.submit("Wrong assumptions; sensitivity to the training sample; model complexity.")
    first.next()
    assert first.submit(PARTIAL).phase == "follow-up"
    prompt = first.pending_followup_prompt()
    again = make(catalog, clock, "mlt-fx-bias", "mlt-fx-overfit",
                 restored=first.all_attempts(), live=first.live_state())
    turn = again.opening()
    assert turn.phase == "follow-up" and again.index == 1
    assert again.pending_followup_prompt() == prompt
    assert turn.messages[-1].kind == "follow-up" and turn.messages[-1].text == prompt
    fb = again.submit("I would watch the validation error.").feedback
    assert fb is not None and fb.followups[0].answer is not None
    assert fb.score > first.attempts(1)[0].score


def test_hints_taken_before_a_pause_still_cost_points(catalog: Catalog,
                                                     clock: FakeClock) -> None:
    first = make(catalog, clock, "mlt-fx-overfit", max_followups=0)
    first.opening()
    first.hint()
    live = first.live_state()
    assert live.hints == 1
    again = make(catalog, clock, "mlt-fx-overfit", max_followups=0,
                 restored=first.all_attempts(), live=live)
    again.opening()
    view = again.question_view()
    assert view is not None and view.hints_used == 1
    fb = again.submit(GOOD).feedback
    assert fb is not None and fb.hints_used == 1 and fb.score == 95.0


def test_the_clock_resumes_from_the_time_already_spent(catalog: Catalog,
                                                       clock: FakeClock) -> None:
    live = LiveState(index=0, phase="question", elapsed=100.0)
    eng = make(catalog, clock, "mlt-fx-overfit", restored=[[]], live=live)
    eng.opening()
    assert eng.check_time().elapsed == 100.0
    clock.advance(30)
    assert eng.check_time().over


def test_a_retry_after_the_model_answer_is_marked_and_never_counts(catalog: Catalog,
                                                                   clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", max_followups=0)
    eng.opening()
    first = eng.submit(PARTIAL).feedback
    assert first is not None
    assert eng.model_answer()
    eng.retry()
    fb = eng.submit(GOOD).feedback
    assert fb is not None and fb.after_reveal and fb.score == 100.0
    assert fb.best_score == first.score
    assert "does not count" in fb.text
    assert eng.summary().total == first.score
    # The reveal survives a pause.
    again = make(catalog, clock, "mlt-fx-overfit", max_followups=0,
                 restored=eng.all_attempts(), live=replace(eng.live_state(), phase="question"))
    again.opening()
    again.submit(GOOD)
    assert again.attempts(0)[-1].after_reveal


def test_a_stale_unconcluded_attempt_is_concluded_and_reported(catalog: Catalog,
                                                              clock: FakeClock) -> None:
    first = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias")
    first.opening()
    first.submit(PARTIAL)
    [att] = first.attempts(0)
    stale = replace(att, followups=())  # unconcluded, but no follow-up waiting
    again = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias", restored=[[stale], []])
    assert again.index == 1 and again.phase == "question"
    [(index, fixed)] = again.drain_attempt_updates()
    assert index == 0 and fixed.concluded

"""The interview state machine, driven with a hand-moved clock and a fixed fake scorer."""

from __future__ import annotations

import pytest

from interview.banks import Catalog
from interview.engine import (
    InterviewEngine,
    SessionConfig,
    SessionStateError,
    pick_questions,
    plan,
)
from tests.fakes import FakeScorer

from .conftest import FakeClock

GOOD_OVERFIT = ("Overfitting is when the model memorises noise in the training data; you see "
                "it when validation error rises while training error falls. Regularisation "
                "helps.")
PARTIAL_OVERFIT = "Overfitting is when the model memorises noise in the training data."
GOOD_BIAS = ("Bias comes from wrong assumptions, variance is sensitivity to the training "
             "sample, and more complex models trade one for the other.")


def make(catalog: Catalog, clock: FakeClock, *ids: str, **cfg: object) -> InterviewEngine:
    config = SessionConfig(question_ids=ids, seed=7, **cfg)  # type: ignore[arg-type]
    planned = plan(catalog, pick_questions(catalog, config, seed=7))
    return InterviewEngine(config, planned, seed=7, clock=clock, scorer=FakeScorer())


def test_opening_greets_then_asks_the_first_question(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias")
    turn = eng.opening()
    kinds = [m.kind for m in turn.messages]
    assert kinds[0] == "greeting" and kinds[-1] == "question"
    assert turn.messages[-1].text.startswith("What is overfitting")
    assert "2 questions" in turn.messages[0].text
    assert turn.phase == "question" and turn.question is not None
    assert (turn.question.index, turn.question.total, turn.question.time_limit) == (0, 2, 120)
    assert eng.opening().messages == turn.messages  # idempotent


def test_full_flow_with_a_follow_up_that_earns_credit_back(catalog: Catalog,
                                                           clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias")
    eng.opening()
    clock.advance(40)
    turn = eng.submit(PARTIAL_OVERFIT)
    assert turn.phase == "follow-up"
    # The probe is for the highest-weight missed criterion that has one.
    assert eng.pending_followup_prompt() == "How would you notice it when looking at your metrics?"
    before = eng.attempts(0)[0].score
    updates = eng.drain_attempt_updates()
    assert [a.concluded for _, a in updates] == [False, False]  # stored before the follow-up is answered
    clock.advance(15)
    turn = eng.submit("I would watch the validation error on a held-out set.")
    assert turn.phase == "feedback" and turn.feedback is not None
    fb = turn.feedback
    assert fb.score > before
    assert fb.followups[0].criterion_id == "detection"
    assert fb.followups[0].earned_back == pytest.approx(fb.score - before)
    assert fb.followups[0].elapsed == 15
    assert fb.elapsed == 40
    assert "Follow-up earned back" in fb.text
    assert [a.concluded for _, a in eng.drain_attempt_updates()] == [False, True]
    turn = eng.next()
    assert turn.phase == "question" and turn.question is not None
    assert turn.question.id == "mlt-fx-bias"
    turn = eng.submit(GOOD_BIAS, elapsed=30)
    assert turn.phase == "feedback"
    turn = eng.next()
    assert turn.phase == "finished" and turn.summary is not None
    s = turn.summary
    assert s.finished and s.answered == 2 and s.questions == 2
    assert s.total == pytest.approx((fb.score + turn.summary.per_round[0].score * 2 - fb.score) / 2)
    assert s.time_used == pytest.approx(40 + 15 + 30)
    assert [m.kind for m in turn.messages] == ["closing", "summary"]
    assert eng.question_view() is None


def test_no_follow_up_when_disabled_or_when_only_low_weight_points_are_missed(
        catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", max_followups=0)
    eng.opening()
    assert eng.submit(PARTIAL_OVERFIT).phase == "feedback"
    eng = make(catalog, clock, "mlt-fx-overfit")
    eng.opening()
    # Only 'remedy' (weight 1, below the mean, no probe) is missed.
    text = ("It memorises noise in the training data, and validation error shows it on a "
            "held-out set.")
    assert eng.submit(text).phase == "feedback"


def test_at_most_max_followups_probes(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-bias", max_followups=2)
    eng.opening()
    assert eng.submit("More complex models change things.").phase == "follow-up"
    first = eng.pending_followup_prompt()
    assert eng.submit("I do not know.").phase == "follow-up"
    assert eng.pending_followup_prompt() != first
    turn = eng.submit("No idea either.")
    assert turn.phase == "feedback" and turn.feedback is not None
    assert len(turn.feedback.followups) == 2


def test_hints_are_revealed_one_at_a_time_and_cost_points(catalog: Catalog,
                                                          clock: FakeClock) -> None:
    plain = make(catalog, clock, "mlt-fx-overfit", max_followups=0)
    plain.opening()
    base = plain.submit(GOOD_OVERFIT).feedback
    eng = make(catalog, clock, "mlt-fx-overfit", max_followups=0, hint_penalty=5.0)
    eng.opening()
    t1 = eng.hint()
    t2 = eng.hint()
    assert (t1.hint, t2.hint) == ("Compare two kinds of error.", "Think about a held-out set.")
    assert t2.question is not None and t2.question.hints_used == 2
    assert "5 points" in t1.messages[0].text
    with pytest.raises(SessionStateError, match="no more hints"):
        eng.hint()
    fb = eng.submit(GOOD_OVERFIT).feedback
    assert base is not None and fb is not None
    assert fb.hints_used == 2 and fb.hint_penalty == 10.0
    assert fb.score == pytest.approx(max(0.0, base.score - 10.0))


def test_skip_scores_zero_and_is_recorded(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias")
    eng.opening()
    turn = eng.skip()
    assert turn.feedback is not None and turn.feedback.skipped and turn.feedback.score == 0
    *_, (index, u) = eng.drain_attempt_updates()
    assert index == 0 and u.skipped and u.concluded
    eng.next()
    eng.submit(GOOD_BIAS)
    s = eng.next().summary
    assert s is not None and (s.answered, s.skipped) == (1, 1)


def test_skipping_a_follow_up_keeps_the_answer_score(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit")
    eng.opening()
    eng.submit(PARTIAL_OVERFIT)
    score = eng.attempts(0)[0].score
    turn = eng.skip()
    assert turn.phase == "feedback" and turn.feedback is not None
    assert turn.feedback.score == score
    assert turn.feedback.followups[0].answer is None


def test_retry_keeps_every_attempt_and_the_best_counts(catalog: Catalog,
                                                       clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias", max_followups=0)
    eng.opening()
    good = eng.submit(GOOD_OVERFIT).feedback
    assert good is not None and good.can_retry
    eng.retry()
    assert eng.phase == "question" and eng.index == 0
    worse = eng.submit("It is bad.").feedback
    assert worse is not None and worse.attempt == 2
    assert worse.best_score == good.score > worse.score
    # Retry is also allowed right after moving on, before touching the next question.
    eng.next()
    assert eng.index == 1 and eng.can_retry()
    eng.retry()
    assert eng.index == 0
    eng.submit("Still not sure.")
    assert len(eng.attempts(0)) == 3
    eng.next()
    eng.submit(GOOD_BIAS)
    s = eng.next().summary
    assert s is not None
    assert s.per_round[0].score == pytest.approx((good.score + eng.attempts(1)[0].score) / 2)


def test_retry_is_refused_before_any_attempt(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit")
    eng.opening()
    with pytest.raises(SessionStateError, match="nothing to retry"):
        eng.retry()


def test_exam_mode_has_no_hints_model_answers_or_retries(catalog: Catalog,
                                                         clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", mode="exam", max_followups=0)
    turn = eng.opening()
    assert any(m.kind == "notice" and "exam" in m.text.lower() for m in turn.messages)
    with pytest.raises(SessionStateError, match="exam"):
        eng.hint()
    fb = eng.submit(GOOD_OVERFIT).feedback
    assert fb is not None and not fb.can_retry
    with pytest.raises(SessionStateError, match="exam"):
        eng.retry()
    with pytest.raises(SessionStateError, match="exam"):
        eng.model_answer()


def test_model_answer_in_practice_after_an_attempt(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias", max_followups=0)
    eng.opening()
    with pytest.raises(SessionStateError, match="first"):
        eng.model_answer()
    eng.submit(GOOD_OVERFIT)
    eng.next()
    # Before touching question 2, the model answer is question 1's.
    text = eng.model_answer()
    assert text is not None and text.startswith("Overfitting is when a model learns noise")
    assert eng.transcript[-1].kind == "model-answer"
    assert eng.transcript[-1].question_index == 0


def test_timer_flags_over_time_in_practice(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", max_followups=0)
    eng.opening()
    clock.advance(100)
    tc = eng.check_time()
    assert (tc.limit, tc.elapsed, tc.remaining) == (120, 100, 20)
    assert tc.warning and not tc.over and not tc.must_submit
    clock.advance(30)
    tc = eng.check_time()
    assert tc.over and not tc.must_submit  # practice: flagged, not forced
    turn = eng.submit(GOOD_OVERFIT)
    assert turn.feedback is not None and turn.feedback.over_time
    assert turn.feedback.elapsed == 130
    assert any(m.kind == "notice" for m in turn.messages)
    assert "Over time" in turn.feedback.text


def test_timer_forces_submission_in_exam_mode(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", mode="exam", max_followups=0)
    eng.opening()
    assert not eng.check_time(elapsed=119).must_submit
    assert eng.check_time(elapsed=121).must_submit
    fb = eng.submit(PARTIAL_OVERFIT, elapsed=121).feedback
    assert fb is not None and fb.over_time


def test_empty_answers_and_wrong_phase_are_refused(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", max_followups=0)
    eng.opening()
    with pytest.raises(SessionStateError, match="empty"):
        eng.submit("   \n ")
    with pytest.raises(SessionStateError, match="not possible now"):
        eng.next()
    eng.submit(GOOD_OVERFIT)
    with pytest.raises(SessionStateError, match="feedback"):
        eng.submit("again")


def test_end_early_leaves_unreached_questions_out(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias", "mlt-fx-leak")
    eng.opening()
    eng.submit(PARTIAL_OVERFIT)  # a follow-up is pending
    turn = eng.end()
    assert turn.phase == "finished" and turn.summary is not None
    assert turn.summary.answered == 1 and turn.summary.questions == 3
    assert turn.summary.total == eng.attempts(0)[0].score
    assert eng.attempts(0)[0].followups == ()  # the unanswered probe is dropped
    assert "early" in turn.messages[0].text.lower() or turn.messages[0].kind == "closing"


def test_summary_names_weakest_criteria_and_tags(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-leak", max_followups=0)
    eng.opening()
    eng.submit(PARTIAL_OVERFIT)
    eng.next()
    eng.submit("I am not sure what that is.")
    s = eng.next().summary
    assert s is not None
    missed = {c.id for c in s.weakest_criteria}
    assert {"detection", "leak"} <= missed
    assert s.weakest_tags[0].tag == "data"  # only on the 0-scored leakage question
    assert "Most missed" in s.text


def test_resume_continues_at_the_first_unanswered_question(catalog: Catalog,
                                                           clock: FakeClock) -> None:
    first = make(catalog, clock, "mlt-fx-overfit", "mlt-fx-bias", max_followups=0)
    first.opening()
    first.submit(GOOD_OVERFIT)
    stored = [list(first.attempts(0)), []]
    again = InterviewEngine(first.config, first.planned, seed=7, clock=clock,
                            scorer=FakeScorer(), restored=stored)
    turn = again.opening()
    assert turn.question is not None and turn.question.id == "mlt-fx-bias"
    assert [m.kind for m in turn.messages][:3] == ["question", "answer", "feedback"]
    assert any(m.kind == "greeting" and "question 2 of 2" in m.text for m in turn.messages)
    again.submit(GOOD_BIAS)
    s = again.next().summary
    assert s is not None and s.answered == 2


def test_same_seed_same_conversation(catalog: Catalog) -> None:
    def run() -> list[str]:
        eng = make(catalog, FakeClock(), "mlt-fx-overfit", "mlt-fx-bias")
        eng.opening()
        eng.submit(PARTIAL_OVERFIT)
        eng.submit("validation error")
        eng.next()
        eng.skip()
        eng.next()
        return [m.text for m in eng.transcript]

    assert run() == run()


def test_an_exam_follow_up_runs_on_the_question_clock(catalog: Catalog,
                                                      clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", mode="exam")
    eng.opening()
    clock.advance(100)
    assert eng.submit(PARTIAL_OVERFIT).phase == "follow-up"
    clock.advance(15)
    tc = eng.check_time()
    assert tc.elapsed == 115 and tc.remaining == 5  # not a fresh 120 s
    clock.advance(10)
    assert eng.check_time().must_submit


def test_no_exam_follow_up_once_the_time_is_up(catalog: Catalog, clock: FakeClock) -> None:
    eng = make(catalog, clock, "mlt-fx-overfit", mode="exam")
    eng.opening()
    assert eng.submit(PARTIAL_OVERFIT, elapsed=125).phase == "feedback"

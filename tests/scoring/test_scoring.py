"""Totals, weights, caps, penalties, stuffing, bad inputs, delivery, follow-ups."""

from __future__ import annotations

import itertools
import json

import pytest

from interview.banks import Criterion, EffectiveRubric
from interview.scoring import (
    BAND_THRESHOLDS,
    DEFAULT_PARAMS,
    ScoreReport,
    apply_followup,
    band_for,
    score_answer,
)
from interview.scoring.totals import curve

GOOD = ("To stop overfitting I would add regularization such as dropout, pick the "
        "learning rate with k-fold cross validation, and train with gradient descent.")


def test_full_answer_scores_100_and_is_strong(rubric: EffectiveRubric) -> None:
    r = score_answer(GOOD, rubric)
    assert r.score == 100 and r.band == "strong" and r.missed == []
    assert all(c.status == "hit" for c in r.criteria)
    assert r.summary.startswith("100/100 (strong)")


def test_weights_shape_the_total(rubric: EffectiveRubric) -> None:
    # reg has weight 2, required (counts x1.5 = 3), of a total 3 + 4 = 7.
    r = score_answer("I'd use dropout. That is it.", rubric)
    assert r.coverage == pytest.approx(100 * 3 / 7, abs=0.1)
    share = (3 / 7) / DEFAULT_PARAMS.saturation
    assert r.raw_score == pytest.approx(100 * curve(share, DEFAULT_PARAMS), abs=0.1)
    # 45% of full marks sits in the curve: below the plain share, and the explanation says so.
    assert r.raw_score < 100 * share
    assert f"pass line at {100 * DEFAULT_PARAMS.pass_coverage:.0f}% of full marks" in \
        r.total_explanation


def test_coverage_curve_makes_half_the_points_weak() -> None:
    p = DEFAULT_PARAMS
    # The same share at both ends, the pass line at pass_coverage, monotone in between.
    assert curve(0.2, p) == 0.2 and curve(p.curve_end, p) == p.curve_end
    assert curve(0.9, p) == 0.9 and curve(1.0, p) == 1.0
    assert curve(p.pass_coverage, p) == pytest.approx(BAND_THRESHOLDS["pass"] / 100)
    xs = [i / 100 for i in range(101)]
    ys = [curve(x, p) for x in xs]
    assert all(b >= a for a, b in itertools.pairwise(ys))
    # Covering half of full marks is no longer a pass; 70% and up is unchanged.
    assert curve(0.55, p) < BAND_THRESHOLDS["pass"] / 100 < curve(0.61, p)


def test_missing_required_criterion_costs_in_proportion(rubric: EffectiveRubric) -> None:
    r = score_answer("Use k-fold cross validation, tune the learning rate with gradient "
                     "descent and watch for overfitting.", rubric)
    assert not r.capped and r.coverage == pytest.approx(100 * 4 / 7, abs=0.1)
    assert any(m.id == "reg" and m.required and m.probe for m in r.missed)
    # The same miss costs less when the point is not required.
    plain = rubric.model_copy(deep=True)
    plain.criteria[0].required = False
    assert score_answer("Use k-fold cross validation, tune the learning rate with gradient "
                        "descent and watch for overfitting.", plain).score > r.score


def test_nearly_full_coverage_is_strong_whatever_the_number_of_criteria() -> None:
    for n in (4, 6, 10, 14):
        rub = EffectiveRubric(criteria=[Criterion(id=f"c{i}", keywords=[f"concept{i}x"])
                                        for i in range(n)])
        answer = ". ".join(f"We use concept{i}x here" for i in range(n - 1)) + "."
        assert score_answer(answer, rub).score >= 75, n


def test_total_explanation_is_the_stored_arithmetic(rubric: EffectiveRubric) -> None:
    r = score_answer(GOOD + " I rely on accuracy alone.", rubric, hint_penalty=5)
    assert r.total_explanation.endswith(f"Score {r.score:.1f}.")
    assert "− 15 for 1 red flag" in r.total_explanation and "− 5 for hints" in r.total_explanation


def test_red_flag_subtracts_penalty(rubric: EffectiveRubric) -> None:
    clean = score_answer(GOOD, rubric)
    flagged = score_answer(GOOD + " I rely on accuracy alone.", rubric)
    assert flagged.score == clean.score - 15 and flagged.red_flag_penalty == 15


def test_hint_penalty(rubric: EffectiveRubric) -> None:
    assert score_answer(GOOD, rubric, hint_penalty=10).score == 90


def test_keyword_stuffing_does_not_pay(rubric: EffectiveRubric) -> None:
    stuffed = score_answer("regularization, cross validation, learning rate, gradient descent, "
                           "overfitting", rubric)
    assert stuffed.score < 50 and stuffed.form_factor < 1
    assert any("list of keywords" in n for n in stuffed.notices)
    bare = score_answer("regularization cross validation learning rate gradient descent "
                        "overfitting", rubric)
    assert bare.score < 50
    assert score_answer(GOOD, rubric).score >= 70


def test_stuffing_of_stop_word_phrases() -> None:
    rub = EffectiveRubric(criteria=[
        Criterion(id="s", keywords=["the situation was"]), Criterion(id="a", keywords=["I decided"]),
        Criterion(id="r", keywords=["as a result"]), Criterion(id="l", keywords=["lesson"])])
    assert score_answer("the situation was, I decided, as a result, lesson", rub).score < 50
    well = score_answer("The situation was a failing launch. I decided to roll back, and as a "
                        "result we kept our users; the lesson was to stage rollouts.", rub)
    assert well.score >= 70


@pytest.mark.parametrize("answer", [
    "", "   \n\t ", "😀🔥🚀", "机器学习 模型 过拟合", "\x00\x01\x07\x1b[31m", "a" * 5000,
    "-" * 1000, "’’’", "\ud800 broken surrogate",
])
def test_bad_inputs_return_valid_reports(rubric: EffectiveRubric, answer: str) -> None:
    r = score_answer(answer, rubric)
    assert isinstance(r, ScoreReport) and 0 <= r.score <= 100
    json.loads(r.to_json())


def test_empty_answer_is_missing(rubric: EffectiveRubric) -> None:
    r = score_answer("", rubric)
    assert r.score == 0 and r.band == "missing" and r.notices


def test_huge_paste_is_truncated_with_notice(rubric: EffectiveRubric) -> None:
    big = (GOOD + " ") * (1_000_000 // len(GOOD))
    r = score_answer(big, rubric)
    assert r.score == 100 and any("only the first part" in n for n in r.notices)


def test_deterministic(rubric: EffectiveRubric) -> None:
    a = score_answer(GOOD + " Um, you know, like, basically.", rubric).model_dump()
    b = score_answer(GOOD + " Um, you know, like, basically.", rubric).model_dump()
    assert a == b


def test_delivery_stats(rubric: EffectiveRubric) -> None:
    text = ("Um, so basically the model, like, overfits. You know, the model memorises. "
            "The model looks like it works. Uh, regularize the model.")
    d = score_answer(text, rubric).delivery
    assert d.word_count == len(text.split())
    assert d.sentence_count == 4
    assert d.fillers == {"basically": 1, "like": 1, "uh": 1, "um": 1, "you know": 1}
    assert d.top_words[0] == ("model", 4)


def test_bands_follow_documented_thresholds() -> None:
    assert band_for(BAND_THRESHOLDS["strong"]) == "strong"
    assert band_for(BAND_THRESHOLDS["pass"]) == "pass"
    assert band_for(BAND_THRESHOLDS["pass"] - 0.1) == "weak"
    assert band_for(0) == "missing"


def test_json_has_score_and_criteria(rubric: EffectiveRubric) -> None:
    data = json.loads(score_answer(GOOD, rubric).to_json())
    assert data["score"] == 100 and len(data["criteria"]) == 5
    assert data["criteria"][0]["matches"][0]["keyword"]


def test_followup_earns_back_one_criterion(rubric: EffectiveRubric) -> None:
    first = score_answer("Use k-fold cross validation, tune the learning rate of gradient "
                         "descent and watch for overfitting.", rubric)
    after = apply_followup(first, rubric, "reg", "I would add weight decay.")
    reg = next(c for c in after.criteria if c.id == "reg")
    assert reg.status == "hit" and reg.source == "follow-up"
    assert after.score > first.score and not after.capped
    assert first.criteria[0].status == "missed"  # the original is untouched
    # A follow-up that says nothing new changes nothing.
    same = apply_followup(first, rubric, "reg", "I am not sure.")
    assert same.score == first.score
    # Unknown criterion: a notice, not an exception.
    assert apply_followup(first, rubric, "nope", "x").notices

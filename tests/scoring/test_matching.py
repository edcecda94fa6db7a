"""Matching: normalisation, typos, alternatives, spans, negation, echoes."""

from __future__ import annotations

import pytest

from interview.banks import Criterion, EffectiveRubric
from interview.scoring import score_answer


def status(report, cid):  # type: ignore[no-untyped-def]
    return next(c for c in report.criteria if c.id == cid)


@pytest.mark.parametrize(("answer", "cid"), [
    ("Add regularisation.", "reg"),
    ("The model is overfiting badly.", "overfit"),
    ("We tuned the learning rates carefully.", "lr"),
    ("Train it with gradient-descent.", "gd"),
    ("Use CROSS  VALIDATION here.", "cv"),
    ("Use crossvalidation here.", "cv"),
    ("Ｒｅｇｕｌａｒｉｚａｔｉｏｎ helps.", "reg"),
])
def test_typos_inflections_and_normalisation_match(rubric: EffectiveRubric, answer: str,
                                                   cid: str) -> None:
    assert status(score_answer(answer, rubric), cid).status == "hit"


def test_alternatives_count_toward_one_idea(rubric: EffectiveRubric) -> None:
    r = score_answer("I would add dropout and weight decay.", rubric)
    reg = status(r, "reg")
    assert reg.status == "hit" and reg.earned == 2
    assert {m.keyword for m in reg.matches} == {"dropout", "weight decay"}


def test_spans_point_at_the_original_text(rubric: EffectiveRubric) -> None:
    answer = "Well — I'd use Gradient-Descent, then add REGULARISATION."
    r = score_answer(answer, rubric)
    for cid, text in (("gd", "Gradient-Descent"), ("reg", "REGULARISATION")):
        m = status(r, cid).matches[0]
        assert answer[m.start:m.end] == text == m.text


def test_spans_survive_nfkc_changes(rubric: EffectiveRubric) -> None:
    answer = "ﬁrst, use ｄｒｏｐｏｕｔ."
    m = status(score_answer(answer, rubric), "reg").matches[0]
    assert answer[m.start:m.end] == "ｄｒｏｐｏｕｔ"


@pytest.mark.parametrize("answer", [
    "I would not use cross-validation.",
    "There is no need for cross validation here.",
    "We never did k-fold.",
    "I'd train it without cross-validation.",
    "Cross-validation isn't necessary for this.",
    "I don't think cross validation matters.",
])
def test_negated_concepts_earn_nothing(rubric: EffectiveRubric, answer: str) -> None:
    cv = status(score_answer(answer, rubric), "cv")
    assert cv.status == "missed" and cv.earned == 0
    assert cv.negated and "negated" in cv.explanation


@pytest.mark.parametrize("answer", [
    "Not only regularization but also cross-validation.",
    "No doubt cross-validation is the right call.",
    "I would not just use cross-validation, I would also tune the learning rate.",
    "I would not use a single split; I would use cross-validation.",
    "I wouldn't guess. Instead, cross-validation tells us.",
])
def test_pseudo_negations_and_closed_scopes_do_not_negate(rubric: EffectiveRubric,
                                                          answer: str) -> None:
    assert status(score_answer(answer, rubric), "cv").status == "hit"


def test_negated_red_flag_is_not_penalised(rubric: EffectiveRubric) -> None:
    said = score_answer("I would rely on accuracy alone.", rubric)
    assert said.red_flags and said.red_flags[0].penalty == 15
    assert said.red_flags[0].note == "Accuracy hides class imbalance."
    denied = score_answer("Never rely on accuracy alone.", rubric)
    assert denied.red_flags == []


def test_red_flag_needs_the_whole_phrase(rubric: EffectiveRubric) -> None:
    assert score_answer("Accuracy is one metric I track.", rubric).red_flags == []


def test_prompt_echo_counts_for_little() -> None:
    rub = EffectiveRubric(criteria=[Criterion(id="a", keywords=["bias variance tradeoff"]),
                                    Criterion(id="b", keywords=["model complexity"])])
    prompt = "Explain the bias variance tradeoff."
    echo = score_answer("The bias variance tradeoff is a tradeoff.", rub, prompt=prompt)
    real = score_answer("It is about model complexity.", rub, prompt=prompt)
    assert echo.criteria[0].status == "partial" and echo.criteria[0].earned <= 0.3
    assert echo.score < real.score


def test_phrase_with_negation_needs_its_negation() -> None:
    rub = EffectiveRubric(criteria=[Criterion(id="a", keywords=["not available at prediction time"])])
    assert score_answer("Data that wouldn't be available at prediction time.", rub).score == 100
    assert score_answer("Data that is available at prediction time.", rub).score == 0


def test_partial_credit_for_part_of_a_phrase() -> None:
    rub = EffectiveRubric(criteria=[Criterion(id="a", keywords=["monitor feature drift weekly"])])
    c = score_answer("We monitor feature drift.", rub).criteria[0]
    assert c.status == "partial" and 0 < c.earned < 1


def test_a_wrapped_line_does_not_end_a_negation_scope() -> None:
    from interview.scoring.negation import mark_negation
    from interview.scoring.text import tokenize

    toks = tokenize("we never did a\npostmortem. Later\nWe added alerts")
    mark_negation(toks)
    by_word = {t.norm: t for t in toks}
    assert by_word["postmortem"].neg_cue != -1  # soft wrap: same clause
    assert by_word["added"].clause != by_word["later"].clause  # a new line, capitalised

"""Naming a concept in a list is not explaining it (mentions.py, ``bare_mention_credit``)."""

from __future__ import annotations

from interview.banks import Criterion, EffectiveRubric
from interview.scoring import score_answer
from interview.scoring.params import DEFAULT_PARAMS

RUBRIC = EffectiveRubric(criteria=[
    Criterion(id="dropout", keywords=["dropout"]),
    Criterion(id="decay", keywords=["weight decay"]),
    Criterion(id="early", keywords=["early stopping"]),
])


def _credit(answer: str) -> dict[str, float]:
    return {c.id: c.earned / c.weight for c in score_answer(answer, RUBRIC).criteria}


def test_a_list_of_names_earns_part_of_each_point_and_says_why() -> None:
    rep = score_answer("Regularisation: dropout, weight decay, early stopping, augmentation.",
                       RUBRIC)
    for c in rep.criteria:
        assert c.earned == DEFAULT_PARAMS.bare_mention_credit * c.weight
        assert c.explanation.startswith("Only named:")


def test_the_same_ideas_explained_earn_in_full() -> None:
    answer = ("Dropout zeroes random units during training so the network cannot lean on any "
              "one of them; weight decay pulls the weights towards zero, and I stop training "
              "early when the validation loss stops improving.")
    credit = _credit(answer)
    assert credit["dropout"] == 1.0 and credit["decay"] == 1.0


def test_a_short_statement_is_not_a_bare_name() -> None:
    # A clause with a verb says something about the concept.
    credit = _credit("First, I use dropout. Second, weights decay. Third, I stop early.")
    assert credit["dropout"] == 1.0


def test_code_is_not_a_list_of_names() -> None:
    rub = EffectiveRubric(criteria=[Criterion(id="g", keywords=["groupby"])])
    rep = score_answer('I would do df.groupby("route")["delay"].mean(), then sort and take '
                       "the top ten.", rub)
    assert rep.criteria[0].status == "hit"


def test_a_one_line_answer_is_judged_by_coverage_alone() -> None:
    assert _credit("Dropout.")["dropout"] == 1.0

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


# A criterion with several phrasings: met once by one word, it is mentioned, not developed.
DEPTH = EffectiveRubric(criteria=[
    Criterion(id="dropout", keywords=["dropout", "randomly zero units", "turns off neurons"]),
    Criterion(id="test", keywords=["scaled at test time", "no dropout at inference"]),
])


def test_one_word_said_once_is_mentioned_not_developed() -> None:
    rep = score_answer("I would add dropout to the model. It helps a lot. Then retrain it.",
                       DEPTH)
    c = rep.criteria[0]
    assert c.earned == DEFAULT_PARAMS.single_mention_credit * c.weight
    assert c.explanation.startswith("Mentioned once:")


def test_a_point_developed_in_other_words_earns_in_full() -> None:
    rep = score_answer("I would add dropout: during training it randomly zeroes units, so no "
                       "unit can rely on another. Then I retrain.", DEPTH)
    assert rep.criteria[0].status == "hit"


def test_one_line_and_long_answers_keep_the_mention() -> None:
    # A one-line answer is judged by its coverage alone; a long answer develops it elsewhere.
    assert score_answer("I would add dropout.", DEPTH).criteria[0].status == "hit"
    long = ("I would add dropout to the model. " + "We watch the curves closely. " * 20)
    crit = score_answer(long, DEPTH).criteria[0]
    assert not crit.explanation.startswith("Mentioned once")
    # ...but said once, with no why or how, it is touched, not developed (depth rule).
    assert crit.earned == DEFAULT_PARAMS.depth_single_credit * crit.weight
    assert crit.explanation.startswith("Said once")
    explained = ("I would add dropout to the model, because it stops units co-adapting. "
                 + "We watch the curves closely. " * 20)
    assert score_answer(explained, DEPTH).criteria[0].status == "hit"

"""Stance: red flags fire only on what the candidate asserts (content review §1a)."""

from __future__ import annotations

import pytest

from interview.banks import Criterion, EffectiveRubric, RedFlag
from interview.scoring import score_answer


def _flagged(keyword: str, answer: str) -> bool:
    rub = EffectiveRubric(criteria=[Criterion(id="x", keywords=["zzz placeholder"])],
                          red_flags=[RedFlag(id="f", keywords=[keyword], penalty=10)])
    return bool(score_answer(answer, rub).red_flags)


# Each correct statement from the content review that used to trigger its red flag.
CORRECT = [
    ("accuracy is fine", "Accuracy is fine when classes are balanced, but here it is "
     "meaningless: a dummy classifier that always says no gets 99.5% too."),
    ("accuracy is fine", "Accuracy is fine for balanced data, but with 1% positives I'd use "
     "PR AUC."),
    ("regress demand on historical price", "If you regress demand on historical price you get "
     "a confounded, even positive, slope. So I'd run small randomised price perturbations."),
    ("accuracy of the churn model", "Reporting the accuracy of the churn model would be "
     "misleading since only 3% churn."),
    ("maximise time spent", "If we simply maximise time spent, the ranker rewards outrage and "
     "bait, so I'd aim for meaningful interactions."),
    ("optimise for opens", "Optimising for opens would reward messages to people who would "
     "have opened the app anyway, so I'd model uplift."),
    ("trained with mean squared error", "If it were trained with mean squared error on top of "
     "the sigmoid, the loss would be non-convex."),
    ("f1 is the average of precision and recall", "F1 is the harmonic average of precision "
     "and recall."),
    ("just use accuracy", "The naive approach would just use accuracy, which hides the "
     "minority class."),
    ("just use accuracy", 'People often say "just use accuracy", but that hides the rare '
     "class."),
    ("use accuracy", "I'd use PR AUC instead of accuracy."),
    ("use accuracy", "I'd look at recall rather than use accuracy."),
    ("tune on the test set", "Tuning on the test set is a mistake, so I keep it sealed."),
    ("gap means high bias", "If the gap means high bias to you, the two errors are mixed "
     "up: it is variance."),
]


@pytest.mark.parametrize(("keyword", "answer"), CORRECT)
def test_correct_statements_do_not_trigger_red_flags(keyword: str, answer: str) -> None:
    assert not _flagged(keyword, answer)


ASSERTED = [
    ("accuracy is fine", "Accuracy is fine here, the model is at 99.5%."),
    ("just use accuracy", "I would just use accuracy and ship it."),
    ("optimise for opens", "We should optimise for opens, that is the goal."),
    ("trained with mean squared error", "Logistic regression is trained with mean squared "
     "error."),
    ("oversample before splitting", "I'd oversample before splitting so both sets are "
     "balanced."),
    # A rule stated as if-then: the flagged words run on from the condition into its
    # consequence, so the rule itself is the claim.
    ("much higher that's high bias", "If training error is low but validation error is much "
     "higher, that's high bias."),
]


@pytest.mark.parametrize(("keyword", "answer"), ASSERTED)
def test_asserted_misconceptions_still_fire(keyword: str, answer: str) -> None:
    assert _flagged(keyword, answer)


def test_dismissals_count_as_negation() -> None:
    rub = EffectiveRubric(criteria=[Criterion(id="m", keywords=["monitor drift"])])
    assert score_answer("I wouldn't bother to monitor drift.", rub).score == 0
    assert score_answer("Monitoring drift doesn't matter here.", rub).score == 0
    assert score_answer("I would monitor drift weekly.", rub).score == 100


DROPOUT = EffectiveRubric(criteria=[
    Criterion(id="inference-off", required=True,
              keywords=["switched off at inference", "disabled at test time",
                        "turned off when predicting", "all neurons active"]),
])


@pytest.mark.parametrize("answer", [
    "At inference nothing is dropped.",
    "At inference we don't drop any units.",
    "When serving, every neuron is kept.",
    "At test time dropout is turned off and all units are used.",
    "I would never use dropout at test time.",
])
def test_a_correct_point_with_a_negation_earns_its_credit(answer: str) -> None:
    rep = score_answer(answer, DROPOUT)
    assert rep.criteria[0].status == "hit", rep.criteria[0].explanation


def test_a_negated_point_still_earns_nothing() -> None:
    rep = score_answer("I'm not sure what happens at inference.", DROPOUT)
    assert rep.criteria[0].status == "missed"


# Somebody else's claim, reported to be rejected, or a claim called false (content helpers'
# cases from writing the ML-theory red flags).
REPORTED_OR_DENIED = [
    ("underfitting", "A junior might say the model is underfitting the harder examples, but "
     "99 vs 71 is classic overfitting."),
    ("rows are independent", "The colleague might argue the rows are independent because of "
     "the lags, but they overlap in time."),
    ("30 is the magic number", "Folklore says 30 is the magic number, but it depends on the "
     "skew."),
    ("more features always help", "The idea that more features always help is false."),
    ("dropout at inference", "You might think you keep dropout at inference too, but every "
     "unit is used then."),
    ("more features always help", "That more features always help isn't true here."),
    ("more features always help", "That more features always help is not the case."),
]


@pytest.mark.parametrize(("keyword", "answer"), REPORTED_OR_DENIED)
def test_reported_or_denied_claims_do_not_fire(keyword: str, answer: str) -> None:
    assert not _flagged(keyword, answer)


OWN_CLAIMS = [
    ("underfitting", "I think the model is underfitting the harder examples."),
    ("underfitting", "A junior might doubt it, but the model is underfitting."),
    ("rows are independent", "We assumed the rows are independent and shuffled them."),
    ("more features always help", "More features always help, that is true."),
    ("dropout at inference", "You should keep dropout at inference too."),
]


@pytest.mark.parametrize(("keyword", "answer"), OWN_CLAIMS)
def test_the_candidates_own_claims_still_fire(keyword: str, answer: str) -> None:
    assert _flagged(keyword, answer)

"""Reversed direction (reversal.py): a criterion said the other way round earns nothing, and
the feedback says which words were reversed. Generic: driven by data/antonyms.txt."""

from __future__ import annotations

from interview.banks import Criterion, EffectiveRubric
from interview.scoring import score_answer
from interview.scoring.reversal import reversals

RUBRIC = EffectiveRubric(criteria=[
    Criterion(id="bagging", keywords=["averaging reduces variance", "variance goes down"]),
    Criterion(id="more-data", keywords=["more training data", "collect more examples"]),
    Criterion(id="order", keywords=["split before scaling"]),
])


def _by_id(answer: str) -> dict[str, object]:
    return {c.id: c for c in score_answer(answer, RUBRIC).criteria}


def test_reversed_readings_replace_one_directional_word_at_a_time() -> None:
    texts = [t for t, _, _ in reversals("bias falls as capacity rises")]
    assert "bias rises as capacity rises" in texts
    assert "variance falls as capacity rises" in texts
    assert "variance rises as capacity falls" not in texts  # the true double swap
    assert reversals("overfitting") == []  # nothing else to anchor the opposite


def test_the_criterion_said_the_right_way_round_earns_it() -> None:
    crit = _by_id("Bagging works because averaging many trees reduces variance.")["bagging"]
    assert crit.status == "hit" and not crit.contradicted


def test_the_criterion_said_reversed_is_a_contradiction_with_feedback() -> None:
    crit = _by_id("With bagging, averaging the trees increases variance, so keep it "
                  "shallow.")["bagging"]
    assert crit.earned == 0 and crit.contradicted
    assert "other way round" in crit.explanation
    assert "averaging reduces variance" in crit.explanation


def test_a_reversed_reading_under_negation_agrees_with_the_criterion() -> None:
    crit = _by_id("Averaging does not increase variance at all.")["bagging"]
    assert not crit.contradicted


def test_order_words_are_directional_too() -> None:
    crit = _by_id("I always split after scaling the whole table.")["order"]
    assert crit.contradicted and crit.earned == 0


def test_saying_both_readings_keeps_the_credit() -> None:
    # The right reading is there: the reversed words elsewhere are not the claim.
    crit = _by_id("More training data helps; with less training data the gap widens.")[
        "more-data"]
    assert crit.status == "hit" and not crit.contradicted


def test_a_reversed_reading_said_as_a_condition_is_not_asserted() -> None:
    crit = _by_id("If averaging increases variance, something else is wrong.")["bagging"]
    assert not crit.contradicted

"""Claims with direction: relations stated reversed are contradictions, not credit."""

from __future__ import annotations

import pytest

from interview.banks import Criterion, EffectiveRubric, Relation
from interview.scoring import score_answer

L1_L2 = EffectiveRubric(criteria=[
    Criterion(id="l1-sparse", label="L1 gives exact zeros (sparsity)", weight=2,
              keywords=["l1 gives sparse weights", "lasso sets weights to zero"],
              relations=[Relation(subject=["l1", "lasso"], object=["exact zeros", "sparse"],
                                  swapped=["l2", "ridge"],
                                  note="L1 (lasso) gives exact zeros; L2 only shrinks.")]),
    Criterion(id="l2-small", label="L2 gives small but non-zero weights", weight=2,
              keywords=["l2 shrinks weights"],
              relations=[Relation(subject=["l2", "ridge"], object=["small weights"],
                                  swapped=["l1", "lasso"])]),
])

BOOSTING = EffectiveRubric(criteria=[
    Criterion(id="boost-overfit", label="Boosting can overfit; needs early stopping",
              keywords=["boosting needs early stopping"],
              relations=[Relation(subject=["boosting", "gradient boosting"],
                                  object=["overfit"], penalty=15,
                                  note="Boosting keeps fitting residuals and does overfit.")]),
])

CAPACITY = EffectiveRubric(criteria=[
    Criterion(id="trend", keywords=["bias falls as complexity grows"],
              relations=[Relation(subject=["bias"], object=["capacity", "model complexity"],
                                  direction="inverse")]),
])


def test_l1_l2_right_way_round_earns_both() -> None:
    rep = score_answer("L1 drives weights to exact zeros, so it is sparse and selects "
                       "features. L2 keeps small weights but none are exactly zero.", L1_L2)
    assert [c.status for c in rep.criteria] == ["hit", "hit"]
    assert not rep.red_flags


def test_l1_l2_swapped_is_a_contradiction() -> None:
    rep = score_answer("L2 gives exact zeros, so ridge does feature selection. L1 just "
                       "gives small weights.", L1_L2)
    assert all(c.contradicted and c.earned == 0 for c in rep.criteria)
    assert rep.red_flags and all(f.note.startswith("Contradiction") for f in rep.red_flags)
    assert "reversed" in rep.summary
    assert rep.score == 0


@pytest.mark.parametrize("answer", [
    "Gradient boosting is hard to overfit, so keep adding rounds.",
    "Boosting cannot overfit, so you never need early stopping.",
    "Boosting is immune to overfitting.",
])
def test_boosting_cannot_overfit_is_a_contradiction(answer: str) -> None:
    rep = score_answer(answer, BOOSTING)
    assert rep.criteria[0].contradicted and rep.criteria[0].earned == 0
    assert rep.red_flags[0].penalty == 15


def test_boosting_can_overfit_earns_the_point() -> None:
    rep = score_answer("Boosting can overfit if you keep adding trees, so I use early "
                       "stopping on a validation set.", BOOSTING)
    assert rep.criteria[0].status == "hit" and not rep.red_flags


def test_direction_of_a_trend() -> None:
    good = score_answer("As capacity goes up, bias goes down.", CAPACITY)
    bad = score_answer("Bias increases with model complexity.", CAPACITY)
    assert good.criteria[0].status == "hit"
    assert bad.criteria[0].contradicted


def test_a_reversed_claim_under_a_condition_is_not_a_contradiction() -> None:
    rep = score_answer("If boosting were hard to overfit we could skip early stopping, but "
                       "it does overfit.", BOOSTING)
    assert not rep.criteria[0].contradicted

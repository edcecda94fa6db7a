"""Follow-ups: scored against every missed criterion; the total never drops; the explanation
is the stored arithmetic."""

from __future__ import annotations

import re

from interview.banks import Criterion, EffectiveRubric, RedFlag
from interview.scoring import TestSummary, apply_followup, apply_followup_all, score_answer

RUB = EffectiveRubric(criteria=[
    Criterion(id="scaling", weight=2, required=True, keywords=["feature scaling", "standardize"],
              probe="What preprocessing does k-means need?"),
    Criterion(id="outliers", keywords=["sensitive to outliers"]),
    Criterion(id="k", keywords=["elbow method", "silhouette"]),
    Criterion(id="steps", weight=2, keywords=["assign each point", "recompute the centroids"]),
], red_flags=[RedFlag(id="rf", keywords=["k-means finds any shape"], penalty=10)])


def _last_number(text: str) -> float:
    return float(re.findall(r"-?\d+(?:\.\d+)?", text)[-1])


def test_followup_earns_every_missed_point_not_only_the_probed_one() -> None:
    first = score_answer("Assign each point to the nearest centroid and recompute the "
                         "centroids until nothing changes.", RUB)
    after = apply_followup(first, RUB, "k", "I'd pick k with the elbow method. It is also "
                           "sensitive to outliers, and I would standardize the features.")
    got = {c.id: c for c in after.criteria}
    assert {got[c].source for c in ("k", "outliers", "scaling")} == {"follow-up"}
    assert "(asked about)" in got["k"].explanation
    assert after.score > first.score
    assert after.total_explanation.endswith(f"Score {after.score:.1f}.")


def test_followup_never_lowers_the_score() -> None:
    first = score_answer("Assign each point to the nearest centroid and recompute the "
                         "centroids; I standardize the features first.", RUB)
    after = apply_followup_all(first, RUB, "Honestly k-means finds any shape you like.")
    assert after.red_flags and "Said in the follow-up" in after.red_flags[-1].note
    assert after.score == first.score and after.floor == first.score
    assert _last_number(after.total_explanation) == after.score


def test_coding_followup_recombines_tests_and_matches_the_explanation() -> None:
    rub = EffectiveRubric(criteria=[
        Criterion(id="approach", weight=2, required=True, keywords=["running sum"]),
        Criterion(id="complexity", weight=1.5, keywords=["o(n)"]),
    ])
    first = score_answer("def f(xs, k): ...", rub)
    # As the code runner leaves it: 40% rubric + 60% tests (7/7).
    first.tests = TestSummary(passed=7, total=7)
    first.rubric_score, first.test_score, first.test_weight = first.score, 100.0, 0.6
    first.score = round(0.4 * first.rubric_score + 60.0, 1)
    after = apply_followup_all(first, rub, "I keep a running sum of the window, so it is O(n).")
    assert after.rubric_score is not None and after.rubric_score > first.rubric_score
    assert after.score == round(0.4 * after.rubric_score + 0.6 * 100.0, 1)
    assert after.score >= first.score
    assert _last_number(after.total_explanation) == after.score
    assert any(n.endswith(f"= {after.score:.1f}.") for n in after.notices)


def test_unknown_criterion_is_a_notice() -> None:
    first = score_answer("x", RUB)
    assert apply_followup(first, RUB, "nope", "y").notices

"""combine: the documented weighting of tests and rubric."""

from __future__ import annotations

import pytest

from interview.coderun import DEFAULT_TEST_WEIGHT, combine
from interview.scoring.report import CriterionResult, ScoreReport, TestResult, TestSummary


def report(score: float) -> ScoreReport:
    crit = CriterionResult(id="approach", label="Approach", weight=1, earned=0.5, status="partial",
                           explanation="matched 'hash map'")
    return ScoreReport(score=score, band="pass", criteria=[crit], summary="Rubric summary.",
                       notices=["a rubric notice"])


def summary(passed: int, total: int, **kw: object) -> TestSummary:
    results = [TestResult(index=i + 1, status="passed" if i < passed else "failed")
               for i in range(total)]
    return TestSummary(passed=passed, total=total, results=results, **kw)  # type: ignore[arg-type]


def test_default_weight_is_sixty_percent_tests() -> None:
    assert DEFAULT_TEST_WEIGHT == 0.6
    out = combine(report(50.0), summary(4, 5))
    assert out.score == pytest.approx(0.4 * 50 + 0.6 * 80)  # 68.0
    assert out.band == "pass"
    assert (out.rubric_score, out.test_score, out.test_weight) == (50.0, 80.0, 0.6)
    assert out.notices[-1] == ("Score combines tests and rubric: 40% rubric (50.0) + 60% tests "
                               "(4/5 passed = 80.0) = 68.0.")


def test_rubric_explanation_is_kept_and_the_total_explained() -> None:
    before = report(50.0)
    out = combine(before, summary(1, 2))
    assert out.criteria == before.criteria
    assert out.summary.startswith("50/100")  # the summary states the combined score
    assert out.total_explanation.endswith("Score 50.0.")  # the arithmetic ends at the score
    assert "a rubric notice" in out.notices
    assert before.score == 50.0 and before.tests is None  # the input is not modified
    assert out.tests is not None and out.tests.passed == 1


def test_question_override_and_explicit_weight() -> None:
    assert combine(report(50.0), summary(2, 2, test_weight=0.25)).score == pytest.approx(62.5)
    assert combine(report(50.0), summary(2, 2, test_weight=0.25), 1.0).score == 100.0
    assert combine(report(50.0), summary(0, 2), 0.0).score == 50.0


def test_syntax_error_gives_zero_tests() -> None:
    out = combine(report(90.0), summary(0, 3, outcome="syntax_error"))
    assert out.score == pytest.approx(36.0)
    assert out.band == "weak"
    assert out.test_score == 0.0


def test_no_tests_leaves_the_rubric_score() -> None:
    out = combine(report(70.0), TestSummary(passed=0, total=0, outcome="no_tests"))
    assert out.score == 70.0
    assert out.test_weight is None


def test_combining_twice_does_not_compound() -> None:
    once = combine(report(50.0), summary(1, 2))
    twice = combine(once, summary(2, 2))
    assert twice.rubric_score == 50.0
    assert twice.score == pytest.approx(0.4 * 50 + 60)
    assert sum(n.startswith("Score combines") for n in twice.notices) == 1


def test_visible_only_runs_say_so() -> None:
    out = combine(report(50.0), summary(1, 1, include_hidden=False))
    assert "(1/1 passed (visible tests only) = 100.0)" in out.notices[-1]

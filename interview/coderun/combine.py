"""combine: the rubric's score and the share of tests passed, into one ScoreReport.

    score = (1 - w) * rubric_score + w * test_score,   test_score = 100 * passed / total

``w`` is the tests' share: the ``weight`` argument, else the question's ``test_weight``
(carried on the TestSummary), else DEFAULT_TEST_WEIGHT (0.6). The rubric's explanation
(criteria, matches, red flags, caps) is kept as it was; the breakdown is recorded in
``rubric_score``, ``test_score``, ``test_weight`` and a notice.
"""

from __future__ import annotations

from ..scoring.report import ScoreReport, TestSummary, band_for
from ..scoring.totals import COMBINE_NOTICE, combine_tests

DEFAULT_TEST_WEIGHT = 0.6


def weight_of_tests(tests: TestSummary, weight: float | None = None) -> float:
    w = weight if weight is not None else tests.test_weight
    if w is None:
        w = DEFAULT_TEST_WEIGHT
    return min(1.0, max(0.0, float(w)))




def combine(report: ScoreReport, tests: TestSummary, weight: float | None = None) -> ScoreReport:
    """A new report whose score mixes the rubric's score with the tests passed.

    With no tests to count (``tests.total == 0``) the score stays the rubric's; the summary is
    still attached. Combining again replaces the earlier test share rather than compounding.
    """
    out = report.model_copy(deep=True)
    rubric = report.rubric_score if report.rubric_score is not None else report.score
    out.tests = tests.model_copy(deep=True)
    out.notices = [n for n in out.notices if not n.startswith(_NOTICE_PREFIX)]
    if tests.total <= 0:
        out.rubric_score = None
        out.test_score = None
        out.test_weight = None
        out.score = rubric
        out.band = band_for(rubric)
        return out
    w = weight_of_tests(tests, weight)
    out.score = rubric
    out.test_score = round(100.0 * tests.passed / tests.total, 1)
    out.test_weight = w
    # The arithmetic, its notice and the report's total explanation live in one place.
    return combine_tests(out)


_NOTICE_PREFIX = COMBINE_NOTICE

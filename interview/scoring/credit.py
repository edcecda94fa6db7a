"""Crediting criteria after the fact (an accepted dispute): the same totals arithmetic as the
scorer (``totals.finalize``, then the test share for coding answers), on the stored report."""

from __future__ import annotations

from collections.abc import Collection

from .params import DEFAULT_PARAMS, ScoringParams
from .report import ScoreReport
from .totals import combine_tests, finalize


def with_criteria_met(report: ScoreReport, criterion_ids: Collection[str],
                      params: ScoringParams = DEFAULT_PARAMS) -> ScoreReport:
    """A copy of ``report`` in which each criterion of ``criterion_ids`` earned its full
    weight, totalled again exactly as the scorer totals (hint penalty, red flags, form factor
    and a coding answer's test share included). Never lower than the original score."""
    new = report.model_copy(deep=True)
    for c in new.criteria:
        if c.id in criterion_ids:
            c.earned = c.weight
            c.status = "hit"
    rubric_only = new.rubric_score is not None and new.test_weight is not None
    finalize(new, params)
    if rubric_only:
        combine_tests(new)
    if new.score < report.score:  # a follow-up floor, say: crediting never lowers the score
        new.score = report.score
        new.band = report.band
    return new


def score_with_criteria_met(report: ScoreReport, criterion_ids: Collection[str],
                            params: ScoringParams = DEFAULT_PARAMS) -> float:
    """The score ``report`` would have with ``criterion_ids`` met (see ``with_criteria_met``)."""
    return with_criteria_met(report, criterion_ids, params).score

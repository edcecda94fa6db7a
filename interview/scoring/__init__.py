"""Scoring: answer + rubric -> ScoreReport. Pure and deterministic; no UI, no database.

Public API (see docs/scoring.md):

- :func:`score_answer` scores an answer against an :class:`EffectiveRubric`;
- :func:`apply_followup_all` lets a follow-up answer earn back any missed criterion (never
  lowering the score); :func:`apply_followup` does the same for the probe of one criterion;
- :func:`derive_rubric` builds a rubric from a model answer (``source="auto"``);
- :func:`rubric_for` gives a question's merged rubric, or its auto-rubric;
- :func:`score_question` scores an answer to a question with :func:`rubric_for`;
- :func:`combine_tests` re-applies a coding report's test share to its rubric score and
  writes the arithmetic into ``total_explanation`` and the notice.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .autorubric import derive_rubric
    from .followup import apply_followup, apply_followup_all
    from .params import DEFAULT_PARAMS, ScoringParams
    from .report import (
        BAND_THRESHOLDS,
        PASS_THRESHOLD,
        CriterionResult,
        DeliveryStats,
        Match,
        MissedCriterion,
        RedFlagHit,
        ScoreReport,
        TestResult,
        TestSummary,
        band_for,
    )
    from .rubric import rubric_for, score_question
    from .scorer import score_answer
    from .totals import combine_tests

# Imported on first use: grading one answer needs neither the auto-rubric builder (and its
# lexicon) nor the follow-up rules.
__getattr__ = lazy_exports(__name__, globals(), {
    ".autorubric": ("derive_rubric",),
    ".followup": ("apply_followup", "apply_followup_all"),
    ".params": ("DEFAULT_PARAMS", "ScoringParams"),
    ".report": ("BAND_THRESHOLDS", "PASS_THRESHOLD", "CriterionResult", "DeliveryStats", "Match",
                "MissedCriterion", "RedFlagHit", "ScoreReport", "TestResult", "TestSummary",
                "band_for"),
    ".rubric": ("rubric_for", "score_question"),
    ".scorer": ("score_answer",),
    ".totals": ("combine_tests",),
})

__all__ = [
    "BAND_THRESHOLDS",
    "DEFAULT_PARAMS",
    "PASS_THRESHOLD",
    "CriterionResult",
    "DeliveryStats",
    "Match",
    "MissedCriterion",
    "RedFlagHit",
    "ScoreReport",
    "ScoringParams",
    "TestResult",
    "TestSummary",
    "apply_followup",
    "apply_followup_all",
    "band_for",
    "combine_tests",
    "derive_rubric",
    "rubric_for",
    "score_answer",
    "score_question",
]

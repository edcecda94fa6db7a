"""The score report: a typed, JSON-serialisable explanation of every point given or withheld.

This module is the contract between scoring and everything that shows or stores a score
(engine, store, CLI, TUI). Add fields freely; do not rename or remove these.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..domain.bands import BAND_THRESHOLDS, PASS_THRESHOLD, Band, band_for
from ..domain.tests import TestResult, TestSummary

__all__ = [
    "BAND_THRESHOLDS", "PASS_THRESHOLD", "Band", "CriterionResult", "CriterionStatus",
    "DeliveryStats", "Match", "MissedCriterion", "RedFlagHit", "ScoreReport", "TestResult",
    "TestSummary", "band_for",
]

CriterionStatus = Literal["hit", "partial", "missed"]


class Match(BaseModel):
    """One stretch of the answer that matched an expected phrase."""

    keyword: str = Field(description="The expected phrase from the rubric that matched.")
    text: str = Field(description="The text of the answer that matched it.")
    start: int = Field(description="Character offset in the original answer (inclusive).")
    end: int = Field(description="Character offset in the original answer (exclusive).")
    similarity: float = Field(description="0-100 similarity between the phrase and the text.")
    negated: bool = False
    reason: str = Field("", description=(
        "Why it counted: same word, same lemma, typo, synonym (WordNet), domain term, or a "
        "structural reading (first-person action, measured outcome...)."))
    via: str = Field("", description="The domain-table wording that matched, when not the "
                                     "keyword itself ('held-out loss' for 'validation error').")


class CriterionResult(BaseModel):
    id: str
    label: str
    weight: float
    earned: float = Field(description="Points earned, out of `weight`.")
    status: CriterionStatus
    required: bool = False
    matches: list[Match] = Field(default_factory=list)
    negated: list[Match] = Field(
        default_factory=list, description="Matches that earned nothing: inside a negated clause."
    )
    probe: str | None = None
    explanation: str = ""
    source: Literal["answer", "follow-up"] = "answer"
    contradicted: bool = Field(
        False, description=("The answer states this point reversed: a relation said the wrong "
                            "way round ('L2 gives exact zeros'), or for auto-rubrics a negative "
                            "reference phrase ('not connected') said plainly."))
    kind: str = Field("concept", description="The criterion's kind (concept, situation, task, "
                                             "action, result, reflection, approach).")


class RedFlagHit(BaseModel):
    id: str | None = None
    keyword: str
    text: str
    start: int
    end: int
    penalty: float
    note: str = ""


class MissedCriterion(BaseModel):
    id: str
    label: str
    weight: float
    required: bool = False
    probe: str | None = None


class DeliveryStats(BaseModel):
    word_count: int = 0
    sentence_count: int = 0
    filler_count: int = 0
    fillers: dict[str, int] = Field(default_factory=dict)
    top_words: list[tuple[str, int]] = Field(
        default_factory=list, description="Most repeated content words, with counts."
    )


class ScoreReport(BaseModel):
    score: float = Field(description="Total on the 0-100 scale, after penalties and caps.")
    band: Band
    criteria: list[CriterionResult] = Field(default_factory=list)
    missed: list[MissedCriterion] = Field(default_factory=list)
    red_flags: list[RedFlagHit] = Field(default_factory=list)
    delivery: DeliveryStats = Field(default_factory=DeliveryStats)
    summary: str = ""
    notices: list[str] = Field(default_factory=list)
    rubric_source: Literal["inline", "extends", "auto"] = "inline"
    raw_score: float = Field(0.0, description="Score before caps and penalties.")
    hint_penalty: float = 0.0
    capped: bool = Field(False, description=(
        "Kept for compatibility; always False. A missed required criterion now costs in "
        "proportion to its weight instead of capping the total."))
    tests: TestSummary | None = None
    form_factor: float = Field(
        1.0, description="Multiplier for answers that are a bare keyword list (1.0 = none)."
    )
    red_flag_penalty: float = Field(0.0, description="Points subtracted for red flags.")
    relevance: float | None = Field(
        None, description=("Auto-rubrics only: share (0-1) of the answer's content words that "
                           "belong to the reference answer; blended into `raw_score`."))
    length_factor: float = Field(
        1.0, description=("Auto-rubrics only: multiplier (0.6-1) for answers much shorter than "
                          "the reference's key words (1.0 = none)."))
    coverage: float | None = Field(
        None, description="0-100 share of the criteria's weight earned (required criteria "
                          "counting extra), before it is mapped to the score.")
    total_explanation: str = Field("", description=(
        "The arithmetic of `score`, step by step; its last number is `score` exactly."))
    floor: float | None = Field(None, description=(
        "After a follow-up: the earlier score the total was kept at (a follow-up never "
        "lowers the score), else None."))
    # Added by interview.coderun.combine for coding questions with tests:
    rubric_score: float | None = Field(
        None, description="The rubric's score before tests were combined in.")
    test_score: float | None = Field(None, description="0-100: share of tests passed.")
    test_weight: float | None = Field(None, description="Share of `score` that came from tests.")

    def to_json(self, **kwargs: object) -> str:
        return self.model_dump_json(**kwargs)  # type: ignore[arg-type]

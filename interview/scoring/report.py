"""The score report: a typed, JSON-serialisable explanation of every point given or withheld.

This module is the contract between scoring and everything that shows or stores a score
(engine, store, CLI, TUI). Add fields freely; do not rename or remove these.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Self, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field

from ..domain.bands import BAND_THRESHOLDS, PASS_THRESHOLD, Band, band_for
from ..domain.tests import TestResult, TestSummary
from ..domain.unvalidated import instance, plain_layout

__all__ = [
    "BAND_THRESHOLDS", "PASS_THRESHOLD", "Band", "CriterionResult", "CriterionStatus",
    "DeliveryStats", "Match", "MissedCriterion", "RedFlagHit", "ScoreReport", "TestResult",
    "TestSummary", "band_for",
]

CriterionStatus = Literal["hit", "partial", "missed"]


class ReportModel(BaseModel):
    """A part of the score report. Its validator is built on first use (``defer_build``):
    the scorer makes these with ``made``, so grading one answer builds no validator at all
    (building the report's took a sixth of a ``score`` command); reading a stored report
    (``model_validate``) or dumping one builds it then."""

    model_config = ConfigDict(defer_build=True)

    @classmethod
    def made(cls, **values: Any) -> Self:
        """``cls(**values)`` without validating: the values validation would keep (an int in
        a float field as a float, a fresh list or dict), for the values our scorer passes.
        tests/scoring/test_report_made.py checks that the reports of shipped examples equal
        those built with validation, repr and set fields included. A report has some 30
        parts, so this does its work in one call, from a plan worked out once per model."""
        floats, copies, template, factories = _plan(cls)
        for name in floats:
            if type(values.get(name)) is int:
                values[name] = float(values[name])
        for name, fix in copies:
            value = values.get(name)
            if value is not None:
                values[name] = fix(value)
        fields = template.copy()
        fields.update(values)  # the declared order stays
        if len(fields) != len(template):
            raise TypeError(f"{cls.__name__}: unknown fields {set(fields) - set(template)}")
        for name, factory in factories:
            if name not in values:
                fields[name] = factory()
        made: Self = instance(cls, fields, set(values))
        return made


_UNSET = object()  # in a plan's template: a field that has no constant default


def _copy_for(annotation: Any) -> Callable[[Any], Any] | None:
    """What validation does to a list or dict we pass for a field of this type: a copy."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list:
        if args and get_origin(args[0]) is tuple:
            return lambda v: [tuple(item) for item in v]
        return list
    if origin is dict:
        return dict
    return None


def _is_float(annotation: Any) -> bool:
    """A float field (or optional float): validation turns an int passed for it to a float."""
    origin, args = get_origin(annotation), get_args(annotation)
    return annotation is float or (
        origin in (types.UnionType, typing.Union) and float in args)


Plan = tuple[tuple[str, ...], tuple[tuple[str, Callable[[Any], Any]], ...], dict[str, Any],
             tuple[tuple[str, Callable[[], Any]], ...]]


@functools.cache
def _plan(model: type[ReportModel]) -> Plan:
    """How ``model.made`` builds an instance, as ``model_construct`` does, worked out once
    (model_construct inspects each default factory's signature on every call, which cost more
    than validating): the float fields, the list and dict fields (copied), every field in
    declared order with its constant default (else _UNSET), and the default factories.
    Like model_construct, ``made`` does not check that the required fields were passed: every
    call names them, and tests/scoring/test_report_made.py compares each kind of part with
    the one validation builds."""
    floats: list[str] = []
    copies: list[tuple[str, Callable[[Any], Any]]] = []
    template: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, info in model.model_fields.items():
        if _is_float(info.annotation):
            floats.append(name)
        copy = _copy_for(info.annotation)
        if copy is not None:
            copies.append((name, copy))
        template[name] = _UNSET
        factory = info.default_factory
        if info.is_required():
            continue
        if isinstance(factory, type) and issubclass(factory, ReportModel):
            factories.append((name, factory.made))
        elif factory in (list, dict):
            factories.append((name, factory))
        elif factory is None and isinstance(info.default, str | int | float | bool | None):
            template[name] = info.default
        else:
            raise TypeError(f"{model.__name__}.{name}: a default made cannot copy")
    assert plain_layout(), "another pydantic layout: see model_construct"
    return tuple(floats), tuple(copies), template, tuple(factories)


class Match(ReportModel):
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


class CriterionResult(ReportModel):
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


class RedFlagHit(ReportModel):
    id: str | None = None
    keyword: str
    text: str
    start: int
    end: int
    penalty: float
    note: str = ""


class MissedCriterion(ReportModel):
    id: str
    label: str
    weight: float
    required: bool = False
    probe: str | None = None


class DeliveryStats(ReportModel):
    word_count: int = 0
    sentence_count: int = 0
    filler_count: int = 0
    fillers: dict[str, int] = Field(default_factory=dict)
    top_words: list[tuple[str, int]] = Field(
        default_factory=list, description="Most repeated content words, with counts."
    )


class ScoreReport(ReportModel):
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

"""The scorer builds its report without validating it (``ReportModel.made``); what it builds
must be what validation would have built from the same values."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from interview.banks import load_catalog
from interview.paths import shipped_dir
from interview.scoring import rubric_for, score_answer
from interview.scoring.report import (
    CriterionResult,
    DeliveryStats,
    Match,
    MissedCriterion,
    RedFlagHit,
    ReportModel,
    ScoreReport,
)


def set_fields(model: BaseModel) -> Any:
    """The model's set fields, nested models' included, as comparable values."""
    out: dict[str, Any] = {}
    for name in sorted(model.model_fields_set):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            value = set_fields(value)
        elif isinstance(value, list):
            value = [set_fields(v) if isinstance(v, BaseModel) else v for v in value]
        out[name] = value
    return out


def validating(cls: type[ReportModel], **values: Any) -> ReportModel:
    return cls(**values)


def assert_same(made: ScoreReport, validated: ScoreReport) -> None:
    assert repr(made) == repr(validated)  # repr tells 5 from 5.0 and a tuple from a list
    assert set_fields(made) == set_fields(validated)
    assert made.model_dump_json() == validated.model_dump_json()


def test_made_keeps_what_validation_keeps() -> None:
    values: dict[str, Any] = dict(keyword="k", text="t", start=1, end=2, similarity=100)
    made, validated = Match.made(**values), Match(**values)
    assert repr(made) == repr(validated) and made.model_fields_set == validated.model_fields_set
    top = [("loss", 2)]
    stats = DeliveryStats.made(word_count=3, fillers={"um": 1}, top_words=top)
    assert repr(stats) == repr(DeliveryStats(word_count=3, fillers={"um": 1}, top_words=top))
    assert stats.top_words is not top  # a fresh list, as validation gives
    flag = RedFlagHit.made(keyword="k", text="t", start=0, end=1, penalty=10)
    assert type(flag.penalty) is float
    missed = MissedCriterion.made(id="a", label="A", weight=2)
    assert repr(missed) == repr(MissedCriterion(id="a", label="A", weight=2))
    crit = CriterionResult.made(id="a", label="A", weight=1, earned=0, status="missed")
    assert repr(crit) == repr(CriterionResult(id="a", label="A", weight=1, earned=0,
                                              status="missed"))


def test_scored_reports_are_those_validation_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fifth shipped question's examples (each round; red flags, negations, missed
    points and delivery figures among them), scored as they are and with every part of the
    report validated as it is made."""
    cat = load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")])
    refs = [cat.questions[qid] for qid in sorted(cat.questions)][::5]
    seen = {"reports": 0, "red_flags": 0, "missed": 0, "negated": 0, "top_words": 0}
    for ref in refs:
        rubric = rubric_for(ref.question, cat)
        for ex in ref.question.examples[:6]:
            report = score_answer(ex.answer, rubric, prompt=ref.question.prompt)
            with monkeypatch.context() as m:
                m.setattr(ReportModel, "made", classmethod(validating))
                validated = score_answer(ex.answer, rubric, prompt=ref.question.prompt)
            assert_same(report, validated)
            seen["reports"] += 1
            seen["red_flags"] += bool(report.red_flags)
            seen["missed"] += bool(report.missed)
            seen["negated"] += any(c.negated for c in report.criteria)
            seen["top_words"] += bool(report.delivery.top_words)
    assert seen["reports"] > 150
    assert all(n > 0 for n in seen.values()), seen

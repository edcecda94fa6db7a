"""ScoringParams: every field has a reason, and docs/scoring.md shows the current values."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from interview.scoring import DEFAULT_PARAMS, ScoringParams, score_answer
from interview.scoring.params import with_params_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"


def test_every_parameter_has_a_reason() -> None:
    for f in dataclasses.fields(ScoringParams):
        assert len(f.metadata.get("why", "")) > 20, f.name


def test_docs_show_the_current_parameters() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert text == with_params_table(text), (
        "docs/scoring.md is stale: regenerate its parameter table with "
        "interview.scoring.params.with_params_table")


def test_params_are_frozen_and_passed_explicitly(rubric) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_PARAMS.saturation = 1.0  # type: ignore[misc]
    answer = "I'd use dropout and k-fold cross validation."
    strict = dataclasses.replace(DEFAULT_PARAMS, saturation=1.0)
    assert score_answer(answer, rubric, params=strict).score < score_answer(answer, rubric).score

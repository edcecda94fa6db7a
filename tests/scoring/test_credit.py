"""Crediting a disputed criterion uses the scorer's own totals arithmetic."""

from __future__ import annotations

from interview.scoring.credit import score_with_criteria_met, with_criteria_met
from interview.scoring.report import CriterionResult, ScoreReport
from interview.scoring.totals import finalize


def _report(hint: float = 0.0) -> ScoreReport:
    report = ScoreReport(score=0.0, band="missing", hint_penalty=hint, criteria=[
        CriterionResult(id="a", label="point a", weight=2.0, earned=2.0, status="hit"),
        CriterionResult(id="b", label="point b", weight=2.0, earned=0.0, status="missed",
                        required=True),
        CriterionResult(id="c", label="point c", weight=1.0, earned=0.5, status="partial"),
    ])
    return finalize(report)


def test_a_credited_criterion_is_totalled_like_the_scorer_does() -> None:
    original = _report()
    new = with_criteria_met(original, {"b"})
    # by hand: weights 2, 2*1.5, 1 = 6; earned 2 + 3 + 0.5 = 5.5; 5.5/6 / 0.95 -> 96.5
    assert new.score == 96.5
    assert new.score > original.score
    assert [c.status for c in new.criteria] == ["hit", "hit", "partial"]
    assert "b" not in {m.id for m in new.missed}
    assert original.criteria[1].status == "missed"  # the stored report is untouched


def test_the_hint_penalty_still_applies_and_all_met_is_full_marks() -> None:
    assert score_with_criteria_met(_report(hint=5.0), {"b", "c"}) == 95.0
    assert score_with_criteria_met(_report(), {"b", "c"}) == 100.0


def test_unknown_ids_change_nothing() -> None:
    original = _report()
    assert score_with_criteria_met(original, {"zzz"}) == original.score

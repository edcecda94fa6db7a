"""A fixed, simple scorer for flow tests (engine, service, CLI sessions, TUI), so that retuning
the real scorer moves only the scoring tests.

A criterion is hit when the answer contains (case-insensitively) one of the criterion's
keywords word for word; otherwise missed. Score = 100 x weight hit / total
weight, minus the hint penalty. A follow-up answer can hit any missed criterion. No code is
run: a coding question is graded on its rubric only.
"""

from __future__ import annotations

from interview.engine import PlannedQuestion
from interview.scoring.report import CriterionResult, ScoreReport, band_for


def _hit(c: object, text: str) -> bool:
    keywords = list(getattr(c, "keywords", []) or []) or [str(getattr(c, "id", ""))]
    return any(k.replace("-", " ").lower() in text for k in keywords)


def _finish(report: ScoreReport) -> ScoreReport:
    total = sum(c.weight for c in report.criteria) or 1.0
    raw = 100.0 * sum(c.earned for c in report.criteria) / total
    score = round(max(0.0, raw - report.hint_penalty), 1)
    return report.model_copy(update={"raw_score": raw, "score": score,
                                     "band": band_for(score)})


class FakeScorer:
    """Implements ``interview.engine.Scorer``."""

    def score(self, question: PlannedQuestion, answer: str, *,
              hint_penalty: float) -> ScoreReport:
        text = answer.lower()
        criteria = []
        for c in question.rubric.criteria:
            hit = _hit(c, text)
            criteria.append(CriterionResult(
                id=c.id, label=c.display_label, weight=c.weight,
                earned=c.weight if hit else 0.0, status="hit" if hit else "missed",
                required=c.required, probe=c.probe,
                explanation="fake: found" if hit else "fake: not found"))
        report = ScoreReport(score=0.0, band="missing", criteria=criteria,
                             hint_penalty=hint_penalty, summary="fake scorer")
        return _finish(report)

    def followup(self, question: PlannedQuestion, report: ScoreReport, answer: str, *,
                 criterion_id: str, prompt: str) -> ScoreReport:
        text = answer.lower()
        rubric = {c.id: c for c in question.rubric.criteria}
        criteria = [
            c.model_copy(update={"earned": c.weight, "status": "hit", "source": "follow-up",
                                 "explanation": "fake: found in the follow-up"})
            if c.status != "hit" and c.id in rubric and _hit(rubric[c.id], text) else c
            for c in report.criteria]
        return _finish(report.model_copy(update={"criteria": criteria}))

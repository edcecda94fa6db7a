"""How the engine scores: a small protocol over interview.scoring (and the code runner)."""

from __future__ import annotations

from typing import Protocol

from ..banks.models import EffectiveRubric, Question
from ..scoring.report import ScoreReport


class Scorer(Protocol):
    def score(self, question: Question, rubric: EffectiveRubric, answer: str, *,
              hint_penalty: float) -> ScoreReport: ...

    def followup(self, report: ScoreReport, question: Question, rubric: EffectiveRubric,
                 criterion_id: str, answer: str, *, prompt: str) -> ScoreReport: ...


class RubricScorer:
    """The real scorer: interview.scoring, plus code tests for questions that have them.

    Code tests run through interview.coderun when that module is present; a missing runner
    or a runner failure leaves the rubric score and adds a notice to the report.
    """

    def score(self, question: Question, rubric: EffectiveRubric, answer: str, *,
              hint_penalty: float) -> ScoreReport:
        from ..coderun.extract import explanation_of
        from ..scoring import score_answer

        text = explanation_of(question.language, answer)  # SQL: the query is tested, not scored
        report = score_answer(text, rubric, prompt=question.prompt, hint_penalty=hint_penalty)
        if question.tests:
            report = _with_tests(report, question, answer)
        return report

    def followup(self, report: ScoreReport, question: Question, rubric: EffectiveRubric,
                 criterion_id: str, answer: str, *, prompt: str) -> ScoreReport:
        from ..scoring import apply_followup

        return apply_followup(report, rubric, criterion_id, answer, prompt=prompt)


def _with_tests(report: ScoreReport, question: Question, code: str) -> ScoreReport:
    try:
        from ..coderun import combine, run_tests
    except ImportError:
        return report.model_copy(update={
            "notices": [*report.notices, "code tests were not run: no code runner available"]})
    try:
        summary = run_tests(code, question)
        return combine(report, summary, question.test_weight)
    except Exception as exc:  # the runner failing must not lose the answer
        return report.model_copy(update={
            "notices": [*report.notices, f"code tests could not run: {exc}"]})

"""The one grading path: rubric scoring plus code tests, on a question as the session asks it.

Everything that scores an answer comes here: the engine (this is its ``Scorer``), CLI
``score`` and ``bank test``, the rubric lab, and the TUI's "run tests" (through
``SessionHandle.run_visible_tests``). It always works on a ``PlannedQuestion``: a session's
frozen snapshot, or ``Grader.plan`` of a catalog question for the library commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..banks import Catalog, EffectiveRubric
    from ..domain.tests import TestSummary
    from ..engine.setup import PlannedQuestion
    from ..scoring.report import ScoreReport

TestScope = Literal["none", "visible", "all"]
"""Which code tests run: none (rubric only), the visible ones (before submitting), all."""


class Grader:
    """Scores answers. Stateless and thread-safe; one per service."""

    # -- the engine's Scorer protocol ------------------------------------------------------
    def score(self, question: PlannedQuestion, answer: str, *,
              hint_penalty: float) -> ScoreReport:
        return self.grade(question, answer, tests="all", hint_penalty=hint_penalty)

    def followup(self, question: PlannedQuestion, report: ScoreReport, answer: str, *,
                 criterion_id: str, prompt: str) -> ScoreReport:
        return followup_report(question, report, answer, criterion_id=criterion_id,
                               prompt=prompt)

    # -- grading ---------------------------------------------------------------------------
    def grade(self, question: PlannedQuestion, answer: str, *, tests: TestScope = "all",
              hint_penalty: float = 0.0) -> ScoreReport:
        """The rubric's report; for a question with code tests (unless ``tests`` is
        ``none``), the tests run on ``answer`` and their share is combined into the score."""
        from ..coderun.extract import explanation_of
        from ..scoring import score_answer

        q = question.question
        report = score_answer(explanation_of(q.language, answer), question.rubric,
                              prompt=q.prompt, hint_penalty=hint_penalty)
        if tests != "none" and q.runs_tests:
            from ..coderun import combine

            summary = self.run_tests(question, answer, include_hidden=tests == "all")
            report = combine(report, summary, q.test_weight)
        return report

    def grade_written(self, question: PlannedQuestion, answer: str, *,
                      run_tests: bool = True) -> ScoreReport:
        """A written answer (an example, a graded answer) graded as an interview would: a
        coding answer that contains code also runs every test; prose explains without code
        and is graded on the rubric."""
        from ..coderun.extract import has_code

        q = question.question
        code = run_tests and q.runs_tests and has_code(q.language, answer)
        return self.grade(question, answer, tests="all" if code else "none")

    def run_tests(self, question: PlannedQuestion, code: str, *,
                  include_hidden: bool) -> TestSummary:
        """The question's code tests on ``code`` (blocking: call it from a worker)."""
        from ..coderun import run_tests

        return run_tests(code, question.question, include_hidden=include_hidden)

    @staticmethod
    def plan(catalog: Catalog, question_id: str) -> PlannedQuestion:
        """A catalog question as a session would ask it (KeyError when unknown)."""
        from ..engine.setup import plan

        return plan(catalog, [catalog.question(question_id)])[0]


def credit_followup(report: ScoreReport, rubric: EffectiveRubric, answer: str, *,
                    probed: str, prompt: str) -> ScoreReport:
    """A follow-up answer may earn back ANY criterion not fully hit, not only the probed one.

    The one place this rule lives (``scoring.apply_followup_all``): credit per criterion
    never goes down, and the total never drops below the earlier score.
    """
    from ..scoring.followup import apply_followup_all

    return apply_followup_all(report, rubric, answer, prompt=prompt, probed=probed)


def followup_report(question: PlannedQuestion, report: ScoreReport, answer: str, *,
                    criterion_id: str, prompt: str) -> ScoreReport:
    """The report after a follow-up answer. For a coding question, the rubric part is
    re-credited and the same test results combined again, so tests still count and the
    combined score shown is the score stored."""
    from ..coderun import combine

    tests, weight = report.tests, report.test_weight
    rubric_only = report
    if tests is not None:
        rubric_only = report.model_copy(update={
            "tests": None, "rubric_score": None, "test_score": None, "test_weight": None,
            "score": report.rubric_score if report.rubric_score is not None else report.score})
    out = credit_followup(rubric_only, question.rubric, answer, probed=criterion_id,
                          prompt=prompt)
    if tests is not None:
        out = combine(out, tests, weight)
    return out

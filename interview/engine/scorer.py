"""How the engine scores: a protocol. The real implementation is the service's ``Grader``
(rubric plus code tests on the session's own question snapshot); tests inject a fake."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..scoring.report import ScoreReport
    from .setup import PlannedQuestion


class Scorer(Protocol):
    def score(self, question: PlannedQuestion, answer: str, *,
              hint_penalty: float) -> ScoreReport:
        """Score a main answer (for coding questions: rubric and every test)."""
        ...

    def followup(self, question: PlannedQuestion, report: ScoreReport, answer: str, *,
                 criterion_id: str, prompt: str) -> ScoreReport:
        """The report after a follow-up answer: it may earn back any missed criterion, and
        the score never goes down."""
        ...

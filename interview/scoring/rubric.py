"""The rubric a question is scored with: its merged rubric, or one derived from its model answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..banks import EffectiveRubric, Question, merge_rubric

if TYPE_CHECKING:
    from ..banks import Catalog
    from .report import ScoreReport


def rubric_for(question: Question, catalog: Catalog | None = None) -> EffectiveRubric:
    """The question's merged rubric (inline and/or extends), else its auto-rubric."""
    merged = catalog.effective_rubric(question) if catalog is not None else merge_rubric(question, {})
    if merged is not None:
        return merged
    from .autorubric import derive_rubric

    return derive_rubric(question.model_answer or "", prompt=question.prompt)


def score_question(question: Question, answer: str, catalog: Catalog | None = None, *,
                   hint_penalty: float = 0.0) -> ScoreReport:
    """Score ``answer`` to ``question`` with :func:`rubric_for`, discounting prompt echoes."""
    from .scorer import score_answer

    return score_answer(answer, rubric_for(question, catalog), prompt=question.prompt,
                        hint_penalty=hint_penalty)

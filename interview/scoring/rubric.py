"""The rubric a question is scored with: its merged rubric, or one derived from its model answer."""

from __future__ import annotations

from ..banks import Catalog, EffectiveRubric, Question, merge_rubric


def rubric_for(question: Question, catalog: Catalog | None = None) -> EffectiveRubric:
    merged = catalog.effective_rubric(question) if catalog is not None else merge_rubric(question, {})
    if merged is not None:
        return merged
    from .autorubric import derive_rubric

    return derive_rubric(question.model_answer or "", prompt=question.prompt)

"""Placeholder auto-rubric (replaced by the scoring work): one criterion per sentence."""

from __future__ import annotations

import re

from ..banks import Criterion, EffectiveRubric


def derive_rubric(model_answer: str, prompt: str = "") -> EffectiveRubric:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", model_answer) if s.strip()]
    criteria = [
        Criterion(id=f"point-{i + 1}", label=s[:60], weight=1.0, keywords=[s[:200]])
        for i, s in enumerate(sentences or [model_answer or "answer"])
    ]
    return EffectiveRubric(criteria=criteria, source="auto")

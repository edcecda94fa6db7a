"""Scoring against an auto-rubric (a rubric derived from a model answer): how relevant the
answer is to the reference, how short it is next to it, and whether it says a negative key
phrase plainly (a contradiction). scorer.py uses these when ``rubric.source == "auto"``."""

from __future__ import annotations

from .matcher import AnswerIndex, CompiledRubric, Phrase
from .text import Token

_RESTRICTIVE = frozenset({"only", "just", "solely", "exclusively", "must", "should", "need",
                          "needs", "if", "unless", "when", "whether"})


def contradicts(index: AnswerIndex, phrase: Phrase) -> bool:
    """Auto-rubrics: a negative phrase ("not connected") said plainly: all its other words in
    one clause, none of them negated, and the phrase's negated form nowhere in the answer."""
    if not phrase.negative:
        return False
    clauses: set[int] | None = None
    found = False
    for wi, word in enumerate(phrase.words):
        if wi in phrase.negative or phrase.weights[wi] < 1.0:
            continue
        at = [i for i in index.hits.get(word, {}) if index.tokens[i].neg_cue == -1]
        if not at:
            return False
        here = {index.tokens[i].clause for i in at}
        clauses = here if clauses is None else clauses & here
        if not clauses:
            return False
        found = True
    if found and clauses:
        # "Only use features available at prediction time" agrees with "not available ...":
        # a restrictive or conditional clause is no contradiction.
        words = {t.norm for t in index.tokens if t.clause in clauses}
        if words & _RESTRICTIVE:
            return False
    return found


def relevance(tokens: list[Token], index: AnswerIndex, prompt_stems: set[str]) -> float:
    """Share of the answer's content words that match a word of the rubric; 0 when it has
    none but the question's own (an echo of the question says nothing relevant, and the
    answer is still scored as against an auto-rubric: blend and length factor apply)."""
    related: set[int] = set()
    for found in index.hits.values():
        related.update(found)
    content = [i for i, t in enumerate(tokens) if not t.stop and not t.cue
               and t.stem not in prompt_stems]
    if not content:
        return 0.0
    return sum(1 for i in content if i in related) / len(content)


def length_factor(tokens: list[Token], compiled: CompiledRubric) -> float:
    """Auto-rubrics: below 1 when the answer is much shorter than the reference's key words."""
    params = compiled.params
    ref = sum(1 for g in compiled.criteria if g.phrases
              for i, w in enumerate(g.phrases[0].weights)
              if w >= 1.0 and i not in g.phrases[0].negative)
    n = sum(1 for t in tokens if not t.stop and not t.cue)
    if not ref:
        return 1.0
    return min(1.0, params.len_floor + (1 - params.len_floor) * n / (params.len_ratio * ref))

"""Claims with a direction: "L1 -> exact zeros", "boosting -> can overfit", "bias falls as
capacity rises". A criterion's ``relations`` (banks.models.Relation) are checked sentence by
sentence: a subject phrase and an object phrase in one sentence state the relation; whether
they state it the right way round decides support or contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..banks import Relation
from .matcher import AnswerIndex, CompiledRelation, Group, PhraseMatch, find_all
from .params import ScoringParams
from .stance import not_asserted, reversed_claim
from .text import Token

UP = frozenset({"increase", "increases", "increased", "increasing", "grow", "grows", "growing",
                "grew", "rise", "rises", "rising", "rose", "higher", "more", "larger", "bigger",
                "up", "raise", "raises", "raising", "greater", "add", "adding", "goes", "high",
                "large", "big"})
DOWN = frozenset({"decrease", "decreases", "decreased", "decreasing", "shrink", "shrinks",
                  "shrinking", "shrank", "fall", "falls", "falling", "fell", "drop", "drops",
                  "dropping", "lower", "less", "smaller", "fewer", "down", "reduce", "reduces",
                  "reducing", "reduced", "decline", "declines", "declining", "low", "small"})


@dataclass(slots=True)
class Verdict:
    supported: bool
    relation: Relation
    first: int
    last: int
    said: str  # what the answer claimed, in words


def _occurrences(index: AnswerIndex, group: Group, params: ScoringParams) -> list[PhraseMatch]:
    found: list[PhraseMatch] = []
    for p in group.candidates(index.found_words()):
        if not p.complete(index.found_words()):
            continue
        found.extend(find_all(index, p, params.hit_similarity, params))
    return found


def _direction(tokens: list[Token], m: PhraseMatch) -> int:
    """+1 / -1 for the trend said next to the phrase (nearest word wins), 0 for none."""
    best = (99, 0)
    for i in range(max(0, m.first - 3), min(len(tokens), m.last + 4)):
        if m.first <= i <= m.last or tokens[i].clause != tokens[m.first].clause:
            continue
        norm = tokens[i].norm
        d = 1 if norm in UP else -1 if norm in DOWN else 0
        if norm == "goes" and i + 1 < len(tokens):
            nxt = tokens[i + 1].norm
            d = 1 if nxt == "up" else -1 if nxt == "down" else 0
        dist = m.first - i if i < m.first else i - m.last
        if d and dist < best[0]:
            best = (dist, d)
    return best[1]


def judge(text: str, index: AnswerIndex, relation: Relation, compiled: CompiledRelation,
          params: ScoringParams) -> list[Verdict]:
    tokens = index.tokens
    subjects = [(m, False) for m in _occurrences(index, compiled.subject, params)]
    subjects += [(m, True) for m in _occurrences(index, compiled.swapped, params)]
    if not subjects:
        return []
    objects = _occurrences(index, compiled.object, params)
    out: list[Verdict] = []
    for o in objects:
        sent = tokens[o.first].sentence
        near = [(s, sw) for s, sw in subjects if tokens[s.first].sentence == sent
                and (s.last < o.first or s.first > o.last)]
        if not near:
            continue
        # The nearest subject before the object, else the nearest after it.
        before = [(s, sw) for s, sw in near if s.last < o.first]
        s, swapped = (max(before, key=lambda x: x[0].last) if before
                      else min(near, key=lambda x: x[0].first))
        first, last = min(s.first, o.first), max(s.last, o.last)
        if not_asserted(text, tokens, first, last):
            continue
        said = f"{text[tokens[s.first].start:tokens[s.last].end]} ... " \
               f"{text[tokens[o.first].start:tokens[o.last].end]}"
        if relation.direction is not None:
            ds, do = _direction(tokens, s), _direction(tokens, o)
            if not ds and not do:
                continue
            same = (ds or 1) == (do or 1)
            holds = same if relation.direction == "same" else not same
            if swapped:
                holds = not holds
            out.append(Verdict(holds, relation, first, last, said))
            continue
        positive = not (o.negated or reversed_claim(tokens, o.first))
        holds = positive == (relation.polarity == "positive")
        if swapped:
            if not holds:
                continue  # "L2 does not give exact zeros": true, and no credit either
            holds = False
        out.append(Verdict(holds, relation, first, last, said))
    return out

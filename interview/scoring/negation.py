"""Negation scopes: which words a "not", "no", "never", "without" or "n't" (or "instead of",
"rather than") reaches, and concepts dismissed after the fact ("X is not needed").

The tokenizer (text.py) marks each cue word; ``mark_negation`` spreads a cue over the rest of
its clause, and the scorer reads ``Token.neg_cue``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .text import Token

# Two-word cues: "use F1 rather than accuracy", "instead of a random split".
NEGATION_BIGRAMS: frozenset[tuple[str, str]] = frozenset({
    ("instead", "of"), ("rather", "than"), ("as", "opposed"), ("opposed", "to"),
})
# Two-word openings that look like negation but are not ("not only X but also Y").
PSEUDO_NEGATIONS: frozenset[tuple[str, str]] = frozenset({
    ("not", "only"), ("not", "just"), ("not", "merely"), ("not", "simply"), ("no", "doubt"),
    ("without", "doubt"), ("not", "least"), ("no", "matter"), ("not", "to"), ("no", "less"),
    ("not", "necessarily"), ("nothing", "but"), ("never", "mind"), ("no", "longer"),
})
_BIGRAM_HEADS = frozenset(a for a, _ in NEGATION_BIGRAMS)
# Words that close a negation scope even without punctuation.
CLAUSE_BREAKERS: frozenset[str] = frozenset({
    "but", "however", "although", "though", "whereas", "yet", "instead", "so", "because",
    "then", "which", "while", "rather", "except", "unless", "otherwise",
})
# "and" does not: "no need to monitor drift and latency" negates both.
# How far a negation reaches, in words (a hyphenated word such as "point-in-time" is one).
NEGATION_SCOPE_MAX = 8
# Coordinators that carry a negation on to the next object ("never did a postmortem or looked
# for the root cause"): the reach starts afresh after them, unless a new subject follows
# ("I didn't use dropout and I added weight decay").
COORDINATORS = frozenset({"or", "and", "nor"})
SUBJECTS = frozenset({"i", "we", "they", "he", "she", "you"})


def mark_negation(tokens: list[Token], by_norm: dict[str, list[int]] | None = None) -> None:
    """Set ``neg_cue`` on every token inside a negation scope.

    A scope opens at a cue (not, no, never, without, n't, ...) and runs to the end of its
    clause: punctuation, a contrasting conjunction (but, however, instead...), or
    NEGATION_SCOPE_MAX words (a hyphenated word counts once). After "or"/"and"/"nor" the
    reach starts afresh, so coordinated objects share the negation, unless a new subject
    follows ("and I added ..."). Pseudo-negations ("not only", "no doubt") open nothing.
    ``by_norm`` (``word_positions(tokens)``), when given, lets it visit only the words that
    can open a scope.
    """
    n = len(tokens)
    if by_norm is None:
        starts: Iterable[int] = range(n)
    else:
        starts = sorted(i for norm, pos in by_norm.items()
                        if norm in _BIGRAM_HEADS or tokens[pos[0]].cue for i in pos)
    i = 0
    for at in starts:
        if at < i:
            continue  # inside a scope already marked
        i = at
        tok = tokens[i]
        if not tok.cue and tok.norm not in _BIGRAM_HEADS:
            continue
        nxt = tokens[i + 1].norm if i + 1 < n and tokens[i + 1].clause == tok.clause else ""
        if nxt in ("of", "than", "to") and (tok.norm, nxt) in NEGATION_BIGRAMS:
            j = i + 2
        elif not tok.cue:
            i += 1
            continue
        elif (tok.norm, nxt) in PSEUDO_NEGATIONS:
            i += 2
            continue
        else:
            j = i + 1
        words = 0
        while j < n:
            t = tokens[j]
            if t.clause != tok.clause or t.norm in CLAUSE_BREAKERS:
                break
            if t.cue:
                break
            if t.norm in COORDINATORS:
                if j + 1 < n and tokens[j + 1].norm in SUBJECTS:
                    break
                words = -1
            elif not t.joined:
                words += 1
                if words > NEGATION_SCOPE_MAX:
                    break
            tokens[j] = t._replace(neg_cue=i)
            j += 1
        i = j


# Auxiliaries that may sit between a concept and a trailing negation ("X is not needed").
_AUX = frozenset({
    "is", "are", "was", "were", "be", "been", "do", "does", "did", "will", "would", "should",
    "can", "could", "may", "might", "must", "has", "have", "had", "really", "actually",
    "always", "usually", "generally", "it", "that", "this", "'s",
})
# What the trailing negation says about the concept: that it is not needed or not useful.
_DISMISSALS = frozenset({
    "need", "needed", "necessary", "required", "require", "useful", "important", "helpful",
    "help", "helps", "matter", "matters", "relevant", "worth", "work", "works", "good",
    "a", "an", "apply", "applicable", "used", "use", "care", "bother", "essential",
})


def trailing_dismissal(tokens: list[Token], end_index: int) -> bool:
    """True when the words after token ``end_index`` dismiss it: "X is not needed"."""
    n = len(tokens)
    clause = tokens[end_index].clause
    j = end_index + 1
    steps = 0
    while j < n and steps < 4 and tokens[j].clause == clause and tokens[j].norm in _AUX:
        j += 1
        steps += 1
    if j >= n or tokens[j].clause != clause or not tokens[j].cue:
        return False
    k = j + 1
    while k < n and tokens[k].clause == clause and tokens[k].norm in ("really", "actually", "be",
                                                                       "always", "even"):
        k += 1
    return k < n and tokens[k].clause == clause and tokens[k].norm in _DISMISSALS

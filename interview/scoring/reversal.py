"""Reversed direction: a criterion said the wrong way round earns nothing.

A criterion keyword with a directional word ("reduces variance", "more data", "split before
scaling", "high bias") has a reversed reading: the same words with that word replaced by its
opposite from ``data/antonyms.txt`` ("increases variance", "less data", "split after
scaling", "high variance"). Only one word is replaced at a time, so "bias falls as capacity
rises" reverses into "variance falls as capacity rises", "bias rises as capacity rises" and
"bias falls as capacity falls", never into the (true) double swap.

An answer that asserts a reversed reading (strictly, like a red flag: its words in order, in
one sentence, not negated, not under a condition or somebody else's claim) and never meets
the criterion itself contradicts the criterion: no credit, and the feedback says which words
were reversed. The table is generic; nothing here is written for a question.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from .answer_index import AnswerIndex
from .find import find_phrase
from .params import ScoringParams
from .phrases import Group, PhraseMatch
from .stance import not_asserted
from .text import STOP_WORDS, Token, tokenize

_DATA = Path(__file__).with_name("data")  # the package data, read as files

_lock = threading.Lock()
# A keyword yields at most this many reversed readings.
MAX_REVERSALS = 6


@cache
def _table() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Directional word (or words) -> its opposites, both ways round."""
    with _lock:
        raw = (_DATA / "antonyms.txt").read_text(
            encoding="utf-8")
    pairs: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or "|" not in line:
            continue
        left, right = (tuple(side.split()) for side in line.split("|", 1))
        if not left or not right:
            continue
        for a, b in ((left, right), (right, left)):
            if b not in pairs.setdefault(a, []):
                pairs[a].append(b)
    return {k: tuple(v) for k, v in pairs.items()}


def directional_words() -> frozenset[str]:
    return frozenset(w for k in _table() for w in k)


def reversals(keyword: str) -> list[tuple[str, str, str]]:
    """The keyword's reversed readings: (reversed text, the words replaced, the opposite).
    None for a keyword whose only content word is the directional one ("overfitting",
    "more"): with nothing else to anchor it, its opposite is a different idea, not a
    reversed claim."""
    words = [t.norm for t in tokenize(keyword)]
    table = _table()
    out: list[tuple[str, str, str]] = []
    for i in range(len(words)):
        for size in (2, 1):
            key = tuple(words[i:i + size])
            if len(key) < size or key not in table:
                continue
            rest = words[:i] + words[i + size:]
            if not any(w not in STOP_WORDS for w in rest):
                break
            for opposite in table[key]:
                text = " ".join(words[:i] + list(opposite) + words[i + size:])
                out.append((text, " ".join(key), " ".join(opposite)))
            break
    return out[:MAX_REVERSALS]


def find_reversed(answer: str, tokens: list[Token], index: AnswerIndex, group: Group,
              params: ScoringParams) -> PhraseMatch | None:
    """The first asserted occurrence of one of a criterion's reversed readings (reversal.py):
    its words in order, in one sentence (one inserted word allowed), not negated, not under
    a condition."""
    hit_words = index.found_words()
    for phrase in group.candidates(hit_words):
        if not phrase.complete(hit_words):
            continue
        best, _ = find_phrase(index, phrase, strict=True, params=params,
                              at_least=params.hit_similarity)
        if best is not None and best.similarity >= params.hit_similarity and all(
                i in best.positions for i in phrase.pivot) and \
                not_asserted(answer, tokens, best.first, best.last) is None:
            return best
    return None

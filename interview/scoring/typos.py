"""Typo matching between a rubric's words and an answer's words, memoised per rubric.

A rubric word of five letters or more matches an answer word that differs by a typing slip
or two (``max_edits``) with a rapidfuzz ratio of at least the word's cutoff. Candidates are
bucketed by first letter and by letters 2-4, so a typo anywhere but in both places is found
without comparing all pairs. Which rubric words an answer word is a typo of depends only on
the rubric, so each answer word is worked out once per compiled rubric and remembered.
"""

from __future__ import annotations

from itertools import chain

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .text import STOP_WORDS

Word = tuple[str, str]  # (norm, stem), as in phrases.py

# Answer words remembered per rubric (cleared when full: the memo only saves time).
MEMO_LIMIT = 8_192
NO_TYPOS: tuple[tuple[Word, float], ...] = ()


def max_edits(word: str) -> int:
    """How many typing slips (insert, delete, substitute, swap) a typo of ``word`` may have."""
    return 1 if len(word) < 9 else 2


class TypoFinder:
    """The rubric words that may match by typo, and what each answer word is a typo of."""

    __slots__ = ("head", "memo", "mid")

    def __init__(self, words: list[tuple[Word, float]]) -> None:
        # (word, rapidfuzz cutoff, edits allowed) by first letter and by letters 2-4.
        self.head: dict[str, list[tuple[Word, float, int]]] = {}
        self.mid: dict[str, list[tuple[Word, float, int]]] = {}
        for word, cutoff in words:
            entry = (word, cutoff, max_edits(word[0]))
            self.head.setdefault(word[0][0], []).append(entry)
            self.mid.setdefault(word[0][1:4], []).append(entry)
        self.memo: dict[str, tuple[tuple[Word, float], ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.head)

    def typos_of(self, norm: str) -> tuple[tuple[Word, float], ...]:
        """(rubric word, similarity) for each rubric word ``norm`` is a typo of."""
        found = self.memo.get(norm)
        if found is None:
            found = self._find(norm)
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            self.memo[norm] = found
        return found

    def _find(self, norm: str) -> tuple[tuple[Word, float], ...]:
        if not 4 <= len(norm) <= 40 or norm in STOP_WORDS:
            return NO_TYPOS
        out: list[tuple[Word, float]] = []
        seen: set[Word] = set()
        for word, cutoff, edits in chain(self.head.get(norm[0], ()),
                                         self.mid.get(norm[1:4], ())):
            if word in seen:
                continue
            seen.add(word)
            score = fuzz.ratio(word[0], norm, score_cutoff=cutoff)
            # A typo is a slip or two, not another word ("recovered" is not "reverted").
            if score and OSA.distance(word[0], norm, score_cutoff=edits) <= edits:
                out.append((word, float(score)))
        return tuple(out) if out else NO_TYPOS

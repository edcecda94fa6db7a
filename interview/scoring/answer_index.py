"""Where each rubric word occurs in an answer, how similar, and why (same word, lemma,
WordNet synonym, typo)."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .lexicon import exceptions
from .phrases import (
    DOMAIN_REASON,
    EXACT,
    LEMMA,
    REASONS,
    SYNONYM,
    TYPO,
    CompiledRubric,
    PhraseMatch,
    Word,
)
from .text import Token, stem


def max_edits(word: str) -> int:
    """How many typing slips (insert, delete, substitute, swap) a typo of ``word`` may have."""
    return 1 if len(word) < 9 else 2


def _same_word(a: str, b: str) -> bool:
    """False for two words with the same stem that differ in kind: an adverb is its own
    adjective or noun plus "ly" ("monthly" / "months", "precisely" / "precise"), but
    "precisely" is not "precision"."""
    if a == b or _adverb(a) == _adverb(b):
        return True
    ly, other = (a, b) if _adverb(a) else (b, a)
    base = ly[:-2]
    return base in (other, stem(other))


def _adverb(word: str) -> bool:
    """An "-ly" adverb whose "ly" the stemmer strips ("precisely"; not "rely", "apply")."""
    return word.endswith("ly") and len(stem(word)) <= len(word) - 2


class AnswerIndex:
    """The answer's tokens, and where each rubric word occurs in them, how similar, and why."""

    __slots__ = ("hits", "reasons", "tokens", "words")

    def __init__(self, tokens: list[Token], compiled: CompiledRubric) -> None:
        self.tokens = tokens
        params = compiled.params
        # stem -> {norm: positions}: the same-word check runs once per distinct form.
        forms: dict[str, dict[str, list[int]]] = {}
        for i, t in enumerate(tokens):
            f = forms.get(t.stem)
            if f is None:
                forms[t.stem] = {t.norm: [i]}
            else:
                pos = f.get(t.norm)
                if pos is None:
                    f[t.norm] = [i]
                else:
                    pos.append(i)
        self.hits: dict[Word, dict[int, float]] = {}
        # Only for matches that are not the same word: word -> position -> reason code.
        self.reasons: dict[Word, dict[int, int]] = {}
        hits = self.hits
        if compiled.cue_words:
            cues = [i for i, t in enumerate(tokens) if t.cue]
            if cues:
                # A phrase's "not" is matched by any negation: "wouldn't", "never", "no".
                for word in compiled.cue_words:
                    hits[word] = dict.fromkeys(cues, 100.0)
        by_stem = compiled.by_stem
        for st, same in forms.items():
            words = by_stem.get(st)
            if not words:
                continue
            for word in words:
                if len(same) == 1 and word[0] in same:
                    at = same[word[0]]
                else:
                    at = [i for norm, pos in same.items() if _same_word(norm, word[0])
                          for i in pos]
                if at:
                    hits[word] = dict.fromkeys(at, 100.0)
        # Irregular forms of the answer ("kept", "ran") meet rubric words by their lemma.
        by_lemma: dict[str, list[int]] = {}
        exc = exceptions()
        for same in forms.values():
            for norm, pos in same.items():
                base = exc.get(norm)
                if base is not None and " " not in base:
                    by_lemma.setdefault(stem(base), []).extend(pos)
        for st, pos in by_lemma.items():
            for word in by_stem.get(st, ()):
                if word not in hits:
                    self._add(word, pos, params.lemma_similarity, LEMMA)
        head: dict[str, list[str]] | None = None
        mid: dict[str, list[str]] = {}
        for word, info in compiled.own_words:
            if word in hits:
                continue
            if info.synonyms:
                found_syn = False
                for s in info.synonyms:
                    syn_at = by_lemma.get(s) or [i for pos in forms.get(s, {}).values()
                                                 for i in pos]
                    if syn_at:
                        self._add(word, syn_at, params.synonym_similarity, SYNONYM)
                        found_syn = True
                if found_syn:
                    continue
            if info.cutoff > 100:
                continue
            if head is None:
                # Candidates for fuzzy matching, bucketed by first letter and by letters 2-4,
                # so a typo anywhere but in both places is found without comparing all pairs.
                head = {}
                for norm in {t.norm for t in tokens if not t.stop and 4 <= len(t.norm) <= 40}:
                    head.setdefault(norm[0], []).append(norm)
                    mid.setdefault(norm[1:4], []).append(norm)
            norm = word[0]
            cands = head.get(norm[0], [])
            m = mid.get(norm[1:4])
            if m:
                cands = cands + m
            if not cands:
                continue
            edits = max_edits(norm)
            for cand, score, _ in process.extract(norm, cands, scorer=fuzz.ratio,
                                                  score_cutoff=info.cutoff, limit=None):
                # A typo is a slip or two, not another word ("recovered" is not "reverted").
                if OSA.distance(norm, cand, score_cutoff=edits) > edits:
                    continue
                self._add(word, [i for i, t in enumerate(tokens) if t.norm == cand],
                          float(score), TYPO)
        self.words: set[Word] = set(hits)

    def found_words(self) -> set[Word]:
        """The rubric words found in the answer, as a set (cheap disjointness checks)."""
        return self.words

    def _add(self, word: Word, at: list[int], sim: float, reason: int) -> None:
        found = self.hits.setdefault(word, {})
        why = self.reasons.setdefault(word, {})
        for i in at:
            if found.get(i, 0.0) < sim:
                found[i] = sim
                why[i] = reason

    def reason_of(self, m: PhraseMatch) -> str:
        """Why this match counted: the least exact way any of its words matched."""
        worst = EXACT
        for wi, pos in m.positions.items():
            if wi < 0:
                continue
            r = self.reasons.get(m.phrase.words[wi], {}).get(pos, EXACT)
            worst = max(worst, r)
        if m.phrase.via_domain:
            return DOMAIN_REASON if worst == EXACT else f"{DOMAIN_REASON}, {REASONS[worst]}"
        return REASONS[worst]

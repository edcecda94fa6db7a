"""Where each rubric word occurs in an answer, how similar, and why (same word, lemma,
WordNet synonym, typo)."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import exceptions
from .phrases import (
    DOMAIN_REASON,
    EXACT,
    LEMMA,
    REASONS,
    SYNONYM,
    TYPO,
    AnswerWord,
    CompiledRubric,
    PhraseMatch,
    Word,
)
from .text import Token, stem, word_positions

_NONE: dict[int, int] = {}  # read only: a word with no reasons recorded
# What most answer words can match in a rubric: nothing (AnswerWord).
NOTHING: AnswerWord = ("", "", (), False, ())
# Answer words remembered per compiled rubric (the memo only saves time).
ANSWER_WORDS_LIMIT = 8_192


@lru_cache(maxsize=65536)
def _same_word(a: str, b: str) -> bool:
    """False for two words with the same stem that differ in kind: an adverb is its own
    adjective or noun plus "ly" ("monthly" / "months", "precisely" / "precise"), but
    "precisely" is not "precision"."""
    if a == b or _adverb(a) == _adverb(b):
        return True
    ly, other = (a, b) if _adverb(a) else (b, a)
    base = ly[:-2]
    return base in (other, stem(other))


def _answer_word(compiled: CompiledRubric, tok: Token) -> AnswerWord:
    """What an answer word (the token's) can match in the compiled rubric: its stem when a
    rubric word (or a synonym) has it, the stem of its lemma likewise, the rubric words it is
    a typo of, whether it is a negation cue, and the rubric words it is (the same stem, and
    the same kind of word: ``_same_word``). Remembered per rubric (cleared when full)."""
    wanted = compiled.wanted_stems
    norm, st = tok.norm, tok.stem
    base = exceptions().get(norm)
    lem = stem(base) if base is not None and " " not in base else ""
    same = tuple(w for w in compiled.by_stem.get(st, ()) if _same_word(norm, w[0]))
    found = (st if st in wanted else "", lem if lem in wanted else "",
             compiled.typos.typos_of(norm) if compiled.typos else (), tok.cue, same)
    if found == NOTHING:
        found = NOTHING  # one object, so the index skips such words by identity
    if len(compiled.answer_words) >= ANSWER_WORDS_LIMIT:
        compiled.answer_words.clear()
    compiled.answer_words[norm] = found
    return found


def _adverb(word: str) -> bool:
    """An "-ly" adverb whose "ly" the stemmer strips ("precisely"; not "rely", "apply")."""
    return word.endswith("ly") and len(stem(word)) <= len(word) - 2


class AnswerIndex:
    """The answer's tokens, and where each rubric word occurs in them, how similar, and why."""

    __slots__ = ("by_norm", "forms", "hits", "reasons", "tokens", "words")

    def __init__(self, tokens: list[Token], compiled: CompiledRubric,
                 by_norm: dict[str, list[int]] | None = None) -> None:
        self.tokens = tokens
        params = compiled.params
        # norm -> positions, in order of first occurrence; the same-word check then runs
        # once per distinct form (stem -> {norm: positions}). A token's stem depends only
        # on its norm.
        if by_norm is None:
            by_norm = word_positions(tokens)
        self.by_norm = by_norm
        forms: dict[str, dict[str, list[int]]] = {}
        # Irregular forms of the answer ("kept", "ran") meet rubric words by their lemma.
        by_lemma: dict[str, list[int]] = {}
        typo_candidates: list[tuple[list[int], tuple[tuple[Word, float], ...]]] = []
        cue_at: list[int] = []  # where the negation cues are
        known = compiled.answer_words.get
        # The rubric words said as such: word -> positions, in the order of the answer's
        # distinct words (filled in below, after the negation cues).
        said: dict[Word, list[int]] = {}
        for norm, pos in by_norm.items():
            # What the word can match in this rubric depends only on the word (its stem
            # depends only on its norm): worked out once per rubric (_answer_word).
            can = known(norm) or _answer_word(compiled, tokens[pos[0]])
            if can is NOTHING:
                continue
            st, lem, typos, cue, same = can
            for word in same:
                at = said.get(word)
                if at is None:
                    said[word] = pos
                else:
                    said[word] = at + pos
            if st:
                f = forms.get(st)
                if f is None:
                    forms[st] = {norm: pos}
                else:
                    f[norm] = pos
            if lem:
                by_lemma.setdefault(lem, []).extend(pos)
            if typos:
                typo_candidates.append((pos, typos))
            if cue:
                cue_at.extend(pos)
        # stem -> {norm: positions} for the rubric's stems (lists.py reads it too).
        self.forms = forms
        self.hits: dict[Word, dict[int, float]] = {}
        # Only for matches that are not the same word: word -> position -> reason code.
        self.reasons: dict[Word, dict[int, int]] = {}
        hits = self.hits
        if compiled.cue_words and cue_at:
            # A phrase's "not" is matched by any negation: "wouldn't", "never", "no".
            cue_at.sort()
            for word in compiled.cue_words:
                hits[word] = dict.fromkeys(cue_at, 100.0)
        for word, at in said.items():
            hits[word] = dict.fromkeys(at, 100.0)
        by_stem = compiled.by_stem
        for st, pos in by_lemma.items():
            for word in by_stem.get(st, ()):
                if word not in hits:
                    self._add(word, pos, params.lemma_similarity, LEMMA)
        # Words still unfound are looked for by synonym, then by typo.
        typo_words: set[Word] = set()
        for word, info in compiled.own_words:
            if word in hits:
                continue
            if info.synonyms:
                found_syn = False
                for s in info.synonyms:
                    syn_at = by_lemma.get(s)
                    if syn_at is None:
                        syn_forms = forms.get(s)
                        if syn_forms is None:
                            continue
                        syn_at = [i for pos in syn_forms.values() for i in pos]
                    if syn_at:
                        self._add(word, syn_at, params.synonym_similarity, SYNONYM)
                        found_syn = True
                if found_syn:
                    continue
            if info.cutoff <= 100:
                typo_words.add(word)
        if typo_words:
            for pos, typos in typo_candidates:
                for word, score in typos:
                    if word in typo_words:
                        self._add(word, pos, score, TYPO)
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
        reasons = self.reasons
        if reasons:  # else every word matched as itself
            words = m.phrase.words
            for wi, pos in m.positions.items():
                if wi >= 0:
                    r = reasons.get(words[wi], _NONE).get(pos, EXACT)
                    if r > worst:
                        worst = r
        if m.phrase.via_domain:
            return DOMAIN_REASON if worst == EXACT else f"{DOMAIN_REASON}, {REASONS[worst]}"
        return REASONS[worst]

"""Find a rubric's phrases in an answer: fuzzy, stem-aware, order-tolerant and negation-aware.

A rubric is compiled once (and cached) into phrases of normalised, stemmed tokens. Scoring an
answer then looks each distinct rubric word up among the answer's distinct words (exact stem
first, then rapidfuzz ratio for typos), and slides a small window over the answer to find
each phrase's best occurrence.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..banks import EffectiveRubric
from .text import STOP_WORDS, Token, is_negation_cue, stem, tokenize, trailing_dismissal


@dataclass(slots=True)
class Phrase:
    text: str
    # (norm, stem) of the words the phrase needs; stop words are dropped unless the phrase
    # is nothing but stop words.
    words: list[tuple[str, str]]
    # The content words glued together ("cross validation" -> "crossvalidation"), so an
    # answer writing the compound as one word still matches. Empty for one-word phrases.
    joined: str = ""


@dataclass(slots=True)
class Group:
    """A criterion's (or a red flag's) alternative phrases."""

    phrases: list[Phrase]


@dataclass(slots=True)
class CompiledRubric:
    criteria: list[Group]
    red_flags: list[Group]
    # Every distinct (norm, stem) any phrase needs, plus the joined compounds.
    vocab: set[tuple[str, str]] = field(default_factory=set)


@dataclass(slots=True)
class PhraseMatch:
    phrase: Phrase
    first: int  # token index
    last: int  # token index (inclusive)
    similarity: float  # 0-100; < 100 for typos, gaps, word order or partial coverage
    coverage: float  # share of the phrase's words found (0-1)
    negated: bool
    cue: int = -1  # token index of the negation cue, when negated


def _phrase(text: str) -> Phrase | None:
    toks = tokenize(text)
    if not toks:
        return None
    content = [t for t in toks if not t.stop]
    words = [(t.norm, t.stem) for t in (content or toks)]
    joined = "".join(w for w, _ in words) if len(words) > 1 else ""
    return Phrase(text=text, words=words, joined=joined)


def _group(keywords: list[str]) -> Group:
    return Group([p for p in (_phrase(k) for k in keywords) if p is not None])


_CACHE: OrderedDict[tuple[object, ...], CompiledRubric] = OrderedDict()
_CACHE_SIZE = 512


def compile_rubric(rubric: EffectiveRubric) -> CompiledRubric:
    key = (
        tuple((c.id, tuple(c.keywords)) for c in rubric.criteria),
        tuple(tuple(r.keywords) for r in rubric.red_flags),
    )
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    crit = [_group(c.keywords) for c in rubric.criteria]
    flags = [_group(r.keywords) for r in rubric.red_flags]
    vocab: set[tuple[str, str]] = set()
    for g in (*crit, *flags):
        for p in g.phrases:
            vocab.update(p.words)
            if p.joined:
                vocab.add((p.joined, stem(p.joined)))
    compiled = CompiledRubric(crit, flags, vocab)
    _CACHE[key] = compiled
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return compiled


def _cutoff(length: int) -> float:
    """Minimum rapidfuzz ratio for a typo of a word this long to count."""
    if length < 5:
        return 101.0  # short words must match exactly (after stemming)
    if length == 5:
        return 88.0
    if length <= 9:
        return 82.0
    return 84.0


class AnswerIndex:
    """The answer's tokens, and where each rubric word occurs in them with what similarity."""

    __slots__ = ("hits", "tokens")

    def __init__(self, tokens: list[Token], vocab: set[tuple[str, str]]) -> None:
        self.tokens = tokens
        by_stem: dict[str, list[int]] = {}
        by_norm: dict[str, list[int]] = {}
        for i, t in enumerate(tokens):
            by_stem.setdefault(t.stem, []).append(i)
            by_norm.setdefault(t.norm, []).append(i)
        # Candidates for fuzzy matching, bucketed by first letter and by letters 2-4, so a
        # typo anywhere but in both places is found without comparing every pair.
        head: dict[str, list[str]] = {}
        mid: dict[str, list[str]] = {}
        for norm in by_norm:
            if 4 <= len(norm) <= 40 and norm not in STOP_WORDS:
                head.setdefault(norm[0], []).append(norm)
                mid.setdefault(norm[1:4], []).append(norm)
        self.hits: dict[tuple[str, str], dict[int, float]] = {}
        for word in vocab:
            norm, st = word
            found: dict[int, float] = {}
            for i in by_stem.get(st, ()):
                found[i] = 100.0
            cut = _cutoff(len(norm))
            if cut <= 100:
                cands = head.get(norm[0], [])
                m = mid.get(norm[1:4])
                if m:
                    cands = cands + m
                if cands:
                    for cand, score, _ in process.extract(
                        norm, cands, scorer=fuzz.ratio, score_cutoff=cut, limit=None
                    ):
                        for i in by_norm[cand]:
                            if found.get(i, 0.0) < score:
                                found[i] = float(score)
            if found:
                self.hits[word] = found


def find_phrase(index: AnswerIndex, phrase: Phrase) -> tuple[PhraseMatch | None,
                                                               PhraseMatch | None]:
    """The phrase's best plain occurrence and its best negated one (either may be None)."""
    tokens = index.tokens
    words = phrase.words
    k = len(words)
    events: list[tuple[int, int, float]] = []
    for wi, w in enumerate(words):
        found = index.hits.get(w)
        if found:
            events.extend((pos, wi, sim) for pos, sim in found.items())
    if phrase.joined:
        jw = (phrase.joined, stem(phrase.joined))
        found = index.hits.get(jw)
        if found:
            events.extend((pos, -1, sim) for pos, sim in found.items())
    if not events:
        return None, None
    events.sort()
    best: PhraseMatch | None = None
    best_neg: PhraseMatch | None = None
    span = k + 3
    n_ev = len(events)
    for s in range(n_ev):
        pos0, wi0, sim0 = events[s]
        if wi0 == -1:
            cand = [(pos0, sim0)]
            got: dict[int, tuple[float, int]] = {}
            similarity = sim0
            coverage = 1.0
            first = last = pos0
        else:
            got = {wi0: (sim0, pos0)}
            e = s + 1
            while e < n_ev and events[e][0] - pos0 < span:
                pos, wi, sim = events[e]
                if wi >= 0 and pos not in (p for _, p in got.values()):
                    prev = got.get(wi)
                    if prev is None or prev[0] < sim:
                        got[wi] = (sim, pos)
                e += 1
            positions = sorted(p for _, p in got.values())
            first, last = positions[0], positions[-1]
            total = sum(sim for sim, _ in got.values())
            coverage = len(got) / k
            similarity = total / k
            # Content words wedged inside the phrase, and words out of order, cost a little.
            inside = sum(1 for i in range(first + 1, last)
                         if not tokens[i].stop and i not in positions)
            order = [wi for wi, _ in sorted(got.items(), key=lambda kv: kv[1][1])]
            swaps = sum(1 for a, b in zip(order, order[1:], strict=False) if a > b)
            similarity -= 4.0 * inside + 5.0 * swaps
            cand = [(p, 0.0) for p in positions]
        cue = -1
        for pos, _ in cand:
            c = tokens[pos].neg_cue
            if c != -1 and not first <= c <= last:
                cue = c
                break
        if cue == -1 and trailing_dismissal(tokens, last):
            cue = last + 1
        negated = cue != -1
        match = PhraseMatch(phrase, first, last, max(similarity, 0.0), coverage, negated, cue)
        if negated:
            if best_neg is None or match.similarity > best_neg.similarity:
                best_neg = match
        elif best is None or match.similarity > best.similarity:
            best = match
        if best is not None and best.similarity >= 100.0:
            break
    return best, best_neg


def phrase_is_negative(phrase: Phrase) -> bool:
    return any(is_negation_cue(w) for w, _ in phrase.words)

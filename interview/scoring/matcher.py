"""Find a rubric's phrases in an answer: fuzzy, stem-aware, order-tolerant and negation-aware.

A rubric is compiled once (and cached) into phrases of normalised, stemmed tokens. Scoring an
answer then looks each distinct rubric word up among the answer's distinct words (exact stem
first, then rapidfuzz ratio for typos), and slides a small window over the answer to find
each phrase's best occurrence.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ..banks import EffectiveRubric
from .rarity import FLOOR as RARITY_FLOOR
from .rarity import rarity
from .text import STOP_WORDS, Token, is_negation_cue, stem, tokenize, trailing_dismissal


@dataclass(slots=True)
class Phrase:
    text: str
    # (norm, stem) of the phrase's words, and how much each counts: stop words count
    # little in a criterion ("I decided" is mostly "decided") but fully in a red flag.
    words: list[tuple[str, str]]
    weights: list[float]
    # The content words glued together ("cross validation" -> "crossvalidation"), so an
    # answer writing the compound as one word still matches. Empty for one-word phrases.
    joined: str = ""
    # Indexes of the phrase's negation words ("not" in "not connected").
    negative: tuple[int, ...] = ()
    total_weight: float = 1.0
    joined_word: tuple[str, str] = ("", "")
    # An authored phrase of several words needs at least two of them: "data" alone is not
    # "more data", "own" alone is not "I owned". Auto-rubrics give partial credit instead.
    min_words: int = 1


@dataclass(slots=True)
class Group:
    """A criterion's (or a red flag's) alternative phrases."""

    phrases: list[Phrase]


@dataclass(slots=True)
class CompiledRubric:
    criteria: list[Group]
    red_flags: list[Group]
    # Every distinct (norm, stem) any phrase needs, plus the joined compounds, with
    # (is a negation cue, minimum fuzzy ratio).
    vocab: dict[tuple[str, str], tuple[bool, float]] = field(default_factory=dict)


@dataclass(slots=True)
class PhraseMatch:
    phrase: Phrase
    first: int  # token index
    last: int  # token index (inclusive)
    similarity: float  # 0-100; < 100 for typos, gaps, word order or partial coverage
    coverage: float  # share of the phrase's words found (0-1)
    negated: bool
    cue: int = -1  # token index of the negation cue, when negated


STOP_WEIGHT = 0.2
# Words that add almost nothing to a phrase, even one with a single content word: articles,
# and the auxiliaries a contraction swallows ("I'd test" is "I would test").
LIGHT_WORDS = frozenset({"a", "an", "the", "would", "will", "have", "has", "had", "am", "is",
                         "are"})
# The speaker, in a phrase like "I decided": it matters (first person is the point of STAR),
# but less than the verb.
SUBJECT_WEIGHT = 0.3
SUBJECT_WORDS = frozenset({"i"})
RARE_PHRASE_WEIGHTS = True
JOINED_CUTOFF = 92.0


def _phrase(text: str, stop_weight: float, rare: bool = False) -> Phrase | None:
    toks = tokenize(text)
    if not toks:
        return None
    content = [t for t in toks if not t.stop]
    words = [(t.norm, t.stem) for t in toks]
    if len(content) == 1 and stop_weight < 1.0:
        # "out of range", "more data", "I owned", "one-hot": with one content word, the
        # little words carry the meaning too, so the phrase needs them ("range" alone is
        # not "out of range"). Articles still count for little.
        weights = [stop_weight if t.norm in LIGHT_WORDS else
                   SUBJECT_WEIGHT if t.norm in SUBJECT_WORDS else 1.0 for t in toks]
    else:
        weights = [1.0 if not t.stop or not content else stop_weight for t in toks]
    if rare:
        # Auto-rubrics: a rare word is more of the phrase's meaning than a common one.
        weights = [w if t.stop else rarity(t.norm) / RARITY_FLOOR for w, t in zip(weights, toks,
                                                                                strict=True)]
    joined = "".join(t.norm for t in content) if len(content) > 1 else ""
    negative = tuple(i for i, t in enumerate(toks) if is_negation_cue(t.norm))
    joined = "" if negative else joined
    heavy = sum(1 for w in weights if w >= SUBJECT_WEIGHT)
    return Phrase(text=text, words=words, weights=weights, joined=joined, negative=negative,
                  total_weight=sum(weights), joined_word=(joined, stem(joined)),
                  min_words=2 if heavy > 1 and not rare else 1)


def _group(keywords: list[str], stop_weight: float = STOP_WEIGHT, rare: bool = False) -> Group:
    return Group([p for p in (_phrase(k, stop_weight, rare) for k in keywords) if p is not None])


_CACHE: OrderedDict[tuple[object, ...], CompiledRubric] = OrderedDict()
_CACHE_SIZE = 512


def compile_rubric(rubric: EffectiveRubric) -> CompiledRubric:
    key = (
        rubric.source == "auto",
        tuple((c.id, tuple(c.keywords)) for c in rubric.criteria),
        tuple(tuple(r.keywords) for r in rubric.red_flags),
    )
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    rare = RARE_PHRASE_WEIGHTS and rubric.source == "auto"
    crit = [_group(c.keywords, rare=rare) for c in rubric.criteria]
    flags = [_group(r.keywords, 1.0) for r in rubric.red_flags]
    words: set[tuple[str, str]] = set()
    for g in (*crit, *flags):
        for p in g.phrases:
            words.update(p.words)
            if p.joined:
                words.add(p.joined_word)
    joined = {p.joined_word for g in (*crit, *flags) for p in g.phrases if p.joined}
    # A compound written as one word must be nearly exact: "backwards" is not "backward pass".
    vocab = {w: (is_negation_cue(w[0]), max(_cutoff(w[0]), JOINED_CUTOFF) if w in joined
                 else _cutoff(w[0])) for w in sorted(words)}
    compiled = CompiledRubric(crit, flags, vocab)
    _CACHE[key] = compiled
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return compiled


def _cutoff(word: str) -> float:
    """Minimum rapidfuzz ratio for a typo of this word to count."""
    length = len(word)
    if length < 5 or word in STOP_WORDS or any(ch.isdigit() or ch == "(" for ch in word):
        return 101.0  # short words, numbers and notation must match exactly
    if length == 5:
        return 88.0
    if length <= 9:
        return 82.0
    return 84.0


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
    """The answer's tokens, and where each rubric word occurs in them with what similarity."""

    __slots__ = ("hits", "tokens")

    def __init__(self, tokens: list[Token], vocab: dict[tuple[str, str], tuple[bool, float]]
                 ) -> None:
        self.tokens = tokens
        by_stem: dict[str, list[int]] = {}
        for i, t in enumerate(tokens):
            at = by_stem.get(t.stem)
            if at is None:
                by_stem[t.stem] = [i]
            else:
                at.append(i)
        cues: list[int] | None = None
        head: dict[str, list[str]] | None = None
        mid: dict[str, list[str]] = {}
        self.hits: dict[tuple[str, str], dict[int, float]] = {}
        for word, (is_cue, cut) in vocab.items():
            if is_cue:
                # A phrase's "not" is matched by any negation: "wouldn't", "never", "no".
                if cues is None:
                    cues = [i for i, t in enumerate(tokens) if t.cue]
                if cues:
                    self.hits[word] = dict.fromkeys(cues, 100.0)
                continue
            at = by_stem.get(word[1])
            if at:
                at = [i for i in at if _same_word(tokens[i].norm, word[0])]
            if at:
                self.hits[word] = dict.fromkeys(at, 100.0)
                continue
            if cut > 100:
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
            found: dict[int, float] = {}
            edits = max_edits(norm)
            for cand, score, _ in process.extract(norm, cands, scorer=fuzz.ratio,
                                                  score_cutoff=cut, limit=None):
                # A typo is a slip or two, not another word ("recovered" is not "reverted").
                if OSA.distance(norm, cand, score_cutoff=edits) > edits:
                    continue
                for i, t in enumerate(tokens):
                    if t.norm == cand and found.get(i, 0.0) < score:
                        found[i] = float(score)
            if found:
                self.hits[word] = found


def find_phrase(index: AnswerIndex, phrase: Phrase, *, strict: bool = False
                ) -> tuple[PhraseMatch | None, PhraseMatch | None]:
    """The phrase's best plain occurrence and its best negated one (either may be None).

    ``strict`` (red flags): the words must come in the phrase's order, in one sentence.
    """
    tokens = index.tokens
    words = phrase.words
    weights = phrase.weights
    k = len(words)
    total_weight = phrase.total_weight
    hits = index.hits
    events: list[tuple[int, int, float]] = []
    anchored = False
    for wi, w in enumerate(words):
        found = hits.get(w)
        if found:
            anchored = anchored or weights[wi] >= 1.0
            events.extend((pos, wi, sim) for pos, sim in found.items())
    if phrase.joined:
        found = hits.get(phrase.joined_word)
        if found:
            anchored = True
            events.extend((pos, -1, sim) for pos, sim in found.items())
    if not anchored:  # only stop words of the phrase occur: nothing to match
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
            used = {pos0}
            e = s + 1
            while e < n_ev and events[e][0] - pos0 < span:
                pos, wi, sim = events[e]
                if wi >= 0 and pos not in used:
                    prev = got.get(wi)
                    if prev is None or prev[0] < sim:
                        got[wi] = (sim, pos)
                        used.add(pos)
                e += 1
            if k > 1 and len(got) == 1 and words[wi0][0] in STOP_WORDS:
                continue  # a lone stop word
            if phrase.min_words > 1 and sum(
                    1 for wi in got if weights[wi] >= SUBJECT_WEIGHT) < phrase.min_words:
                continue  # a lone word of a longer phrase
            if phrase.negative and not all(wi in got for wi in phrase.negative):
                # "not connected" without its "not" says the opposite: no match at all.
                continue
            positions = sorted(p for _, p in got.values())
            first, last = positions[0], positions[-1]
            total = sum(sim * weights[wi] for wi, (sim, _) in got.items())
            coverage = sum(weights[wi] for wi in got) / total_weight
            similarity = total / total_weight
            # Content words wedged inside the phrase, and words out of order, cost a little.
            inside = sum(1 for i in range(first + 1, last)
                         if not tokens[i].stop and i not in positions)
            order = [wi for wi, _ in sorted(got.items(), key=lambda kv: kv[1][1])]
            swaps = sum(1 for a, b in itertools.pairwise(order) if a > b)
            if strict and (swaps or tokens[first].sentence != tokens[last].sentence):
                continue
            similarity -= 4.0 * inside + 5.0 * swaps
            cand = [(p, 0.0) for p in positions]
        cue = -1
        for pos, _ in cand:
            c = tokens[pos].neg_cue
            # A cue inside the window negates too ("I didn't add" is not "I added"), unless
            # it is the phrase's own negation ("not connected").
            if c != -1 and not (phrase.negative and first <= c <= last):
                cue = c
                break
        if cue == -1:
            if best is not None and similarity <= best.similarity:
                continue
            if trailing_dismissal(tokens, last):
                cue = last + 1
        negated = cue != -1
        if negated:
            if best_neg is None or similarity > best_neg.similarity:
                best_neg = PhraseMatch(phrase, first, last, max(similarity, 0.0), coverage,
                                       True, cue)
        elif best is None or similarity > best.similarity:
            best = PhraseMatch(phrase, first, last, max(similarity, 0.0), coverage, False, -1)
        if best is not None and best.similarity >= 100.0:
            break
    return best, best_neg


def phrase_is_negative(phrase: Phrase) -> bool:
    return any(is_negation_cue(w) for w, _ in phrase.words)

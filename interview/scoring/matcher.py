"""Find a rubric's phrases in an answer: by stem, lemma, meaning and typo; order-tolerant and
negation-aware; every match says why it counted.

A rubric is compiled once (``functools.lru_cache``, thread-safe) into phrases of normalised,
stemmed tokens: each keyword, plus its variants from the ML-domain table (domain.py). Every
rubric word also carries its WordNet dominant-sense synonyms (lexicon.py), except the domain
table's own words, whose technical meaning is not WordNet's. Scoring an answer looks each
rubric word up among the answer's words (same stem, then same lemma, then synonym, then
typo), and slides a small window over the answer to find each phrase's best occurrence.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ..banks import EffectiveRubric
from .domain import is_domain_stem, variants
from .lexicon import lemma, wordnet_synonyms
from .params import DEFAULT_PARAMS, ScoringParams
from .rarity import FLOOR as RARITY_FLOOR
from .rarity import rarity
from .text import STOP_WORDS, Token, is_negation_cue, stem, tokenize, trailing_dismissal

# Why a word of the answer matched a word of the rubric (worst first when combined).
EXACT, LEMMA, TYPO, SYNONYM = 0, 1, 2, 3
REASONS = {EXACT: "same word", LEMMA: "same lemma", TYPO: "typo", SYNONYM: "synonym (WordNet)"}
DOMAIN_REASON = "domain term"

STOP_WEIGHT = 0.2
# Words that add almost nothing to a phrase, even one with a single content word: articles,
# and the auxiliaries a contraction swallows ("I'd test" is "I would test").
LIGHT_WORDS = frozenset({"a", "an", "the", "would", "will", "have", "has", "had", "am", "is",
                         "are"})
# The speaker, in a phrase like "I decided": it matters (first person is the point of STAR),
# but less than the verb.
SUBJECT_WEIGHT = 0.3
SUBJECT_WORDS = frozenset({"i"})
# Stop words that carry meaning inside any phrase: "more data" is not "data", "all units"
# is not "units". They always count fully.
MEANINGFUL_STOP = frozenset({"more", "less", "fewer", "most", "least", "only", "too", "all",
                             "no", "off", "out", "up", "down", "over", "under", "against",
                             "without", "same", "few", "nothing", "never", "not", "than"})
JOINED_CUTOFF = 92.0

Word = tuple[str, str]  # (norm, stem)


@dataclass(slots=True)
class Phrase:
    text: str
    # (norm, stem) of the phrase's words, and how much each counts: stop words count
    # little in a criterion ("I decided" is mostly "decided") but fully in a red flag.
    words: list[Word]
    weights: list[float]
    # The content words glued together ("cross validation" -> "crossvalidation"), so an
    # answer writing the compound as one word still matches. Empty for one-word phrases.
    joined: str = ""
    # Indexes of the phrase's negation words ("not" in "not connected").
    negative: tuple[int, ...] = ()
    total_weight: float = 1.0
    joined_word: Word = ("", "")
    # An authored phrase of several words needs at least two of them: "data" alone is not
    # "more data", "own" alone is not "I owned". Auto-rubrics give partial credit instead.
    min_words: int = 1
    # The rubric keyword this phrase says; for a domain-table variant, ``text`` is the
    # variant and ``keyword`` the rubric's wording.
    keyword: str = ""
    via_domain: bool = False
    # Words whose presence in the answer makes the phrase worth looking for.
    anchors: frozenset[Word] = frozenset()
    # Words that must all be in the answer for the phrase to count in full (domain variants
    # and negation-bearing phrases count only in full).
    needed: frozenset[Word] = frozenset()

    def possible(self, hit_words: set[Word]) -> bool:
        """Cheap pre-check: can this phrase match an answer with these words at all?"""
        if self.anchors.isdisjoint(hit_words):
            return False
        if (self.via_domain or self.negative) and not self.needed <= hit_words:
            return bool(self.joined) and self.joined_word in hit_words
        return True


@dataclass(slots=True)
class Group:
    """A criterion's (or a red flag's) alternative phrases."""

    phrases: list[Phrase]
    anchors: frozenset[Word] = frozenset()


@dataclass(slots=True)
class VocabWord:
    cue: bool  # a negation cue: matched by any negation in the answer
    cutoff: float  # minimum rapidfuzz ratio for a typo (> 100: exact only)
    synonyms: tuple[str, ...] = ()  # stems of WordNet synonyms


@dataclass(slots=True)
class CompiledRelation:
    subject: Group
    object: Group
    swapped: Group


@dataclass(slots=True)
class CompiledRubric:
    criteria: list[Group]
    red_flags: list[Group]
    # Per criterion, its relations' phrase groups.
    relations: list[list[CompiledRelation]] = field(default_factory=list)
    # Every distinct (norm, stem) any phrase needs, plus the joined compounds.
    vocab: dict[Word, VocabWord] = field(default_factory=dict)
    params: ScoringParams = DEFAULT_PARAMS
    # Lookups for the answer index: vocabulary words by stem (cues aside), the negation
    # cues, and the rubric's own words (only they are matched by lemma, synonym or typo).
    by_stem: dict[str, list[Word]] = field(default_factory=dict)
    cue_words: list[Word] = field(default_factory=list)
    own_words: list[tuple[Word, VocabWord]] = field(default_factory=list)


@dataclass(slots=True)
class PhraseMatch:
    phrase: Phrase
    first: int  # token index
    last: int  # token index (inclusive)
    similarity: float  # 0-100; < 100 for typos, gaps, word order, synonyms or partial coverage
    coverage: float  # share of the phrase's words found (0-1)
    negated: bool
    cue: int = -1  # token index of the negation cue, when negated
    # token positions of the phrase's words that matched (word index -> token index)
    positions: dict[int, int] = field(default_factory=dict)


def _phrase(text: str, stop_weight: float, rare: bool = False, keyword: str = "",
            via_domain: bool = False) -> Phrase | None:
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
        weights = [1.0 if not t.stop or not content or t.norm in MEANINGFUL_STOP
                   else stop_weight for t in toks]
    if rare:
        # Auto-rubrics: a rare word is more of the phrase's meaning than a common one.
        weights = [w if t.stop else rarity(t.norm) / RARITY_FLOOR
                   for w, t in zip(weights, toks, strict=True)]
    joined = "".join(t.norm for t in content) if len(content) > 1 else ""
    negative = tuple(i for i, t in enumerate(toks) if is_negation_cue(t.norm))
    joined = "" if negative else joined
    heavy = sum(1 for w in weights if w >= SUBJECT_WEIGHT)
    anchors = frozenset(w for w, wt in zip(words, weights, strict=True) if wt >= 1.0
                        and not is_negation_cue(w[0]))
    joined_word = (joined, stem(joined))
    if joined:
        anchors = anchors | {joined_word}
    needed = frozenset(w for w, wt in zip(words, weights, strict=True) if wt >= 1.0)
    return Phrase(text=text, words=words, weights=weights, joined=joined, negative=negative,
                  total_weight=sum(weights), joined_word=joined_word,
                  min_words=2 if heavy > 1 and not rare else 1, keyword=keyword or text,
                  via_domain=via_domain, anchors=anchors, needed=needed)


def _group(keywords: list[str], stop_weight: float = STOP_WEIGHT, rare: bool = False,
           domain: bool = True) -> Group:
    phrases: list[Phrase] = []
    seen: set[tuple[str, ...]] = set()
    for k in keywords:
        p = _phrase(k, stop_weight, rare)
        if p is None:
            continue
        seen.add(tuple(s for _, s in p.words))
        phrases.append(p)
    if domain:
        for k in keywords:
            for v in variants(k):
                p = _phrase(v, stop_weight, rare, keyword=k, via_domain=True)
                if p is None:
                    continue
                key = tuple(s for _, s in p.words)
                if key not in seen:
                    seen.add(key)
                    phrases.append(p)
    anchors: frozenset[Word] = frozenset().union(*(p.anchors for p in phrases))
    return Group(phrases, anchors)


def rubric_key(rubric: EffectiveRubric) -> tuple[object, ...]:
    """What compiling depends on: hashable, so compiled rubrics can be cached."""
    return (
        rubric.source == "auto",
        tuple(tuple(c.keywords) for c in rubric.criteria),
        tuple(tuple(r.keywords) for r in rubric.red_flags),
        tuple(tuple((tuple(r.subject), tuple(r.object), tuple(r.swapped)) for r in c.relations)
              for c in rubric.criteria),
    )


def compile_rubric(rubric: EffectiveRubric, params: ScoringParams = DEFAULT_PARAMS
                   ) -> CompiledRubric:
    return _compile(rubric_key(rubric), params)


@lru_cache(maxsize=512)
def _compile(key: tuple[object, ...], params: ScoringParams) -> CompiledRubric:
    auto, crit_keywords, flag_keywords, rel_phrases = key
    assert isinstance(crit_keywords, tuple) and isinstance(flag_keywords, tuple)
    assert isinstance(rel_phrases, tuple)
    crit = [_group(list(kws), rare=bool(auto)) for kws in crit_keywords]
    # Red flags keep their own wording: a misconception must be said, not approximated.
    flags = [_group(list(kws), 1.0, domain=False) for kws in flag_keywords]
    relations = [[CompiledRelation(_group(list(subj)), _group(list(obj)), _group(list(sw)))
                  for subj, obj, sw in rels] for rels in rel_phrases]
    rel_groups = [g for rels in relations for r in rels for g in (r.subject, r.object, r.swapped)]
    originals: set[Word] = set()
    words: set[Word] = set()
    joined: set[Word] = set()
    for g in (*crit, *flags, *rel_groups):
        for p in g.phrases:
            words.update(p.words)
            if not p.via_domain:
                originals.update(p.words)
            if p.joined:
                words.add(p.joined_word)
                joined.add(p.joined_word)
    vocab: dict[Word, VocabWord] = {}
    for w in sorted(words):
        cue = is_negation_cue(w[0])
        if w not in originals:
            # Domain variants are matched exactly (or by lemma): a typo of a synonym is too far.
            vocab[w] = VocabWord(cue, 101.0)
            continue
        cut = max(_cutoff(w[0]), JOINED_CUTOFF) if w in joined else _cutoff(w[0])
        vocab[w] = VocabWord(cue, cut, _synonym_stems(w))
    by_stem: dict[str, list[Word]] = {}
    for w, info in vocab.items():
        if not info.cue:
            by_stem.setdefault(w[1], []).append(w)
    return CompiledRubric(crit, flags, relations, vocab, params, by_stem,
                          [w for w, info in vocab.items() if info.cue],
                          [(w, vocab[w]) for w in sorted(originals | joined)
                           if not vocab[w].cue])


def _synonym_stems(word: Word) -> tuple[str, ...]:
    """Stems of the word's WordNet synonyms, unless it is a stop word or a domain term."""
    norm, st = word
    if norm in STOP_WORDS or len(norm) < 3 or is_domain_stem(st) or not norm.isalpha():
        return ()
    out = []
    for syn in wordnet_synonyms(lemma(norm)):
        if " " in syn or "-" in syn:
            continue
        s = stem(syn)
        if s != st and not is_domain_stem(s) and s not in out:
            out.append(s)
    return tuple(out)


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
        for same in forms.values():
            for norm, pos in same.items():
                base = lemma(norm)
                if base != norm and " " not in base:
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


def find_phrase(index: AnswerIndex, phrase: Phrase, *, strict: bool = False,
                params: ScoringParams = DEFAULT_PARAMS
                ) -> tuple[PhraseMatch | None, PhraseMatch | None]:
    """The phrase's best plain occurrence and its best negated one (either may be None).

    ``strict`` (red flags): the words must come in the phrase's order, in one sentence, and
    each content word wedged inside costs ``red_flag_gap_cost``.
    """
    events = _events(index, phrase)
    if not events:
        return None, None
    tokens = index.tokens
    best: PhraseMatch | None = None
    best_neg: PhraseMatch | None = None
    scale = params.domain_similarity / 100.0 if phrase.via_domain else 1.0
    for cand in _windows(tokens, phrase, events, strict, params):
        first, last, similarity, coverage, got = cand
        similarity *= scale
        cue = _negation_cue(tokens, phrase, first, last, got)
        if cue == -1:
            if best is not None and similarity <= best.similarity:
                continue
            if trailing_dismissal(tokens, last):
                cue = last + 1
        if cue != -1:
            if best_neg is None or similarity > best_neg.similarity:
                best_neg = PhraseMatch(phrase, first, last, max(similarity, 0.0), coverage,
                                       True, cue, got)
        elif best is None or similarity > best.similarity:
            best = PhraseMatch(phrase, first, last, max(similarity, 0.0), coverage, False, -1,
                               got)
            if best.similarity >= 100.0 * scale:
                break
    return best, best_neg


def find_all(index: AnswerIndex, phrase: Phrase, min_similarity: float,
             params: ScoringParams = DEFAULT_PARAMS) -> list[PhraseMatch]:
    """Every occurrence of the phrase at or above ``min_similarity`` (negated or not), without
    overlaps, in answer order (used for relations)."""
    events = _events(index, phrase)
    if not events:
        return []
    tokens = index.tokens
    scale = params.domain_similarity / 100.0 if phrase.via_domain else 1.0
    out: list[PhraseMatch] = []
    for first, last, similarity, coverage, got in _windows(tokens, phrase, events, False,
                                                            params):
        similarity *= scale
        if similarity < min_similarity:
            continue
        if out and first <= out[-1].last:
            if similarity > out[-1].similarity:
                out.pop()
            else:
                continue
        cue = _negation_cue(tokens, phrase, first, last, got)
        out.append(PhraseMatch(phrase, first, last, similarity, coverage, cue != -1, cue, got))
    return out


def _events(index: AnswerIndex, phrase: Phrase) -> list[tuple[int, int, float]]:
    """(token position, phrase word index, similarity) of every phrase word found; empty when
    only the phrase's stop words occur."""
    hits = index.hits
    events: list[tuple[int, int, float]] = []
    anchored = False
    weights = phrase.weights
    for wi, w in enumerate(phrase.words):
        found = hits.get(w)
        if found:
            anchored = anchored or weights[wi] >= 1.0
            events.extend((pos, wi, sim) for pos, sim in found.items())
    if phrase.joined:
        found = hits.get(phrase.joined_word)
        if found:
            anchored = True
            events.extend((pos, -1, sim) for pos, sim in found.items())
    if not anchored:
        return []
    events.sort()
    return events


def _windows(tokens: list[Token], phrase: Phrase, events: list[tuple[int, int, float]],
             strict: bool, params: ScoringParams
             ) -> Iterator[tuple[int, int, float, float, dict[int, int]]]:
    """Candidate occurrences: (first, last, similarity, coverage, word index -> position)."""
    words = phrase.words
    weights = phrase.weights
    k = len(words)
    total_weight = phrase.total_weight
    span = k + params.span_slack
    gap_cost = params.red_flag_gap_cost if strict else params.gap_cost
    n_ev = len(events)
    for s in range(n_ev):
        pos0, wi0, sim0 = events[s]
        if wi0 == -1:
            yield (pos0, pos0, sim0, 1.0, {-1: pos0})
            continue
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
        if phrase.negative and any(weights[wi] >= 1.0 and wi not in got
                                   for wi in range(k)):
            # A negation-bearing phrase needs all its words: "not sure what happens at
            # inference" is not "not used at inference".
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
        similarity -= gap_cost * inside + params.swap_cost * swaps
        yield (first, last, similarity, coverage, {wi: p for wi, (_, p) in got.items()})


def _negation_cue(tokens: list[Token], phrase: Phrase, first: int, last: int,
                  got: dict[int, int]) -> int:
    """The negation cue governing the match, or -1. A cue inside the window negates too
    ("I didn't add" is not "I added"), unless it is the phrase's own negation ("not
    connected"), which the answer's negation then agrees with."""
    for pos in got.values():
        c = tokens[pos].neg_cue
        if c != -1 and not (phrase.negative and first <= c <= last):
            return c
    return -1

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

from functools import lru_cache

from ..banks import EffectiveRubric
from .answer_index import AnswerIndex
from .find import find_all, find_phrase
from .lookups import Lookups, memo_file, read, write
from .params import DEFAULT_PARAMS, ScoringParams
from .phrases import (
    DOMAIN_REASON,
    JOINED_CUTOFF,
    LIGHT_WORDS,
    MEANINGFUL_STOP,
    REASONS,
    STOP_WEIGHT,
    SUBJECT_WEIGHT,
    SUBJECT_WORDS,
    CompiledRelation,
    CompiledRubric,
    Group,
    Phrase,
    PhraseMatch,
    VocabWord,
    Word,
)
from .rarity import FLOOR as RARITY_FLOOR
from .rarity import rarity
from .reversal import reversals
from .text import STOP_WORDS, is_negation_cue, stem, tokenize
from .typos import TypoFinder, max_edits

__all__ = [
    "DOMAIN_REASON", "REASONS", "AnswerIndex", "CompiledRelation", "CompiledRubric", "Group",
    "Phrase", "PhraseMatch", "VocabWord", "compile_rubric", "find_all", "find_phrase",
    "max_edits",
]


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
                  via_domain=via_domain, anchors=anchors, needed=needed,
                  heavy=tuple(w for w, wt in zip(words, weights, strict=True)
                              if wt >= SUBJECT_WEIGHT))


def _indexed(phrases: list[Phrase]) -> Group:
    """A group of ``phrases`` with the anchor words that can start each of them. A phrase
    that counts only in full (``Phrase.complete``: a domain variant, a negation-bearing
    phrase) is listed under one of its words (the longest), which a complete occurrence
    has, and its joined compound: not under every anchor, which would make it a candidate
    in many answers that cannot complete it."""
    by_word: dict[Word, list[int]] = {}
    for i, p in enumerate(phrases):
        words = sorted(p.anchors)
        if p.via_domain or p.negative:
            own = [w for w in words if w != p.joined_word and w in p.needed]
            words = [max(own, key=lambda w: len(w[0]))] if own else []
            if p.joined and p.joined_word in p.anchors:
                words.append(p.joined_word)
        for w in words:
            by_word.setdefault(w, []).append(i)
    return Group(phrases, frozenset(by_word), {w: tuple(v) for w, v in by_word.items()})


def _group(keywords: list[str], lookups: Lookups, stop_weight: float = STOP_WEIGHT,
           rare: bool = False, domain: bool = True) -> Group:
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
            for v in lookups.variants(k):
                p = _phrase(v, stop_weight, rare, keyword=k, via_domain=True)
                if p is None:
                    continue
                key = tuple(s for _, s in p.words)
                if key not in seen:
                    seen.add(key)
                    phrases.append(p)
    return _indexed(phrases)


def rubric_key(rubric: EffectiveRubric) -> tuple[object, ...]:
    """What compiling depends on: hashable, so compiled rubrics can be cached."""
    keywords = []
    relations = []
    for c in rubric.criteria:
        keywords.append(tuple(c.keywords))
        relations.append(tuple((tuple(r.subject), tuple(r.object), tuple(r.swapped))
                               for r in c.relations) if c.relations else ())
    return (
        rubric.source == "auto",
        tuple(keywords),
        tuple(tuple(r.keywords) for r in rubric.red_flags),
        tuple(relations),
    )


def compile_rubric(rubric: EffectiveRubric, params: ScoringParams = DEFAULT_PARAMS
                   ) -> CompiledRubric:
    return _compile(rubric_key(rubric), params)


@lru_cache(maxsize=512)
def _compile(key: tuple[object, ...], params: ScoringParams) -> CompiledRubric:
    # The tables' answers for this rubric, from the last time it was compiled (lookups.py).
    memo = memo_file(key)
    lookups = read(memo)
    compiled = _compile_with(key, params, lookups)
    if lookups.missed:
        write(memo, lookups)
    return compiled


def _compile_with(key: tuple[object, ...], params: ScoringParams, lookups: Lookups
                  ) -> CompiledRubric:
    auto, crit_keywords, flag_keywords, rel_phrases = key
    assert isinstance(crit_keywords, tuple) and isinstance(flag_keywords, tuple)
    assert isinstance(rel_phrases, tuple)
    crit = [_group(list(kws), lookups, rare=bool(auto)) for kws in crit_keywords]
    # Red flags keep their own wording: a misconception must be said, not approximated.
    flags = [_group(list(kws), lookups, 1.0, domain=False) for kws in flag_keywords]
    relations = [[CompiledRelation(_group(list(subj), lookups), _group(list(obj), lookups),
                                   _group(list(sw), lookups))
                  for subj, obj, sw in rels] for rels in rel_phrases]
    rel_groups = [g for rels in relations for r in rels for g in (r.subject, r.object, r.swapped)]
    # Reversed readings keep their own wording, like red flags (reversal.py).
    reversed_groups = [] if auto else [_reversed_group(list(kws)) for kws in crit_keywords]
    originals: set[Word] = set()
    words: set[Word] = set()
    joined: set[Word] = set()
    for g in (*crit, *flags, *rel_groups, *reversed_groups):
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
        vocab[w] = VocabWord(cue, cut, lookups.synonyms(w, _synonym_stems))
    by_stem: dict[str, list[Word]] = {}
    for w, info in vocab.items():
        if not info.cue:
            by_stem.setdefault(w[1], []).append(w)
    # Only words with a synonym or a possible typo need a look beyond their stem.
    own = [(w, vocab[w]) for w in sorted(originals | joined) if not vocab[w].cue
           and (vocab[w].synonyms or vocab[w].cutoff <= 100)]
    return CompiledRubric(crit, flags, relations, vocab, params, by_stem,
                          [w for w, info in vocab.items() if info.cue], own,
                          TypoFinder([(w, info.cutoff) for w, info in own
                                      if info.cutoff <= 100]),
                          frozenset(by_stem).union(*(info.synonyms for _, info in own)),
                          reversed_groups)


def _pivot(words: list[str], opposite: list[str]) -> tuple[int, ...]:
    """Indexes of the first run of ``opposite`` in the phrase's words."""
    n = len(opposite)
    for i in range(len(words) - n + 1):
        if words[i:i + n] == opposite:
            return tuple(range(i, i + n))
    return ()


def _reversed_group(keywords: list[str]) -> Group:
    """A criterion's keywords read the wrong way round: strict phrases (red-flag weights),
    each remembering the keyword it reverses."""
    phrases: list[Phrase] = []
    seen = {" ".join(t.norm for t in tokenize(k)) for k in keywords}
    for k in keywords:
        for text, _, opposite in reversals(k):
            if text in seen:
                continue  # "more or less": the keyword list already has the other reading
            seen.add(text)
            p = _phrase(text, 1.0, keyword=k)
            if p is not None:
                p.pivot = _pivot([w for w, _ in p.words], opposite.split())
                phrases.append(p)
    return _indexed(phrases)


def _synonym_stems(word: Word) -> tuple[str, ...]:
    """Stems of the word's WordNet synonyms, unless it is a stop word or a domain term."""
    from .domain import is_domain_stem
    from .lexicon import lemma, wordnet_synonyms

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

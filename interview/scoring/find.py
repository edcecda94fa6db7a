"""Find a phrase in an answer: a small window over the answer's tokens, tolerant to word
order and small gaps, negation-aware."""

from __future__ import annotations

from collections.abc import Iterator

from .answer_index import AnswerIndex
from .negation import trailing_dismissal
from .params import DEFAULT_PARAMS, ScoringParams
from .phrases import SUBJECT_WEIGHT, Phrase, PhraseMatch
from .text import STOP_WORDS, Token


def find_phrase(index: AnswerIndex, phrase: Phrase, *, strict: bool = False,
                params: ScoringParams = DEFAULT_PARAMS, good_enough: float = 101.0,
                at_least: float = 0.0) -> tuple[PhraseMatch | None, PhraseMatch | None]:
    """The phrase's best plain occurrence and its best negated one (either may be None).

    ``strict`` (red flags): the words must come in the phrase's order, in one sentence, and
    each content word wedged inside costs ``red_flag_gap_cost``. The search stops at the
    first plain occurrence with at least ``good_enough`` similarity (or a perfect one).
    ``at_least``: the caller ignores a best occurrence below this similarity, so windows that
    cannot reach it are not weighed (the best negated one may then differ).
    """
    if phrase.min_words > 1 and _too_few_words(index, phrase):
        return None, None
    events = _events(index, phrase)
    if not events:
        return None, None
    tokens = index.tokens
    best: PhraseMatch | None = None
    best_neg: PhraseMatch | None = None
    scale = params.domain_similarity / 100.0 if phrase.via_domain else 1.0
    windows = (_lone_window(phrase, events[0], strict, at_least) if len(events) == 1
               else _windows(tokens, phrase, events, strict, params, at_least))
    for first, last, similarity, coverage, got in windows:
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
            if best.similarity >= min(100.0 * scale, good_enough):
                break
    return best, best_neg


def find_all(index: AnswerIndex, phrase: Phrase, min_similarity: float,
             params: ScoringParams = DEFAULT_PARAMS) -> list[PhraseMatch]:
    """Every occurrence of the phrase at or above ``min_similarity`` (negated or not), without
    overlaps, in answer order (used for relations)."""
    if _too_few_words(index, phrase):
        return []
    events = _events(index, phrase)
    if not events:
        return []
    tokens = index.tokens
    scale = params.domain_similarity / 100.0 if phrase.via_domain else 1.0
    out: list[PhraseMatch] = []
    for first, last, similarity, coverage, got in _windows(tokens, phrase, events, False,
                                                            params, min_similarity):
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


def _too_few_words(index: AnswerIndex, phrase: Phrase) -> bool:
    """True when no window can hold ``min_words`` of the phrase's words: fewer of them occur
    in the whole answer (and its joined compound does not)."""
    if phrase.min_words < 2:
        return False
    found = index.words
    if phrase.joined and phrase.joined_word in found:
        return False
    need = phrase.min_words
    for w in phrase.heavy:
        if w in found:
            need -= 1
            if not need:
                return False
    return True


def _events(index: AnswerIndex, phrase: Phrase) -> list[tuple[int, int, float]]:
    """(token position, phrase word index, similarity) of every phrase word found; empty when
    only the phrase's stop words occur."""
    hits = index.hits
    events: list[tuple[int, int, float]] = []
    add = events.append
    anchored = False
    weights = phrase.weights
    # Plain loops: a word is found at one to three places, mostly, where a comprehension's
    # own frame costs more than the loop it runs.
    for wi, w in enumerate(phrase.words):
        found = hits.get(w)
        if found:
            anchored = anchored or weights[wi] >= 1.0
            for pos, sim in found.items():
                add((pos, wi, sim))
    if phrase.joined:
        found = hits.get(phrase.joined_word)
        if found:
            anchored = True
            for pos, sim in found.items():
                add((pos, -1, sim))
    if not anchored:
        return []
    events.sort()
    return events


def _windows(tokens: list[Token], phrase: Phrase, events: list[tuple[int, int, float]],
             strict: bool, params: ScoringParams, at_least: float = 0.0
             ) -> Iterator[tuple[int, int, float, float, dict[int, int]]]:
    """Candidate occurrences: (first, last, similarity, coverage, word index -> position).
    A window of several words whose similarity cannot reach ``at_least`` (its words' share
    of the phrase, times 100, is below it) is left out."""
    words = phrase.words
    weights = phrase.weights
    k = len(words)
    total_weight = phrase.total_weight
    span = k + params.span_slack
    gap_cost = params.red_flag_gap_cost if strict else params.gap_cost
    n_ev = len(events)
    min_words = phrase.min_words
    negative = phrase.negative
    swap_cost = params.swap_cost
    # In order only (strict): a window starting at word i holds at most words i..k-1 (an
    # earlier word after it would be a swap), so one whose words from i on cannot reach
    # ``at_least`` is skipped before any arithmetic.
    reach = ([100.0 * sum(weights[i:]) / total_weight for i in range(k)]
             if strict and at_least else None)
    floor = at_least - 1e-6
    for s in range(n_ev):
        pos0, wi0, sim0 = events[s]
        if wi0 == -1:
            yield (pos0, pos0, sim0, 1.0, {-1: pos0})
            continue
        if reach is not None and reach[wi0] < floor:
            continue
        e = s + 1
        if e == n_ev or events[e][0] - pos0 >= span:
            # Nothing else within reach: the word alone (as the one-word case below).
            if not _lone_word_fails(phrase, wi0, k):
                yield (pos0, pos0, sim0 * weights[wi0] / total_weight,
                       weights[wi0] / total_weight, {wi0: pos0})
            continue
        got = {wi0: (sim0, pos0)}
        used = {pos0}
        while e < n_ev and events[e][0] - pos0 < span:
            pos, wi, sim = events[e]
            if wi >= 0 and pos not in used:
                prev = got.get(wi)
                if prev is None or prev[0] < sim:
                    got[wi] = (sim, pos)
                    used.add(pos)
            e += 1
        if len(got) == 1:
            # One word found: no gaps, no order; the sums below reduce to one term.
            if _lone_word_fails(phrase, wi0, k):
                continue
            sim, pos = got[wi0]
            yield (pos, pos, sim * weights[wi0] / total_weight, weights[wi0] / total_weight,
                   {wi0: pos})
            continue
        if min_words > 1:
            heavy = 0
            for wi in got:
                if weights[wi] >= SUBJECT_WEIGHT:
                    heavy += 1
            if heavy < min_words:
                continue  # a lone word of a longer phrase
        if negative and not all(wi in got for wi in negative):
            # "not connected" without its "not" says the opposite: no match at all.
            continue
        if negative and any(weights[wi] >= 1.0 and wi not in got for wi in range(k)):
            # A negation-bearing phrase needs all its words: "not sure what happens at
            # inference" is not "not used at inference".
            continue
        # One pass over the window's words (in ``got`` order, which the float sums keep):
        # their weights, weighted similarities, (position, word index) pairs and positions.
        shares: list[float] = []
        products: list[float] = []
        ordered: list[tuple[int, int]] = []
        where: dict[int, int] = {}
        for wi, (sim, p) in got.items():
            w = weights[wi]
            shares.append(w)
            products.append(sim * w)
            ordered.append((p, wi))
            where[wi] = p
        share = sum(shares)
        if at_least and 100.0 * share / total_weight < floor:
            continue  # cannot reach what the caller needs, even with every word exact
        # In answer order (positions are distinct, so no sort key is needed).
        ordered.sort()
        first, last = ordered[0][0], ordered[-1][0]
        swaps = 0
        prev_wi = ordered[0][1]
        for _, wi in ordered:
            if wi < prev_wi:
                swaps += 1
            prev_wi = wi
        if strict and (swaps or tokens[first].sentence != tokens[last].sentence):
            continue
        similarity = sum(products) / total_weight
        # Content words wedged inside the phrase, and words out of order, cost a little.
        inside = 0
        if last - first >= len(ordered):  # some word inside is not the phrase's
            taken = where.values()
            for i in range(first + 1, last):
                if not tokens[i].stop and i not in taken:
                    inside += 1
        similarity -= gap_cost * inside + swap_cost * swaps
        yield (first, last, similarity, share / total_weight, where)


def _lone_window(phrase: Phrase, event: tuple[int, int, float], strict: bool,
                 at_least: float) -> list[tuple[int, int, float, float, dict[int, int]]]:
    """``list(_windows(...))`` for a single event (a phrase met by one word, the common
    case), built without a generator."""
    pos0, wi0, sim0 = event
    if wi0 == -1:
        return [(pos0, pos0, sim0, 1.0, {-1: pos0})]
    weights = phrase.weights
    total_weight = phrase.total_weight
    if strict and at_least and 100.0 * sum(weights[wi0:]) / total_weight < at_least - 1e-6:
        return []
    if _lone_word_fails(phrase, wi0, len(phrase.words)):
        return []
    return [(pos0, pos0, sim0 * weights[wi0] / total_weight, weights[wi0] / total_weight,
             {wi0: pos0})]


def _lone_word_fails(phrase: Phrase, wi: int, k: int) -> bool:
    """True when word ``wi`` found alone is no occurrence of the phrase: a lone stop word, a
    lone word of a phrase that needs two, or a phrase whose negation or other full words
    are missing."""
    if (k > 1 and phrase.words[wi][0] in STOP_WORDS) or phrase.min_words > 1:
        return True
    negative = phrase.negative
    weights = phrase.weights
    return bool(negative) and (any(i != wi for i in negative) or any(
        weights[i] >= 1.0 and i != wi for i in range(k)))


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

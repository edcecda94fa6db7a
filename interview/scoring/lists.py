"""Named in a list, not explained: a criterion met only as one item of an enumeration.

A buzzword answer names many right concepts in runs of short items ("SMOTE, ADASYN and
random undersampling", "versioning, lineage, governance") with nothing about what they do or
why. A criterion whose every match is such an item, in a sentence with no explanation (no
causal connective, no number), earns at most ``list_item_credit``; the feedback says so.

An item is a piece of a sentence between commas, semicolons, colons or brackets, cut again
at "and" / "or", of at most ``LIST_ITEM_WORDS`` words and no verb; an enumeration is a run of
at least ``LIST_MIN_ITEMS`` such items in one sentence.

``Sentences`` reads the answer's sentences once (bounds, whether each explains anything, its
items), so the per-criterion checks cost a lookup.
"""

from __future__ import annotations

import re

from .delivery import function_word_ratio, stop_count
from .lexicon import verb_lemma
from .mentions import _is_verb
from .params import ScoringParams
from .text import Token, word_count

LIST_ITEM_WORDS = 3
LIST_MIN_ITEMS = 3
_JOINERS = frozenset({"and", "or", "as", "such", "like", "including", "e", "g", "eg", "etc",
                      "plus", "also", "nor", "the", "a", "an", "of"})
_SPLITTERS = frozenset({"and", "or"})
# Words that make a sentence an explanation rather than a list: a cause, a consequence, a
# purpose, a mechanism.
CAUSAL = frozenset({"because", "so", "since", "therefore", "thus", "hence", "means", "meaning",
                    "which", "whereas", "otherwise", "causes", "cause", "caused", "lets",
                    "allows", "makes", "forces", "prevents", "if", "when", "until", "unless",
                    "instead", "by", "per", "than", "example", "instance", "e", "say"})
# A narrower set for a concept said once (scorer, ``depth_single_credit``): a reason, a
# condition or an example, not any subordinate clause.
REASONS = frozenset({"because", "since", "therefore", "thus", "hence", "means", "meaning",
                     "if", "unless", "example", "instance", "e", "like", "otherwise",
                     "causes", "caused"})
# Words that introduce a list itself ("such as", "like", "for example", "e.g."), not a
# reason for it; the other causal words explain (enumerations.py).
_INTRODUCERS = frozenset({"like", "example", "instance", "e", "g", "eg", "such", "including"})
_EXPLAINS = CAUSAL - _INTRODUCERS
_MARKERS = CAUSAL | REASONS
# A next sentence opening with one of these is about the list before it ("These catch...").
_BACK_REFERENCES = frozenset({"this", "these", "that", "those", "it", "they", "both", "each",
                              "all", "either"})

Item = tuple[int, int, bool]  # first token, last token, a short verb-less item


def _inflected_verb(tok: Token) -> bool:
    """An inflected verb form before an item's last word: "HNSW builds a graph", "IVF
    clusters the vectors" are statements ("feature stores" ends with its noun)."""
    lem = verb_lemma(tok.norm)
    return lem is not None and lem != tok.norm


_DIGIT = re.compile(r"\d").search
# Pieces of an answer for the keyword-list checks: commas, bullets, line breaks, sentences.
_SEGMENT_SPLIT = re.compile(r"[,;\n•|/·]+|[.!?](?:\s|$)")
_NUMBERS = re.compile(r"^\d.*$", re.MULTILINE).findall


class Sentences:
    """The answer's sentences, read once: bounds, explanation flags and (lazily) items."""

    __slots__ = ("_bounds", "_by_norm", "_explains", "_items", "causal", "count", "reason",
                 "tokens")

    def __init__(self, tokens: list[Token], by_norm: dict[str, list[int]]) -> None:
        self.tokens = tokens
        self._items: dict[int, list[Item]] = {}
        self._bounds: dict[int, tuple[int, int]] = {}
        self.count = tokens[-1].sentence - tokens[0].sentence + 1 if tokens else 0
        self._by_norm = by_norm
        self._explains: set[int] | None = None
        causal: set[int] = set()
        reason: set[int] = set()
        # Per distinct word, not per token, and only the words that matter: a cause, a
        # condition, an example, or a number (found in one pass over the distinct words).
        numbers = _NUMBERS("\n".join(by_norm)) if _DIGIT("".join(by_norm)) else []
        for norm in _MARKERS.intersection(by_norm):
            positions = by_norm[norm]
            if norm in CAUSAL:
                causal.update(tokens[p].sentence for p in positions)
            if norm in REASONS:
                reason.update(tokens[p].sentence for p in positions)
        for norm in numbers:
            positions = by_norm[norm]
            causal.update(tokens[p].sentence for p in positions)
            reason.update(tokens[p].sentence for p in positions)
        self.causal = causal
        self.reason = reason

    def explains(self) -> set[int]:
        """The sentences with a word of a reason, a condition or a mechanism (the causal
        words less those that only introduce a list) or a number (worked out when asked)."""
        got = self._explains
        if got is None:
            tokens, by_norm = self.tokens, self._by_norm
            got = {tokens[p].sentence for norm in _EXPLAINS.intersection(by_norm)
                   for p in by_norm[norm]}
            if _DIGIT("".join(by_norm)):
                got.update(tokens[p].sentence for norm in _NUMBERS("\n".join(by_norm))
                           for p in by_norm[norm])
            self._explains = got
        return got

    def elsewhere(self, tok: Token, forms: dict[str, dict[str, list[int]]],
                  by_norm: dict[str, list[int]]) -> bool:
        """True when a word of ``tok``'s stem (its own form, if the stem is not indexed) is
        said in another sentence too."""
        tokens = self.tokens
        sent = tok.sentence
        same = forms.get(tok.stem)
        groups = same.values() if same is not None else (by_norm.get(tok.norm, ()),)
        return any(tokens[p].sentence != sent for pos in groups for p in pos)

    def bounds(self, i: int) -> tuple[int, int]:
        """First and last token of the sentence holding token ``i``."""
        tokens = self.tokens
        sent = tokens[i].sentence
        got = self._bounds.get(sent)
        if got is None:
            lo = i
            while lo > 0 and tokens[lo - 1].sentence == sent:
                lo -= 1
            hi = i
            while hi + 1 < len(tokens) and tokens[hi + 1].sentence == sent:
                hi += 1
            got = self._bounds[sent] = (lo, hi)
        return got

    def items(self, i: int) -> list[Item]:
        """The pieces of the sentence holding token ``i``, as items (none when it has too
        few pieces to hold an enumeration)."""
        tokens = self.tokens
        sent = tokens[i].sentence
        got = self._items.get(sent)
        if got is None:
            lo, hi = self.bounds(i)
            pieces = tokens[hi].clause - tokens[lo].clause + 1
            if pieces < LIST_MIN_ITEMS:
                pieces += sum(1 for t in tokens[lo:hi + 1] if t.norm in _SPLITTERS)
            got = self._items[sent] = (_items(tokens, lo, hi) if pieces >= LIST_MIN_ITEMS
                                       else [])
        return got

    def explained_next(self, i: int) -> bool:
        """True when the sentence after the one holding token ``i`` refers back and says
        something about it."""
        hi = self.bounds(i)[1]
        tokens = self.tokens
        if hi + 1 >= len(tokens) or tokens[hi + 1].norm not in _BACK_REFERENCES:
            return False
        lo2, hi2 = self.bounds(hi + 1)
        return tokens[hi + 1].sentence in self.causal or any(
            _is_verb(t) for t in tokens[lo2:hi2 + 1])


def _items(tokens: list[Token], lo: int, hi: int) -> list[Item]:
    """The sentence tokens[lo..hi] as items: (first, last, is a short verb-less item)."""
    out: list[Item] = []
    start = lo
    for i in range(lo, hi + 2):
        end_piece = (i > hi or tokens[i].clause != tokens[start].clause
                     or tokens[i].norm in _SPLITTERS)
        if not end_piece:
            continue
        if i > start:
            words = [t for t in tokens[start:i] if t.norm not in _JOINERS]
            short = 0 < len(words) <= LIST_ITEM_WORDS and not any(
                _is_verb(t) or (t is not words[-1] and _inflected_verb(t)) for t in words)
            out.append((start, i - 1, short))
        start = i + 1 if i <= hi and tokens[i].norm in _SPLITTERS else i
    return out


def list_item(sents: Sentences, first: int, last: int,
              forms: dict[str, dict[str, list[int]]], by_norm: dict[str, list[int]],
              loose: bool = False) -> bool:
    """True when tokens[first..last] is (inside) one item of an enumeration of at least
    LIST_MIN_ITEMS short items, in a sentence that explains nothing (``loose``: in a
    list-heavy answer, whatever the sentence), and its words do not come back in another
    sentence (a list that heads an explanation)."""
    tokens = sents.tokens
    sent = tokens[first].sentence
    if tokens[last].sentence != sent:
        return False
    if not loose and sent in sents.causal:
        return False
    for t in tokens[first:last + 1]:
        if not t.stop and sents.elsewhere(t, forms, by_norm):
            return False  # said again elsewhere
    if not loose and sents.explained_next(first):
        return False
    items = sents.items(first)
    for k, (a, b, short) in enumerate(items):
        if a <= first and last <= b:
            if not short:
                # A longer piece may lead into the list with its last words: "metrics such
                # as Euclidean, Manhattan, cosine": the run must follow it.
                if b != last or last - first >= LIST_ITEM_WORDS:
                    return False
                run = 0
                while k + run + 1 < len(items) and items[k + run + 1][2]:
                    run += 1
                return run + 1 >= LIST_MIN_ITEMS
            run_lo = k
            while run_lo > 0 and items[run_lo - 1][2]:
                run_lo -= 1
            run_hi = k
            while run_hi + 1 < len(items) and items[run_hi + 1][2]:
                run_hi += 1
            # The piece before the run ends with the run's first item ("... such as X").
            lead = 1 if run_lo > 0 else 0
            return run_hi - run_lo + 1 + lead >= LIST_MIN_ITEMS
    return False


def _runs(items: list[Item]) -> list[tuple[int, int]]:
    """Index ranges of the enumerations among a sentence's items."""
    out = []
    k = 0
    while k < len(items):
        if not items[k][2]:
            k += 1
            continue
        j = k
        while j + 1 < len(items) and items[j + 1][2]:
            j += 1
        if j - k + 1 + (1 if k > 0 else 0) >= LIST_MIN_ITEMS:
            out.append((k, j))
        k = j + 1
    return out


def list_heavy(sents: Sentences, params: ScoringParams) -> bool:
    """True for an answer of names: few sentences explain anything (under
    ``list_heavy_explained``) and many content words sit in enumerations (at least
    ``list_heavy_share``)."""
    tokens = sents.tokens
    n = sents.count
    if n < 2 or len(sents.causal) >= params.list_heavy_explained * n:
        return False
    in_lists = 0
    i = 0
    while i < len(tokens):
        items = sents.items(i)
        for a, b in _runs(items):
            in_lists += sum(1 for t in tokens[items[a][0]:items[b][1] + 1] if not t.stop)
        i = sents.bounds(i)[1] + 1
    content = sum(1 for t in tokens if not t.stop)
    return in_lists >= params.list_heavy_share * max(content, 1)


def keyword_stuffing(answer: str, tokens: list[Token], matched: set[int],
              params: ScoringParams, by_norm: dict[str, list[int]],
              linear: bool = False) -> bool:
    """True when the answer is a bare list of (mostly rubric) keywords, not sentences."""
    if len(tokens) < 4:
        return False
    content = len(tokens) - stop_count(by_norm)
    if not content or sum(1 for i in matched if not tokens[i].stop) / content < \
            params.stuffing_matched_share:
        return False
    sizes = [n for n in map(word_count, _SEGMENT_SPLIT.split(answer)) if n]
    short = sum(1 for n in sizes if n <= 3)
    # Against an auto-rubric (short reference answers), most words must be in the short
    # pieces too: "Last in, first out. You insert and delete at one end, the top." is a
    # crisp answer, not a list.
    if len(sizes) >= 3 and short >= params.stuffing_short_share * len(sizes) and (
            not linear
            or sum(n for n in sizes if n <= 3) >= params.stuffing_short_share * sum(sizes)):
        return True
    return len(tokens) >= 6 and function_word_ratio(tokens, by_norm) < \
        params.stuffing_function_ratio


def term_list(answer: str, tokens: list[Token], params: ScoringParams,
               by_norm: dict[str, list[int]]) -> bool:
    """A long answer with almost no function words, most of whose comma-separated pieces are
    a few words long, is a list of terms, matched or not. (A dense expert answer has few
    function words too, but it is built of phrases: its pieces are longer.)"""
    if len(tokens) < 20 or function_word_ratio(tokens, by_norm) >= params.list_function_ratio:
        return False
    sizes = [n for n in map(word_count, _SEGMENT_SPLIT.split(answer)) if n]
    return sum(1 for n in sizes if n <= 3) >= params.list_short_share * len(sizes)

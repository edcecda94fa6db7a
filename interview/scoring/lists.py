"""Named in a list, not explained: a criterion met only as one item of an enumeration.

A buzzword answer names many right concepts in runs of short items ("SMOTE, ADASYN and
random undersampling", "versioning, lineage, governance") with nothing about what they do or
why. A criterion whose every match is such an item, in a sentence with no explanation (no
causal connective, no number), earns at most ``list_item_credit``; the feedback says so.

An item is a piece of a sentence between commas, semicolons, colons or brackets, cut again
at "and" / "or", of at most ``LIST_ITEM_WORDS`` words and no verb; an enumeration is a run of
at least ``LIST_MIN_ITEMS`` such items in one sentence.
"""

from __future__ import annotations

from .lexicon import verb_lemma
from .mentions import _is_verb
from .params import ScoringParams
from .text import Token

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


def _items(tokens: list[Token], lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """The sentence tokens[lo..hi] as items: (first, last, is a short verb-less item)."""
    out: list[tuple[int, int, bool]] = []
    start = lo
    for i in range(lo, hi + 2):
        end_piece = (i > hi or tokens[i].clause != tokens[start].clause
                     or tokens[i].norm in _SPLITTERS)
        if not end_piece:
            continue
        if i > start or (i <= hi and tokens[i].norm in _SPLITTERS and i == start):
            words = [t for t in tokens[start:i] if t.norm not in _JOINERS]
            short = 0 < len(words) <= LIST_ITEM_WORDS and not any(
                _is_verb(t) or (t is not words[-1] and _inflected_verb(t)) for t in words)
            if i > start:
                out.append((start, i - 1, short))
        start = i + 1 if i <= hi and tokens[i].norm in _SPLITTERS else i
    return out


def _inflected_verb(tok: Token) -> bool:
    """An inflected verb form before an item's last word: "HNSW builds a graph", "IVF
    clusters the vectors" are statements ("feature stores" ends with its noun)."""
    lem = verb_lemma(tok.norm)
    return lem is not None and lem != tok.norm


def sentence_bounds(tokens: list[Token], i: int) -> tuple[int, int]:
    sent = tokens[i].sentence
    lo = i
    while lo > 0 and tokens[lo - 1].sentence == sent:
        lo -= 1
    hi = i
    while hi + 1 < len(tokens) and tokens[hi + 1].sentence == sent:
        hi += 1
    return lo, hi


# A narrower set for a concept said once (scorer, ``depth_single_credit``): a reason, a
# condition or an example, not any subordinate clause.
REASONS = frozenset({"because", "since", "therefore", "thus", "hence", "means", "meaning",
                     "if", "unless", "example", "instance", "e", "like", "otherwise",
                     "causes", "caused"})


def explained(tokens: list[Token], lo: int, hi: int,
              words: frozenset[str] = CAUSAL) -> bool:
    """True when the sentence says why or how: a causal connective or a number."""
    return any(t.norm in words or any(ch.isdigit() for ch in t.norm)
               for t in tokens[lo:hi + 1])


# A next sentence opening with one of these is about the list before it ("These catch...").
_BACK_REFERENCES = frozenset({"this", "these", "that", "those", "it", "they", "both", "each",
                              "all", "either"})


def _explained_next(tokens: list[Token], hi: int) -> bool:
    """True when the sentence after the one ending at ``hi`` refers back and explains."""
    if hi + 1 >= len(tokens) or tokens[hi + 1].norm not in _BACK_REFERENCES:
        return False
    lo2, hi2 = sentence_bounds(tokens, hi + 1)
    return explained(tokens, lo2, hi2) or any(_is_verb(t) for t in tokens[lo2:hi2 + 1])


def list_item(tokens: list[Token], first: int, last: int, loose: bool = False) -> bool:
    """True when tokens[first..last] is (inside) one item of an enumeration of at least
    LIST_MIN_ITEMS short items, in a sentence that explains nothing (``loose``: in a
    list-heavy answer, whatever the sentence)."""
    lo, hi = sentence_bounds(tokens, first)
    named = {t.stem for t in tokens[first:last + 1] if not t.stop}
    if any(t.stem in named for t in tokens[:lo]) or any(t.stem in named
                                                         for t in tokens[hi + 1:]):
        return False  # said again elsewhere: a list that heads an explanation
    if last > hi or (not loose and (explained(tokens, lo, hi) or _explained_next(tokens, hi))):
        return False
    items = _items(tokens, lo, hi)
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


def _runs(items: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
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


def list_heavy(tokens: list[Token], params: ScoringParams) -> bool:
    """True for an answer of names: few sentences explain anything (under
    ``list_heavy_explained``) and many content words sit in enumerations (at least
    ``list_heavy_share``)."""
    if not tokens:
        return False
    sentences = explaining = in_lists = 0
    i = 0
    while i < len(tokens):
        lo, hi = sentence_bounds(tokens, i)
        sentences += 1
        explaining += explained(tokens, lo, hi)
        items = _items(tokens, lo, hi)
        for a, b in _runs(items):
            in_lists += sum(1 for t in tokens[items[a][0]:items[b][1] + 1] if not t.stop)
        i = hi + 1
    if sentences < 2 or explaining >= params.list_heavy_explained * sentences:
        return False
    content = sum(1 for t in tokens if not t.stop)
    return in_lists >= params.list_heavy_share * max(content, 1)

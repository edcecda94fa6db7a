"""Listed together: a criterion whose only evidence is one name in an enumeration of several
of the rubric's points.

A buzzword answer strings the rubric's concepts together in one breath ("SMOTE, ADASYN and
random undersampling address the skew", "Key metrics include context precision,
faithfulness, BLEU and ROUGE") and says nothing about what any of them does. When the items
of one enumeration meet two or more different criteria, and a criterion is met nowhere else
(its words do not come back in another sentence, the next sentence does not refer back to
explain the list), and nothing in the sentence outside the enumeration gives a reason or a
mechanism, that criterion earns at most ``enum_credit``.

An enumeration is a run of at least three short items (pieces between commas, semicolons,
brackets, "and"/"or", of at most three content words and no verb), where the piece that
leads into the run counts with its last words ("metrics such as Euclidean, ...") and the
piece that closes it counts with its first words when a verb follows them ("..., ADASYN
and random undersampling address the skew").
"""

from __future__ import annotations

from .lists import _BACK_REFERENCES, _EXPLAINS, _JOINERS, _SPLITTERS, LIST_ITEM_WORDS, Sentences
from .mentions import _is_verb
from .params import ScoringParams
from .phrases import PhraseMatch
from .text import Token

Span = tuple[int, int]  # first and last token of an item
# A name has at most LIST_ITEM_WORDS content words; with its articles and prepositions ("the
# number of the trees") a piece longer than this holds more than a name.
_MAX_ITEM_TOKENS = 3 * LIST_ITEM_WORDS


def _pieces(tokens: list[Token], lo: int, hi: int) -> list[Span]:
    """The sentence tokens[lo..hi] cut at clause breaks and at "and" / "or"."""
    out: list[Span] = []
    start = lo
    for i in range(lo, hi + 2):
        if i <= hi and tokens[i].clause == tokens[start].clause and \
                tokens[i].norm not in _SPLITTERS:
            continue
        if i > start:
            out.append((start, i - 1))
        start = i + 1 if i <= hi and tokens[i].norm in _SPLITTERS else i
    return out


def _content(tokens: list[Token], a: int, b: int) -> list[int]:
    """The content words of tokens[a..b] (not stop words, not list joiners), up to one more
    than a name may have."""
    out = []
    for k in range(a, b + 1):
        t = tokens[k]
        if not t.stop and t.norm not in _JOINERS:
            out.append(k)
            if len(out) > LIST_ITEM_WORDS:
                break
    return out


def _verb(answer: str, tokens: list[Token], k: int) -> bool:
    """A verb, unless written as a name: an acronym ("SMOTE" is no form of "smite") or a
    capitalised word inside a sentence."""
    t = tokens[k]
    text = answer[t.start:t.end]
    if len(text) > 1 and text.isupper():
        return False
    if text[:1].isupper() and k > 0 and tokens[k - 1].sentence == t.sentence:
        return False
    return _is_verb(t)


def _name(answer: str, tokens: list[Token], a: int, b: int) -> Span | None:
    """tokens[a..b] as a name: 1-3 content words, no verb, no number, no word of a reason or
    a condition ("smaller if latency" is not a name, "95% coverage" says how much)."""
    words = _content(tokens, a, b)
    if not 0 < len(words) <= LIST_ITEM_WORDS:
        return None
    for k in range(a, b + 1):
        norm = tokens[k].norm
        if norm in _EXPLAINS or norm[:1].isdigit():
            return None
    if any(_verb(answer, tokens, k) for k in words):
        return None
    return words[0], words[-1]


def _short(answer: str, tokens: list[Token], a: int, b: int) -> Span | None:
    """The piece as an item when it is one: a name."""
    return _name(answer, tokens, a, b)


def _lead(answer: str, tokens: list[Token], a: int, b: int) -> Span | None:
    """The name that ends a longer piece leading into a run ("include the feature registry",
    "the confusion matrix with true positives"): its last content words, up to a stop word
    or a verb."""
    k = b
    while k >= a and b - k < LIST_ITEM_WORDS and not tokens[k].stop and \
            not _verb(answer, tokens, k):
        k -= 1
    return _name(answer, tokens, k + 1, b) if k < b else None


def _tail(answer: str, tokens: list[Token], a: int, b: int) -> Span | None:
    """The name that starts a longer piece closing a run ("random undersampling address the
    skew", "G-mean are the key metrics"): its first content words (at most three), up to a
    stop word or a verb."""
    while a <= b and tokens[a].norm in _JOINERS:
        a += 1
    k = a
    while k <= b and k - a < LIST_ITEM_WORDS and not tokens[k].stop and \
            not _verb(answer, tokens, k):
        k += 1
    if k == a or k > b:
        return None
    return _name(answer, tokens, a, k - 1)


def enumerations(answer: str, tokens: list[Token], lo: int, hi: int,
                 min_items: float) -> list[list[Span]]:
    """The enumerations of the sentence tokens[lo..hi]: runs of at least ``min_items``
    items, each a list of item spans. A piece before a colon heads the list ("Failure modes
    to test for: ..."): the items say what it is, so it is not one of them."""
    pieces = _pieces(tokens, lo, hi)
    # A piece of many words is no name whatever its stop words: not read further.
    shorts = [_short(answer, tokens, a, b) if b - a < _MAX_ITEM_TOKENS else None
              for a, b in pieces]
    # A colon between two pieces ends a run: what follows it explains what leads to it.
    colon = [k > 0 and ":" in answer[tokens[pieces[k - 1][1]].end:tokens[pieces[k][0]].start]
             for k in range(len(pieces))]
    out: list[list[Span]] = []
    k = 0
    while k < len(pieces):
        if shorts[k] is None:
            k += 1
            continue
        j = k
        while j + 1 < len(pieces) and shorts[j + 1] is not None and not colon[j + 1]:
            j += 1
        run = [s for s in shorts[k:j + 1] if s is not None]
        if k > 0 and not colon[k] and (lead := _lead(answer, tokens, *pieces[k - 1])) is not None:
            run.insert(0, lead)
        if j + 1 < len(pieces) and not colon[j + 1] and (
                tail := _tail(answer, tokens, *pieces[j + 1])) is not None:
            run.append(tail)
        if len(run) >= min_items:
            out.append(run)
        k = j + 1
    return out


class Enumerations:
    """The answer's enumerations, read per sentence on demand."""

    __slots__ = ("_by_sentence", "answer", "min_items", "sents")

    def __init__(self, answer: str, sents: Sentences, min_items: float) -> None:
        self.answer = answer
        self.sents = sents
        self.min_items = min_items
        self._by_sentence: dict[int, list[list[Span]]] = {}

    def of(self, i: int) -> list[list[Span]]:
        """The enumerations of the sentence holding token ``i``."""
        tokens = self.sents.tokens
        sent = tokens[i].sentence
        got = self._by_sentence.get(sent)
        if got is None:
            lo, hi = self.sents.bounds(i)
            # Each item is a piece (a clause, cut again at "and" / "or"): a sentence with
            # fewer pieces than an enumeration has items holds none.
            pieces = tokens[hi].clause - tokens[lo].clause + 1
            if pieces < self.min_items:
                pieces += sum(1 for t in tokens[lo:hi + 1] if t.norm in _SPLITTERS)
            got = self._by_sentence[sent] = (
                enumerations(self.answer, tokens, lo, hi, self.min_items)
                if pieces >= self.min_items else [])
        return got

    def find(self, m: PhraseMatch) -> tuple[int, int] | None:
        """(sentence, enumeration number) of the enumeration one of whose items holds the
        match, or None."""
        tokens = self.sents.tokens
        if tokens[m.first].sentence != tokens[m.last].sentence:
            return None
        for e, run in enumerate(self.of(m.first)):
            if run[0][0] <= m.first and m.last <= run[-1][1]:
                return tokens[m.first].sentence, e
        return None

    def inside(self, i: int) -> bool:
        """True when token ``i`` is inside one of its sentence's enumerations."""
        return any(run[0][0] <= i <= run[-1][1] for run in self.of(i))

    def said_elsewhere(self, tok: Token, forms: dict[str, dict[str, list[int]]],
                       by_norm: dict[str, list[int]]) -> bool:
        """True when a word of ``tok``'s stem comes back in another sentence, outside an
        enumeration (named again in another list, it is still only named)."""
        tokens = self.sents.tokens
        same = forms.get(tok.stem)
        groups = same.values() if same is not None else (by_norm.get(tok.norm, ()),)
        return any(tokens[p].sentence != tok.sentence and not self.inside(p)
                   for pos in groups for p in pos)

    def explained(self, sent_first: int, run: list[Span]) -> bool:
        """True when the sentence says why or how outside the enumeration, or the next
        sentence refers back to it."""
        tokens = self.sents.tokens
        lo, hi = self.sents.bounds(sent_first)
        a, b = run[0][0], run[-1][1]
        if any(tokens[k].norm in _EXPLAINS or tokens[k].norm[:1].isdigit()
               for k in (*range(lo, a), *range(b + 1, hi + 1))):
            return True
        return hi + 1 < len(tokens) and tokens[hi + 1].norm in _BACK_REFERENCES and \
            self.sents.explained_next(lo)


def listed_together(answer: str, sents: Sentences, plains: list[list[PhraseMatch]],
                    forms: dict[str, dict[str, list[int]]], by_norm: dict[str, list[int]],
                    min_items: float) -> dict[int, int]:
    """For each criterion (of ``plains``, each criterion's matches) met only as items of
    enumerations, in sentences that explain nothing outside the enumeration, its words said
    nowhere else outside a list: the fewest criteria any of those enumerations holds."""
    explains = sents.explains()
    if len(explains) >= sents.count:
        return {}  # every sentence says why or how
    enums = Enumerations(answer, sents, min_items)
    tokens = sents.tokens
    eligible: dict[int, list[tuple[int, int]]] = {}
    for ci, matches in enumerate(plains):
        keys: list[tuple[int, int]] = []
        for m in matches:
            # A sentence with a word of a reason or a number explains its list: such a word
            # is never part of a name, so it stands outside the enumeration.
            key = None if tokens[m.first].sentence in explains else enums.find(m)
            if key is None:
                break
            keys.append(key)
        else:
            if keys:
                eligible[ci] = keys
    out: dict[int, int] = {}
    for ci, keys in eligible.items():
        matches = plains[ci]
        if any(not t.stop and enums.said_elsewhere(t, forms, by_norm)
               for m in matches for t in tokens[m.first:m.last + 1]):
            continue
        runs = [enums.of(m.first)[k[1]]
                for m, k in zip(matches, keys, strict=True)]
        if any(enums.explained(m.first, run) for m, run in zip(matches, runs, strict=True)):
            continue
        # How many criteria each of its enumerations holds (any match inside the run).
        out[ci] = min(sum(1 for other in plains if any(
            run[0][0] <= m.first and m.last <= run[-1][1] for m in other)) for run in runs)
    return out

def listed_cap(listed: int, params: ScoringParams) -> float:
    """The most a criterion met only in enumerations holding ``listed`` criteria earns."""
    return params.enum_credit if listed >= params.enum_min_criteria else params.list_item_credit


def listed_explanation(text: str, listed: int, params: ScoringParams) -> str:
    share = f"({100 * listed_cap(listed, params):.0f}%)."
    if listed >= params.enum_min_criteria:
        return (f"Listed with other points: '{text}' is one name in a list of several of the "
                f"answer's points, with nothing said about what it does or why {share}")
    return (f"Only listed: '{text}' is one item of a list, with nothing said about what it "
            f"does or why {share}")

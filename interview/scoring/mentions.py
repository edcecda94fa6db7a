"""Naming a concept is not explaining it: a match that stands alone in its clause.

A criterion matched only inside a list item ("ReLU, GELU, batch norm"), a heading
("Latency:") or a bare two-word sentence ("Use dropout.") names the idea without saying
what it does or why. The scorer caps such a match at ``bare_mention_credit``. A criterion
met only once, by a one-word keyword, in a short answer is mentioned, not developed: it is
capped at ``single_mention_credit``. A criterion met in one sentence only (``one_sentence``),
with no reason there, is touched, not developed: the scorer caps it at ``depth_single_credit``.
"""

from __future__ import annotations

from .lexicon import is_noun, verb_lemma
from .params import ScoringParams
from .phrases import Phrase, PhraseMatch
from .text import Token

_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have",
                          "had", "do", "does", "did", "can", "could", "will", "would",
                          "should", "must", "may", "might", "i", "we"})

# A match of more content words than this is a statement, not a name.
MAX_NAME_WORDS = 2
# A clause touching one of these characters is code (`df.groupby("route")`), not a list.
_CODE_CHARS = frozenset("_([{\"'`=<>")


def bare_mention(answer: str, tokens: list[Token], first: int, last: int,
                 params: ScoringParams) -> bool:
    """True when the match names a concept in at most MAX_NAME_WORDS content words and the
    clause holding tokens[first..last] has at most ``bare_clause_words`` words besides it
    (stop words count)."""
    clause = tokens[first].clause
    if tokens[-1].clause - tokens[0].clause + 1 < params.bare_min_clauses:
        return False  # a one-line answer is judged by its coverage alone
    if tokens[last].clause != clause:
        return False  # the match spans clauses: it is part of a longer statement
    if sum(1 for t in tokens[first:last + 1] if not t.stop) > MAX_NAME_WORDS:
        return False  # "split the data by time" says something; "ReLU" names it
    lo = first
    while lo > 0 and tokens[lo - 1].clause == clause:
        lo -= 1
    hi = last
    while hi + 1 < len(tokens) and tokens[hi + 1].clause == clause:
        hi += 1
    others = (hi - lo + 1) - (last - first + 1)
    if others > params.bare_clause_words:
        return False
    if any(_is_verb(t) for t in tokens[lo:hi + 1]):
        return False  # "every neuron is kept", "I ran the job": a statement
    # Code, not prose: `df.groupby("route")` splits into one-word clauses too.
    start, end = tokens[lo].start, tokens[hi].end
    before = answer[start - 1] if start else " "
    if before == ".":
        return False  # "df.groupby"
    after = answer[end:end + 2]
    if after[:1] == "." and after[1:2].strip():
        return False  # "df.groupby": a dot inside a name, not a full stop
    return before not in _CODE_CHARS and after[:1] not in _CODE_CHARS


def _is_verb(tok: Token) -> bool:
    """A word that makes its clause a statement: an auxiliary, a speaker, or a word the
    lexicon knows only as a verb ("ran", "drops")."""
    if tok.norm in _AUXILIARIES:
        return True
    return not tok.stop and verb_lemma(tok.norm) is not None and not is_noun(tok.norm)


def single_word(phrase: Phrase) -> bool:
    """A keyword of one content word ('dropout', 'drift'): when it is all a criterion matched,
    once, the answer mentions the idea rather than develops it (``single_mention_credit``)."""
    return sum(1 for w in phrase.weights if w >= 1.0) <= 1


def one_sentence(matches: list[PhraseMatch], tokens: list[Token],
                 forms: dict[str, dict[str, list[int]]],
                 by_norm: dict[str, list[int]]) -> bool:
    """True when every phrasing a criterion matched sits in one sentence and none of them
    comes back in another (all of a match's content words said again in one other
    sentence): the idea is touched in one place, however many phrasings that sentence has."""
    if len({tokens[m.first].sentence for m in matches}) > 1:
        return False
    for m in matches:
        common: set[int] | None = None
        for p in m.positions.values():
            t = tokens[p]
            if t.stop:
                continue
            same = forms.get(t.stem)
            groups = same.values() if same is not None else (by_norm.get(t.norm, ()),)
            where = {tokens[q].sentence for pos in groups for q in pos}
            common = where if common is None else common & where
        if common is not None and len(common) > 1:
            return False
    return True

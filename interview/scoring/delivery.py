"""Delivery stats of the kind a practice coach shows: words, sentences, fillers, repeats."""

from __future__ import annotations

import re
from collections import Counter

from .report import DeliveryStats
from .text import STOP_WORDS, Token

# One-word fillers, counted wherever they occur.
FILLERS: frozenset[str] = frozenset({
    "um", "umm", "uh", "uhh", "er", "erm", "hmm", "ah", "basically", "literally", "honestly",
    "totally", "obviously", "whatever", "anyways",
})
# Two-word fillers.
FILLER_BIGRAMS: frozenset[tuple[str, str]] = frozenset({
    ("you", "know"), ("i", "mean"), ("kind", "of"), ("sort", "of"), ("you", "see"),
})
_BIGRAM_HEADS = frozenset(a for a, _ in FILLER_BIGRAMS)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")
TOP_WORDS = 5


def _is_filler_like(tokens: list[Token], i: int, text: str) -> bool:
    """ "like" is a filler when set off by commas or opening a clause, not in "looks like"."""
    t = tokens[i]
    before = text[tokens[i - 1].end:t.start] if i > 0 else ","
    after = text[t.end:tokens[i + 1].start] if i + 1 < len(tokens) else ","
    return "," in before or "," in after or i == 0 or tokens[i - 1].clause != t.clause


def delivery_stats(text: str, tokens: list[Token]) -> DeliveryStats:
    fillers: Counter[str] = Counter()
    n = len(tokens)
    counts: Counter[str] = Counter()
    surface: dict[str, dict[str, int]] = {}
    for i, t in enumerate(tokens):
        w = t.norm
        if w in FILLERS or (w == "like" and _is_filler_like(tokens, i, text)):
            fillers[w] += 1
        elif w in _BIGRAM_HEADS and i + 1 < n and (w, tokens[i + 1].norm) in FILLER_BIGRAMS \
                and tokens[i + 1].clause == t.clause:
            fillers[f"{w} {tokens[i + 1].norm}"] += 1
        elif not t.stop and len(w) >= 3 and not w.isdigit():
            counts[t.stem] += 1
            forms = surface.get(t.stem)
            if forms is None:
                surface[t.stem] = {w: 1}
            else:
                forms[w] = forms.get(w, 0) + 1
    top = [(max(surface[s].items(), key=lambda kv: (kv[1], kv[0]))[0], c)
           for s, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WORDS]
           if c > 1]
    stripped = text.strip()
    sentences = len([s for s in _SENTENCE_END.split(stripped) if re.search(r"[^\W_]", s)])
    return DeliveryStats(
        word_count=n,
        sentence_count=sentences,
        filler_count=sum(fillers.values()),
        fillers=dict(sorted(fillers.items(), key=lambda kv: (-kv[1], kv[0]))),
        top_words=top,
    )


def function_word_ratio(tokens: list[Token]) -> float:
    """Share of the words that are function words (a sentence has ~35-55%, a list ~0%)."""
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t.norm in STOP_WORDS) / len(tokens)

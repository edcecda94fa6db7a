"""Delivery stats of the kind a practice coach shows: words, sentences, fillers, repeats."""

from __future__ import annotations

import re

from .report import DeliveryStats
from .text import STOP_WORDS, Token, word_positions

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
# A sentence ends at [.!?]+ before a space or the end, or at a blank line. Written to start
# with one character class (the regex engine then skips other characters fast); the same as
# r"[.!?]+(?=\s|$)|\n\s*\n".
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*(?=\s|$)|(?<=\n)\s*\n)")
# The same for a text with no "!", "?" or line break (most answers): starting with a literal,
# it is searched for several times faster than a character class.
_FULL_STOP_END = re.compile(r"\.[.!?]*(?=\s|$)")
_HAS_WORD = re.compile(r"[^\W_]")
TOP_WORDS = 5


# What a word is to the delivery stats: a filler, a word that may be a filler where it
# stands ("like", "you" in "you know"), a content word counted for repeats, or none of these.
_FILLER, _MAYBE_FILLER, _COUNTED, _OTHER = range(4)
_kinds: dict[str, int] = {}  # remembered per word (cleared when full)


def _counted(w: str) -> bool:
    """A word counted for repeats: a content word of three letters or more, not a number."""
    return w not in STOP_WORDS and len(w) >= 3 and not w.isdigit()


def _kind(w: str) -> int:
    kind = (_FILLER if w in FILLERS else _MAYBE_FILLER if w == "like" or w in _BIGRAM_HEADS
            else _COUNTED if _counted(w) else _OTHER)
    if len(_kinds) > 200_000:
        _kinds.clear()
    _kinds[w] = kind
    return kind


def _is_filler_like(tokens: list[Token], i: int, text: str) -> bool:
    """ "like" is a filler when set off by commas or opening a clause, not in "looks like"."""
    t = tokens[i]
    before = text[tokens[i - 1].end:t.start] if i > 0 else ","
    after = text[t.end:tokens[i + 1].start] if i + 1 < len(tokens) else ","
    return "," in before or "," in after or i == 0 or tokens[i - 1].clause != t.clause


def delivery_stats(text: str, tokens: list[Token],
                   by_norm: dict[str, list[int]] | None = None) -> DeliveryStats:
    """Words, sentences, fillers and repeats. ``by_norm`` (each distinct word's positions,
    ``text.word_positions``) is worked out from ``tokens`` when not given."""
    if by_norm is None:
        by_norm = word_positions(tokens)
    fillers: dict[str, int] = {}
    n = len(tokens)
    counts: dict[str, int] = {}
    surface: dict[str, dict[str, int]] = {}
    kinds = _kinds
    for w, pos in by_norm.items():
        kind = kinds.get(w)
        if kind is None:
            kind = _kind(w)
        if kind == _OTHER:
            continue
        if kind == _FILLER:
            fillers[w] = fillers.get(w, 0) + len(pos)
            continue
        k = len(pos)
        if kind == _MAYBE_FILLER:
            for i in pos:
                if w == "like" and _is_filler_like(tokens, i, text):
                    fillers[w] = fillers.get(w, 0) + 1
                    k -= 1
                elif w in _BIGRAM_HEADS and i + 1 < n and (w, tokens[i + 1].norm) in \
                        FILLER_BIGRAMS and tokens[i + 1].clause == tokens[i].clause:
                    bigram = f"{w} {tokens[i + 1].norm}"
                    fillers[bigram] = fillers.get(bigram, 0) + 1
                    k -= 1
        if k and (kind == _COUNTED or _counted(w)):
            st = tokens[pos[0]].stem  # a word's stem depends only on the word
            counts[st] = counts.get(st, 0) + k
            forms = surface.get(st)
            if forms is None:
                surface[st] = {w: k}
            else:
                forms[w] = k
    # Only repeated words can be top words: sort just those.
    # (-count, stem) sorts most repeated first, then by stem (stems are distinct).
    repeated = sorted([(-c, s) for s, c in counts.items() if c > 1])
    top = [(max(surface[s].items(), key=lambda kv: (kv[1], kv[0]))[0], -c)
           for c, s in repeated[:TOP_WORDS]]
    stripped = text.strip()
    ends = (_SENTENCE_END if "\n" in stripped or "?" in stripped or "!" in stripped
            else _FULL_STOP_END)
    sentences = len(list(filter(_HAS_WORD.search, ends.split(stripped))))
    return DeliveryStats.made(
        word_count=n,
        sentence_count=sentences,
        filler_count=sum(fillers.values()),
        fillers=dict(sorted(fillers.items(), key=lambda kv: (-kv[1], kv[0]))),
        top_words=top,
    )


def function_word_ratio(tokens: list[Token],
                        by_norm: dict[str, list[int]] | None = None) -> float:
    """Share of the words that are function words (a sentence has ~35-55%, a list ~0%)."""
    if not tokens:
        return 0.0
    if by_norm is not None:
        return stop_count(by_norm) / len(tokens)
    return sum(1 for t in tokens if t.norm in STOP_WORDS) / len(tokens)


def stop_count(by_norm: dict[str, list[int]]) -> int:
    """How many of the words (each distinct word's positions) are stop words."""
    return sum(len(by_norm[w]) for w in STOP_WORDS.intersection(by_norm))

"""Delivery statistics' shortcuts read text exactly as the general rule they stand for."""

from __future__ import annotations

import random

from interview.scoring.delivery import _FULL_STOP_END, _SENTENCE_END, delivery_stats
from interview.scoring.text import tokenize

# Pieces where the two sentence-end patterns could differ: runs of dots, dots inside words
# and numbers, spaces of several kinds, and the end of the text.
PIECES = ["a", "Bc", " ", ".", "..", "...", "\t", "\u00a0", "\u2003", ". ", "e.g.", "1.5", "x.",
          "_", ",", "'"]


def test_the_full_stop_pattern_splits_as_the_general_one_without_other_ends() -> None:
    rng = random.Random(11)
    texts = ["One. Two.. Three... e.g. 1.5 done.", "no end", "", "...", "a . b .c. d"]
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
              for _ in range(5000)]
    for text in texts:
        assert _SENTENCE_END.split(text) == _FULL_STOP_END.split(text), text


def test_sentences_are_counted_with_either_pattern() -> None:
    for text, count in [("One. Two... Three", 3), ("What? Yes! No.\n\nNew one", 4),
                        ("e.g. this is 1.5 words. Then more", 3), ("   ", 0)]:
        assert delivery_stats(text, tokenize(text)).sentence_count == count, text

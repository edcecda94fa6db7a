"""The tokenizer's fast scanning regex reads text exactly as the plain one it is written from,
and the helpers that count or group words agree with tokenize()."""

from __future__ import annotations

import random
import re

from interview.scoring.text import (
    _CLAUSE_PUNCT,
    _SCAN_ASCII_RE,
    _SCAN_RE,
    _SCAN_SPEC,
    _scan_pattern,
    tokenize,
    word_count,
    word_positions,
)

# Characters where the alternatives differ: notation, decimals, apostrophes, underscores,
# hyphens, clause punctuation, line breaks, non-Latin digits and letters.
TRICKY = "aoO\x1c\x1f\x0b\x0c Θθω(x)n-.5 1,;\n\t\r\"“”_'’`ʼ½ﬁ²³^*+·/ÉéΩ—–|•![]{}:?Ⅻ٣"


def test_fast_scan_matches_the_plain_pattern() -> None:
    plain = re.compile(_SCAN_SPEC)
    rng = random.Random(5)
    samples = ["O(n log n) vs o(n), 0.5 and 1.5e-3; don't_do-this.", "θ(n²) ΘΩ(1) x(o)",
               "line one\nline two\n\nNext: a_b 'quoted' ½"]
    samples += ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 40)))
                for _ in range(3000)]
    ascii_only = "".join(ch for ch in TRICKY if ch.isascii())
    samples += ["".join(rng.choice(ascii_only) for _ in range(rng.randint(0, 40)))
                for _ in range(2000)]
    for text in samples:
        fast = [(m.span(), m.group()) for m in _SCAN_RE.finditer(text)]
        slow = [(m.span(), m.group()) for m in plain.finditer(text)]
        assert fast == slow, text
        if text.isascii():
            assert [(m.span(), m.group()) for m in _SCAN_ASCII_RE.finditer(text)] == slow


def test_the_pattern_chosen_for_a_text_reads_it_as_the_plain_pattern() -> None:
    """Without "(" or a decimal number, a shorter pattern is used: it must read the same."""
    plain = re.compile(_SCAN_SPEC)
    rng = random.Random(11)
    no_paren = TRICKY.replace("(", "")
    samples = ["a 1.5 b", "x 3. 5 y", "٣.٣ and o (n)", "word-word, 12 and 3.x"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                for alphabet in (TRICKY, no_paren, "".join(c for c in no_paren if c.isascii()))
                for _ in range(2000)]
    chosen = set()
    for text in samples:
        pattern = _scan_pattern(text)
        chosen.add(pattern.pattern)
        assert [(m.span(), m.group()) for m in pattern.finditer(text)] == \
            [(m.span(), m.group()) for m in plain.finditer(text)], text
    assert len(chosen) == 2  # both the full and the short pattern were exercised


def test_token_spans_are_the_plain_pattern_words() -> None:
    """The tokenizer reads positions from the lengths of what it splits: they must be the
    spans of the plain pattern's words (punctuation aside)."""
    plain = re.compile(_SCAN_SPEC)
    rng = random.Random(13)
    samples = ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 60)))
               for _ in range(2000)]
    samples += ["a-b, c.\nd 0.5 O(n) é_e  ", ""]
    for text in samples:
        words = [m.span() for m in plain.finditer(text)
                 if len(m.group()) != 1 or m.group() not in _CLAUSE_PUNCT]
        assert [(t.start, t.end) for t in tokenize(text)] == words, text


def test_word_helpers_agree_with_tokenize() -> None:
    text = "Dropout, um, zeroes units - at train time - and dropout is off at test time."
    tokens = tokenize(text)
    assert word_count(text) == len(tokens)
    positions = word_positions(tokens)
    assert positions["dropout"] == [0, 8]
    assert sorted(i for pos in positions.values() for i in pos) == list(range(len(tokens)))


def _plain_tokenize(text: str) -> list[tuple[object, ...]]:
    """tokenize() written plainly from the plain pattern: every match a word or a
    clause-ending character, which ends the clause (a line break only when it ends a line)."""
    from interview.scoring.text import _SENTENCE_END, _soft_wrap, _word_info

    out: list[tuple[object, ...]] = []
    clause = sentence = 0
    pending = pending_sentence = False
    prev_end = None
    for m in re.compile(_SCAN_SPEC).finditer(text):
        raw = m.group()
        if len(raw) == 1 and raw in _CLAUSE_PUNCT:
            if raw != "\n" or not _soft_wrap(text, m.start()):
                pending = True
                pending_sentence = pending_sentence or raw in _SENTENCE_END
            continue
        if pending and out:
            clause += 1
            sentence += 1 if pending_sentence else 0
        pending = pending_sentence = False
        norm, st, stop, cue = _word_info(raw)
        joined = prev_end is not None and m.start() == prev_end + 1 and text[prev_end] == "-"
        out.append((m.start(), m.end(), norm, st, stop, clause, cue, -1, joined, sentence))
        prev_end = m.end()
    return out


def test_tokens_are_those_of_the_plain_reading() -> None:
    """Clauses, sentences and hyphen-joins too, not only the spans: the tokenizer splits on
    words alone and reads the clause-ending characters from the gaps between them."""
    rng = random.Random(17)
    alphabets = [TRICKY, TRICKY.replace("(", ""), "ab -,.\n\n?! x-y", "a b.\n c\nD -",
                 "aZ09 '`_-.,\n\t\"|"]
    samples = ["".join(rng.choice(a) for _ in range(rng.randint(0, 60)))
               for a in alphabets for _ in range(1500)]
    samples += ["Point-in-time joins - not leakage.\nline\nwraps here. New\n\nPara: x, y; z!",
                "O(n log n), 0.5 - 1.5e-3; don't-do (this).", "-a", "a--b a-b"]
    for text in samples:
        assert [tuple(t) for t in tokenize(text)] == _plain_tokenize(text), text


def test_the_decimal_check_finds_a_point_between_digits() -> None:
    """_DECIMAL_RE starts with the point (fast to look for): it finds a text exactly when
    the plain digit-point-digit pattern does."""
    from interview.scoring.text import _DECIMAL_ASCII_RE, _DECIMAL_RE

    plain = re.compile(r"\d\.\d")
    plain_ascii = re.compile(plain.pattern, re.ASCII)
    rng = random.Random(19)
    for _ in range(20_000):
        text = "".join(rng.choice("1a.٣ .9x\n") for _ in range(rng.randint(0, 12)))
        assert bool(_DECIMAL_RE.search(text)) == bool(plain.search(text)), text
        assert bool(_DECIMAL_ASCII_RE.search(text)) == bool(plain_ascii.search(text)), text

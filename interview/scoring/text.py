"""Text handling for scoring: tokens with offsets into the original answer, normalisation,
stemming, stop words and negation cues (their scopes: negation.py).

Every token keeps the character span it came from, so a match can be highlighted in the
answer exactly as the candidate typed it, whatever normalisation did to its text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import Stemmer

# A word: letters/digits, with inner apostrophes ("don't", "model's") and underscores
# ("is_missing"). Hyphens, slashes and
# other punctuation split words, so "gradient-descent" is "gradient" + "descent".
_WORD_RE = re.compile(r"[^\W_]+(?:['’`ʼ_][^\W_]+)*")
# Characters that end a clause (and so a negation scope) when they sit between two words.
_CLAUSE_PUNCT = frozenset(".,;:!?()[]{}\n\"“”—–|•")
_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "ʼ": "'"})

STOP_WORDS: frozenset[str] = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each either else etc even ever
every few for from further had has have having he her here hers herself him himself his how i if
in into is it its itself just let me might more most must my myself of off on once only or other
our ours ourselves out over own per quite rather same shall she should so some such than that the
their theirs them themselves then there these they this those through thus to too under until up
upon us very via was we were what when where whether which while who whom whose why will with
would yet you your yours yourself yourselves i'm i've i'd i'll you're we're it's that's there's
they're let's lets may also really actually one get got gets make makes made use used using
""".split())  # noqa: SIM905

# Words that open a negation scope. Words ending in "n't" do too (see is_negation_cue).
NEGATION_CUES: frozenset[str] = frozenset({
    "not", "no", "never", "without", "none", "nor", "neither", "cannot", "nothing", "nobody",
    "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt",
    "shouldnt", "cant", "couldnt", "havent", "hasnt", "hadnt", "mustnt", "neednt",
})

_stemmer = Stemmer.Stemmer("english")
_stem_cache: dict[str, str] = {}
_norm_cache: dict[str, str] = {}


def normalize_word(raw: str) -> str:
    """NFKC, casefold, straight apostrophes, no possessive 's."""
    cached = _norm_cache.get(raw)
    if cached is not None:
        return cached
    w = raw.lower() if raw.isascii() else unicodedata.normalize("NFKC", raw).casefold()
    w = w.translate(_APOSTROPHES)
    if "'" in w:
        # Possessives and contractions: "model's" -> "model", "i'd" -> "i", "we'll" -> "we".
        base, _, suffix = w.rpartition("'")
        if suffix in ("s", "d", "ll", "ve", "m", "re") and base:
            w = base
    if len(_norm_cache) > 200_000:
        _norm_cache.clear()
    _norm_cache[raw] = w
    return w


def stem(word: str) -> str:
    cached = _stem_cache.get(word)
    if cached is None:
        if len(word) > 40 or not word.isalpha():
            cached = word
        else:
            cached = _stemmer.stemWord(word)
            # British and American spellings stem apart ("regularis" / "regular").
            if cached.endswith("is") and word.endswith(("isation", "isations", "ise", "ised",
                                                        "ises", "ising")):
                cached = _stemmer.stemWord(word.replace("is", "iz"))
        if len(_stem_cache) > 200_000:
            _stem_cache.clear()
        _stem_cache[word] = cached
    return cached


def is_negation_cue(word: str) -> bool:
    return word in NEGATION_CUES or word.endswith("n't")


class Token(NamedTuple):
    """One word of the answer. A tuple: the tokenizer builds one per word, and a tuple is
    built several times faster than a class instance (``mark_negation`` replaces the few
    tokens inside a negation scope)."""

    start: int
    end: int
    norm: str
    stem: str
    stop: bool
    # Index of the clause (split on punctuation between words) the token is in.
    clause: int
    # True for a negation cue ("not", "never", "doesn't").
    cue: bool = False
    # Position of the negation cue governing this token, or -1.
    neg_cue: int = -1
    # True when joined to the previous word by a hyphen ("time" in "point-in-time").
    joined: bool = False
    # Index of the sentence (split on . ! ? and line breaks that end a line).
    sentence: int = 0


# Builds a Token from a tuple of its fields without the Python-level ``Token.__new__``.
_new_token = tuple.__new__


# Big-O style notation is one token, parentheses included: "O(n log n)", "O(1)", "Θ(n²)".
_NOTATION_RE = r"(?<![^\W_])[oOΘθΩω] ?\([\w ^*+·/.²³-]{1,24}\)"
# A decimal number is one token: "0.5", "1.5e-3" stays "1.5" + "e" + "3".
_NUMBER_RE = r"\d+(?:\.\d+)+"
# A notation, a number, a word, or a character that ends a clause.
_PUNCT_CLASS = r".,;:!?()\[\]{}\n\"“”—–|•"
_SCAN_SPEC = (_NOTATION_RE + "|" + _NUMBER_RE + "|" + _WORD_RE.pattern
              + "|[" + _PUNCT_CLASS + "]")
# The same, written to start with one character class, so the regex engine skips spaces
# fast: the first character is read, and lookbehinds on it choose the alternative.
_SCAN_WORDS = (r"(?:(?<=[oOΘθΩω])(?<![^\W_].) ?\([\w ^*+·/.²³-]{1,24}\)"  # notation
               r"|(?<=\d)\d*(?:\.\d+)+"  # a decimal number
               r"|(?<=[^\W_])[^\W_]*(?:['’`ʼ_][^\W_]+)*)")  # a word
_SCAN_RE = re.compile(r"[\w" + _PUNCT_CLASS + "]" + _SCAN_WORDS[:-1]
                      + "|(?<=[" + _PUNCT_CLASS + "]))")  # or punctuation
# For ASCII text the same pattern reads the same with ASCII-only classes, a little faster.
_SCAN_ASCII_RE = re.compile(_SCAN_RE.pattern, re.ASCII)
# Most answers have no notation (no "(") and no decimal number: then only words and
# punctuation can match, and this shorter pattern reads them exactly as _SCAN_RE does.
_WORDS_RE = re.compile(_WORD_RE.pattern + "|[" + _PUNCT_CLASS + "]")
_WORDS_ASCII_RE = re.compile(_WORDS_RE.pattern, re.ASCII)
# The tokenizer splits on these: each pattern without its punctuation alternative, in a
# group. The text comes back as gap, word, gap, word, ..., gap, without a match object per
# word; the clause-ending characters stay in the gaps (no word can start at one, so the
# words are those the whole pattern reads). A word's repeats are possessive: nothing
# follows them to backtrack for, and the engine then keeps no state to backtrack with.
# In ASCII text, [^\W_] is [A-Za-z0-9] (ranges test faster than a class and its exception)
# and only three of the joining characters can occur. Each is compiled on first use.
_POSSESSIVE_WORD = r"[^\W_]++(?:['’`ʼ_][^\W_]+)*+"
_POSSESSIVE_ASCII_WORD = r"[A-Za-z0-9]++(?:['`_][A-Za-z0-9]+)*+"
_SPLIT_SOURCES = {pattern: ("(" + words + ")", pattern.flags)
                  for pattern, words in ((_SCAN_RE, r"\w" + _SCAN_WORDS),
                                         (_SCAN_ASCII_RE, r"\w" + _SCAN_WORDS),
                                         (_WORDS_RE, _POSSESSIVE_WORD),
                                         (_WORDS_ASCII_RE, _POSSESSIVE_ASCII_WORD))}
_SPLITTERS: dict[re.Pattern[str], re.Pattern[str]] = {}
# A decimal point between digits ("0.5"): written to start with the point, so the regex
# engine looks for "." fast instead of trying every character as a digit.
_DECIMAL_RE = re.compile(r"\.(?<=\d\.)(?=\d)")
_DECIMAL_ASCII_RE = re.compile(_DECIMAL_RE.pattern, re.ASCII)
_SENTENCE_END = frozenset(".!?\n")
# Raw word -> (norm, stem, is stop word, is negation cue); a clause-ending character ->
# ("", "", ends a sentence, is a line break). An empty norm marks punctuation.
_word_cache: dict[str, tuple[str, str, bool, bool]] = {}


def _scan_pattern(text: str) -> re.Pattern[str]:
    """The fastest of the scanning patterns that reads ``text`` exactly as _SCAN_RE."""
    if text.isascii():
        if "(" in text or _DECIMAL_ASCII_RE.search(text):
            return _SCAN_ASCII_RE
        return _WORDS_ASCII_RE
    if "(" in text or _DECIMAL_RE.search(text):
        return _SCAN_RE
    return _WORDS_RE


def _splitter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The splitting form of a scanning pattern (_SPLIT_SOURCES), compiled once."""
    try:
        return _SPLITTERS[pattern]
    except KeyError:
        source, flags = _SPLIT_SOURCES[pattern]
        compiled = _SPLITTERS[pattern] = re.compile(source, flags)
        return compiled


def _word_info(raw: str) -> tuple[str, str, bool, bool]:
    """(norm, stem, is stop word, is negation cue) of one raw word, cached (for a
    clause-ending character: "", "", ends a sentence, is a line break)."""
    info = _word_cache.get(raw)
    if info is None and raw in _CLAUSE_PUNCT:
        info = ("", "", raw in _SENTENCE_END, raw == "\n")
        _word_cache[raw] = info
    if info is None and ("(" in raw or "." in raw):
        # Notation or a decimal number: exact, unstemmed, no spaces ("o(nlogn)", "0.5").
        norm = unicodedata.normalize("NFKC", raw).casefold()
        norm = "".join(ch for ch in norm if not ch.isspace() and ch not in "^*·")
        info = (norm, norm, False, False)
        _word_cache[raw] = info
    if info is None:
        norm = normalize_word(raw)
        # NFKC can turn one character into punctuation ("½" -> "1⁄2"); keep word characters.
        if not norm.replace("'", "").isalnum():
            norm = "".join(ch for ch in norm if ch.isalnum() or ch == "'") or norm
        info = (norm, stem(norm), norm in STOP_WORDS, is_negation_cue(norm))
        if len(_word_cache) > 200_000:
            _word_cache.clear()
        _word_cache[raw] = info
    return info


def _soft_wrap(text: str, at: int) -> bool:
    """True when the newline at ``at`` only wraps a sentence: a word before, lowercase after."""
    j = at - 1
    while j >= 0 and text[j] in " \t\r":
        j -= 1
    after = text[at + 1:at + 40].lstrip(" \t")
    return j >= 0 and text[j].isalnum() and bool(after) and after[0].islower()


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with their spans, normalised and stemmed, clause-numbered."""
    return _scan(text, {})


def tokenize_indexed(text: str) -> tuple[list[Token], dict[str, list[int]]]:
    """``tokenize(text)``, and each distinct word's positions (``word_positions``), in one
    pass."""
    by_norm: dict[str, list[int]] = {}
    return _scan(text, by_norm), by_norm


def _scan(text: str, index: dict[str, list[int]]) -> list[Token]:
    """The tokens of ``text``; fills ``index`` with each distinct word's positions. The
    loop runs once per word: it does as little as it can (see docs/scoring.md#speed)."""
    tokens: list[Token] = []
    append = tokens.append
    clause = 0
    sentence = 0
    pending = False
    pending_sentence = False
    cache = _word_cache
    new_token = _new_token
    punct = _CLAUSE_PUNCT
    end = 0
    parts = iter(_splitter(_scan_pattern(text)).split(text))
    # n: words so far; the last gap is left over.
    for n, (gap, raw) in enumerate(zip(parts, parts, strict=False)):
        start = end + len(gap)
        end = start + len(raw)
        # Most gaps are one space. A lone hyphen joins two words ("point-in-time"); a
        # clause-ending character ends the clause (a line break only when it ends a line).
        joined = False
        if gap != " ":
            if gap == "-":
                joined = n > 0
            elif not punct.isdisjoint(gap):
                at = start - len(gap)
                for k, ch in enumerate(gap):
                    if ch in punct and (ch != "\n" or not _soft_wrap(text, at + k)):
                        pending = True
                        if ch in _SENTENCE_END:
                            pending_sentence = True
        try:
            w = cache[raw]
        except KeyError:
            w = _word_info(raw)
        if pending:
            if n:
                clause += 1
                if pending_sentence:
                    sentence += 1
            pending = pending_sentence = False
        norm = w[0]
        pos = index.get(norm)
        if pos is None:
            index[norm] = [n]
        else:
            pos.append(n)
        append(new_token(Token, (start, end, norm, w[1], w[2], clause, w[3], -1, joined,
                                 sentence)))
    return tokens


def word_count(text: str) -> int:
    """How many words tokenize() finds in ``text`` (without building tokens)."""
    return sum(1 for raw in _SCAN_RE.findall(text)
               if len(raw) != 1 or raw not in _CLAUSE_PUNCT)


def word_positions(tokens: list[Token]) -> dict[str, list[int]]:
    """Each distinct word (norm) of ``tokens`` with its positions, in order of first use."""
    by_norm: dict[str, list[int]] = {}
    get = by_norm.get
    for i, t in enumerate(tokens):
        pos = get(t.norm)
        if pos is None:
            by_norm[t.norm] = [i]
        else:
            pos.append(i)
    return by_norm


def words_of(text: str) -> list[tuple[str, str]]:
    """(norm, stem) of each word of ``text``, as tokenize() reads them, without building
    tokens (for loading phrase tables fast)."""
    out = []
    info = _word_cache.get
    for raw in _SCAN_RE.findall(text):
        if len(raw) == 1 and raw in _CLAUSE_PUNCT:
            continue
        w = info(raw) or _word_info(raw)
        out.append((w[0], w[1]))
    return out


def content_words(text: str) -> list[str]:
    """Stems of the non-stop words of ``text`` (used by baselines and auto-rubrics)."""
    return [t.stem for t in tokenize(text) if not t.stop]

"""The shipped English lexicon (derived from WordNet 3.0), loaded lazily on first use.

``data/lexicon.json.gz`` is built by ``scripts/build_lexicon.py`` (see its docstring for
what is kept and why) and committed; nothing is read from WordNet or downloaded at run
time. Loading takes a few tens of milliseconds (``benchmarks/bench_scoring.py`` measures
it) and happens only when a rubric first needs a synonym, a lemma or a part of speech.

Licence: WordNet 3.0 Copyright 2006 by Princeton University; see data/LICENSE-WordNet.
"""

from __future__ import annotations

import gzip
import json
import threading
from functools import cache, lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")  # the package data, read as files

# Suffix rules of WordNet's "morphy" for turning an inflected form into a lemma candidate.
_VERB_RULES = (("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
               ("ing", ""), ("s", ""))
_NOUN_RULES = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
               ("men", "man"), ("ies", "y"), ("s", ""))
_VOWELS = frozenset("aeiou")


_lock = threading.Lock()


@cache
def _data() -> dict[str, object]:
    """The raw lexicon, read once (thread-safe) from the package data."""
    with _lock:
        raw = (_DATA / "lexicon.json.gz").read_bytes()
        data: dict[str, object] = json.loads(gzip.decompress(raw))
        return data


@cache
def _pos_data() -> dict[str, str]:
    """Noun, adjective and adverb lists (only auto-rubrics read them), in their own file."""
    with _lock:
        raw = (_DATA / "lexicon_pos.json.gz").read_bytes()
        pos: dict[str, str] = json.loads(gzip.decompress(raw))["pos"]
        return pos


@cache
def _pos(tag: str) -> frozenset[str]:
    """Single-word lemmas of one part of speech (n, v, a, r); each set is built on first use."""
    pos = _data()["pos"] if tag == "v" else _pos_data()
    assert isinstance(pos, dict)
    return frozenset(pos[tag].split())


def exceptions() -> dict[str, str]:
    """Irregular form -> lemma (WordNet's noun and verb exception lists)."""
    return _exceptions()


@cache
def _exceptions() -> dict[str, str]:
    items = str(_data()["exc"]).split()
    return {items[i]: items[i + 1].replace("_", " ") for i in range(0, len(items) - 1, 2)}


@cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    syn: dict[str, list[str]] = {}
    for line in str(_data()["syn"]).split("\n"):
        _, _, members = line.partition(":")
        words = members.split("|")
        for w in words:
            others = syn.setdefault(w, [])
            others.extend(o for o in words if o != w and o not in others)
    return {k: tuple(v) for k, v in syn.items()}


def load() -> None:
    """Read everything the scorer uses at answer time (for benchmarks and warm-up)."""
    _pos("v")
    _exceptions()
    _synonyms()


def _candidates(word: str, rules: tuple[tuple[str, str], ...]) -> list[str]:
    out = []
    for suffix, repl in rules:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            base = word[: -len(suffix)] + repl
            out.append(base)
            # "stopped" -> "stopp" -> "stop"
            if not repl and len(base) > 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
                out.append(base[:-1])
    return out


@lru_cache(maxsize=65536)
def verb_lemma(word: str) -> str | None:
    """The verb this word is a form of ("rewrote" -> "rewrite", "designed" -> "design")."""
    verbs = _pos("v")
    base = _exceptions().get(word)
    if base is not None and base in verbs:
        return base
    if word in verbs:
        return word
    for cand in _candidates(word, _VERB_RULES):
        if cand in verbs:
            return cand
    return None


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The word's lemma: irregular forms from WordNet's exception lists ("mice" -> "mouse",
    "ran" -> "run"), else the word itself (regular inflection is the stemmer's job)."""
    return _exceptions().get(word, word)


@lru_cache(maxsize=65536)
def is_noun(word: str) -> bool:
    nouns = _pos("n")
    if word in nouns:
        return True
    return any(c in nouns for c in _candidates(word, _NOUN_RULES))


def is_adjective(word: str) -> bool:
    return word in _pos("a")


def is_adverb(word: str) -> bool:
    return word in _pos("r")


def wordnet_synonyms(word: str) -> tuple[str, ...]:
    """Other words for ``word`` in its dominant sense (empty for ambiguous or unknown words)."""
    return _synonyms().get(word, ())

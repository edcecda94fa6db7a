"""The curated ML-domain equivalence table (data/domain_terms.txt) and keyword variants.

A rubric keyword that contains a phrase of the table gets variants with that phrase replaced
by each other phrase of its group: the keyword "validation error" also reads "held-out
error", "dev error"... and, replacing a second, separate phrase, "held-out loss". Variants
never chain (a replaced phrase is not replaced again), so "loss ~ cost" and "cost ~ budget"
never make "loss ~ budget".
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .text import tokenize, words_of

_DATA = Path(__file__).with_name("data")  # the package data, read as files

# A keyword's variants are capped; the first replacements (the keyword's own phrases, in
# table order) come first.
MAX_VARIANTS = 24

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Member:
    text: str
    stems: tuple[str, ...]  # content stems (stop words dropped)
    group: int


@dataclass(frozen=True, slots=True)
class DomainTable:
    groups: tuple[tuple[Member, ...], ...]
    by_first: dict[str, tuple[Member, ...]]
    # Every stem the table uses: WordNet synonyms are not used for these words,
    # because their technical meaning is not WordNet's ("bias" is not "prejudice").
    stems: frozenset[str]


# Words a phrase of the table may drop or add without changing it.
_ARTICLES = frozenset({"a", "an", "the"})


def _content_stems(text: str) -> tuple[str, ...]:
    """The stems of the phrase's words, articles aside: "off at test time" keeps its "off"."""
    return tuple(st for norm, st in words_of(text) if norm not in _ARTICLES)


@cache
def table() -> DomainTable:
    """The table, parsed once (thread-safe)."""
    with _lock:
        raw = (_DATA / "domain_terms.txt").read_text(
            encoding="utf-8")
        groups: list[tuple[Member, ...]] = []
        by_first: dict[str, list[Member]] = {}
        stems: set[str] = set()
        for line in raw.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            gid = len(groups)
            members = []
            for text in (p.strip() for p in line.split(" | ")):
                st = _content_stems(text)
                if not st:
                    continue
                m = Member(text, st, gid)
                members.append(m)
                by_first.setdefault(st[0], []).append(m)
                stems.update(st)
            groups.append(tuple(members))
        return DomainTable(tuple(groups), {k: tuple(v) for k, v in by_first.items()},
                           frozenset(stems))


def is_domain_stem(stem: str) -> bool:
    return stem in table().stems


@lru_cache(maxsize=65536)
def variants(keyword: str) -> tuple[str, ...]:
    """Other ways to say ``keyword`` by the domain table (not including the keyword itself)."""
    tab = table()
    toks = tokenize(keyword)
    content = [i for i, t in enumerate(toks) if t.norm not in _ARTICLES]
    cstems = [toks[i].stem for i in content]
    spans: list[tuple[int, int, int]] = []  # (first token, last token, group)
    for ci, st in enumerate(cstems):
        for m in tab.by_first.get(st, ()):
            n = len(m.stems)
            if tuple(cstems[ci:ci + n]) == m.stems:
                spans.append((content[ci], content[ci + n - 1], m.group))
    if not spans:
        return ()
    # Longest phrases first: "validation set" is replaced whole before "validation" alone.
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[str] = []
    seen = {" ".join(cstems)}

    def add(text: str) -> None:
        key = " ".join(_content_stems(text))
        if key and key not in seen:
            seen.add(key)
            out.append(text)

    def replace(text_spans: list[tuple[int, int, str]]) -> str:
        parts = []
        pos = 0
        for first, last, alt in sorted(text_spans):
            parts.append(keyword[pos:toks[first].start])
            parts.append(alt)
            pos = toks[last].end
        parts.append(keyword[pos:])
        return " ".join("".join(parts).split())

    for first, last, gid in spans:
        for m in tab.groups[gid]:
            add(replace([(first, last, m.text)]))
            if len(out) >= MAX_VARIANTS:
                return tuple(out)
    # Two separate phrases replaced at once ("validation error" -> "held-out loss").
    for a in range(len(spans)):
        for b in range(a + 1, len(spans)):
            fa, la, ga = spans[a]
            fb, lb, gb = spans[b]
            if fb <= la or ga == gb:
                continue
            for ma in tab.groups[ga]:
                for mb in tab.groups[gb]:
                    add(replace([(fa, la, ma.text), (fb, lb, mb.text)]))
                    if len(out) >= MAX_VARIANTS:
                        return tuple(out)
    return tuple(out)

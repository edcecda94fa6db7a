"""The compiled forms of a rubric: phrases, groups, vocabulary, and phrase matches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .params import DEFAULT_PARAMS, ScoringParams
from .typos import TypoFinder

# Why a word of the answer matched a word of the rubric (worst first when combined).
EXACT, LEMMA, TYPO, SYNONYM = 0, 1, 2, 3
REASONS = {EXACT: "same word", LEMMA: "same lemma", TYPO: "typo", SYNONYM: "synonym (WordNet)"}
DOMAIN_REASON = "domain term"

STOP_WEIGHT = 0.2
# Words that add almost nothing to a phrase, even one with a single content word: articles,
# and the auxiliaries a contraction swallows ("I'd test" is "I would test").
LIGHT_WORDS = frozenset({"a", "an", "the", "would", "will", "have", "has", "had", "am", "is",
                         "are"})
# The speaker, in a phrase like "I decided": it matters (first person is the point of STAR),
# but less than the verb.
SUBJECT_WEIGHT = 0.3
SUBJECT_WORDS = frozenset({"i"})
# Stop words that carry meaning inside any phrase: "more data" is not "data", "all units"
# is not "units". They always count fully.
MEANINGFUL_STOP = frozenset({"more", "less", "fewer", "most", "least", "only", "too", "all",
                             "no", "off", "out", "up", "down", "over", "under", "against",
                             "without", "same", "few", "nothing", "never", "not", "than"})
JOINED_CUTOFF = 92.0

Word = tuple[str, str]  # (norm, stem)
# What an answer word can match in a compiled rubric (answer_index.py): its stem and its
# lemma's stem ("" when no rubric word needs them), the rubric words it is a typo of,
# whether it is a negation cue, and the rubric words it is.
AnswerWord = tuple[str, str, tuple[tuple[Word, float], ...], bool, tuple[Word, ...]]


@dataclass(slots=True)
class Phrase:
    text: str
    # (norm, stem) of the phrase's words, and how much each counts: stop words count
    # little in a criterion ("I decided" is mostly "decided") but fully in a red flag.
    words: list[Word]
    weights: list[float]
    # The content words glued together ("cross validation" -> "crossvalidation"), so an
    # answer writing the compound as one word still matches. Empty for one-word phrases.
    joined: str = ""
    # Indexes of the phrase's negation words ("not" in "not connected").
    negative: tuple[int, ...] = ()
    total_weight: float = 1.0
    joined_word: Word = ("", "")
    # An authored phrase of several words needs at least two of them: "data" alone is not
    # "more data", "own" alone is not "I owned". Auto-rubrics give partial credit instead.
    min_words: int = 1
    # The rubric keyword this phrase says; for a domain-table variant, ``text`` is the
    # variant and ``keyword`` the rubric's wording.
    keyword: str = ""
    via_domain: bool = False
    # Words whose presence in the answer makes the phrase worth looking for.
    anchors: frozenset[Word] = frozenset()
    # Words that must all be in the answer for the phrase to count in full (domain variants
    # and negation-bearing phrases count only in full).
    needed: frozenset[Word] = frozenset()
    # One entry per word that counts towards ``min_words`` (repeats kept): fewer of them in
    # the answer than ``min_words`` (and no joined compound) and the phrase cannot match.
    heavy: tuple[Word, ...] = ()
    # A reversed reading (reversal.py): indexes of its opposite words, which a match must
    # contain (a match without them is the keyword's own words, not the reversal).
    pivot: tuple[int, ...] = ()

    def possible(self, hit_words: set[Word]) -> bool:
        """Cheap pre-check: can this phrase match an answer with these words at all?"""
        if self.anchors.isdisjoint(hit_words):
            return False
        return self.complete(hit_words)

    def complete(self, hit_words: set[Word]) -> bool:
        """For a phrase with an anchor in the answer (a ``Group.candidates`` phrase): are the
        words it needs in full there too?"""
        if (self.via_domain or self.negative) and not self.needed <= hit_words:
            return bool(self.joined) and self.joined_word in hit_words
        return True


@dataclass(slots=True)
class Group:
    """A criterion's (or a red flag's) alternative phrases."""

    phrases: list[Phrase]
    anchors: frozenset[Word] = frozenset()
    # anchor word -> indexes of the phrases it anchors (to visit only phrases that can match;
    # a phrase that counts only in full is under one of its words: matcher._indexed)
    by_word: dict[Word, tuple[int, ...]] = field(default_factory=dict)

    def candidates(self, hit_words: set[Word]) -> Iterable[Phrase]:
        """The phrases with an anchor among ``hit_words``, in the group's order (keywords
        first, then their domain variants). Every phrase that is ``complete`` with these
        words is among them; a few that are not may be too."""
        found = self.anchors & hit_words
        if not found:
            return ()
        # by_word lists each word's phrases in the group's order; several words' lists are
        # merged in C (a union, then a sort), not by testing every phrase of the group.
        by_word = self.by_word
        at = (by_word[next(iter(found))] if len(found) == 1
              else sorted(set().union(*map(by_word.__getitem__, found))))
        return map(self.phrases.__getitem__, at)


@dataclass(slots=True)
class VocabWord:
    cue: bool  # a negation cue: matched by any negation in the answer
    cutoff: float  # minimum rapidfuzz ratio for a typo (> 100: exact only)
    synonyms: tuple[str, ...] = ()  # stems of WordNet synonyms


@dataclass(slots=True)
class CompiledRelation:
    subject: Group
    object: Group
    swapped: Group


@dataclass(slots=True)
class CompiledRubric:
    criteria: list[Group]
    red_flags: list[Group]
    # Per criterion, its relations' phrase groups.
    relations: list[list[CompiledRelation]] = field(default_factory=list)
    # Every distinct (norm, stem) any phrase needs, plus the joined compounds.
    vocab: dict[Word, VocabWord] = field(default_factory=dict)
    params: ScoringParams = DEFAULT_PARAMS
    # Lookups for the answer index: vocabulary words by stem (cues aside), the negation
    # cues, and the rubric's own words (only they are matched by lemma, synonym or typo;
    # ``own_words`` lists those with a synonym or a typo to look for).
    by_stem: dict[str, list[Word]] = field(default_factory=dict)
    cue_words: list[Word] = field(default_factory=list)
    own_words: list[tuple[Word, VocabWord]] = field(default_factory=list)
    typos: TypoFinder = field(default_factory=lambda: TypoFinder([]))
    # The stems an answer word needs to be grouped under: those of ``by_stem`` and the
    # synonyms of ``own_words``.
    wanted_stems: frozenset[str] = frozenset()
    # Per criterion, its keywords read the wrong way round (reversal.py); each phrase's
    # ``keyword`` is the rubric keyword it reverses. Empty for auto-rubrics.
    reversals: list[Group] = field(default_factory=list)
    # Answer words seen with this rubric: what each can match (answer_index.py).
    answer_words: dict[str, AnswerWord] = field(default_factory=dict)


@dataclass(slots=True)
class PhraseMatch:
    phrase: Phrase
    first: int  # token index
    last: int  # token index (inclusive)
    similarity: float  # 0-100; < 100 for typos, gaps, word order, synonyms or partial coverage
    coverage: float  # share of the phrase's words found (0-1)
    negated: bool
    cue: int = -1  # token index of the negation cue, when negated
    # token positions of the phrase's words that matched (word index -> token index)
    positions: dict[int, int] = field(default_factory=dict)

"""Auto-rubric: derive criteria from a model answer when a question has no rubric.

The model answer is cut into key phrases: runs of content words between stop words and
punctuation (the idea behind RAKE). Each distinct phrase becomes a criterion whose weight is
the importance of its words: longer, rarer-looking words weigh more, and words that merely
repeat the question weigh little (a candidate who echoes the question has said nothing).
"""

from __future__ import annotations

import re

from ..banks import Criterion, EffectiveRubric
from .rarity import rarity
from .synonyms import synonyms
from .text import Token, is_negation_cue, tokenize

MAX_CRITERIA = 12
MAX_PHRASE_WORDS = 3
# Words that carry little meaning on their own even though they are not stop words.
WEAK_WORDS: frozenset[str] = frozenset({
    "way", "thing", "things", "something", "lot", "lots", "kind", "type", "example", "case",
    "want", "need", "like", "well", "good", "better", "best", "important", "different",
    "many", "much", "often", "usually", "first", "second", "new", "able", "take", "give",
    "say", "said", "know", "think", "see", "look", "time", "instead", "rather", "because",
})
ECHO_IMPORTANCE = 0.3
# Extra keywords per criterion: the phrase with one word swapped for a synonym.
MAX_VARIANTS = 6
# How much word rarity (wordfreq) counts in a word's importance, against word length (0-1).
RARITY_SHARE = 0.5


def word_importance(tok: Token, prompt_stems: set[str]) -> float:
    """How much a word of the model answer matters, roughly 0.2-1.6."""
    w = tok.norm
    base = 1.0 + min(max(len(w) - 5, 0), 5) * 0.12
    if RARITY_SHARE:
        base = (1 - RARITY_SHARE) * base + RARITY_SHARE * rarity(w)
    if w in WEAK_WORDS:
        base *= 0.4
    if tok.stem in prompt_stems:
        base *= ECHO_IMPORTANCE
    return base


def key_phrases(model_answer: str, prompt: str = "") -> list[tuple[list[Token], float]]:
    """(words, importance) for each distinct key phrase, in order of first appearance."""
    tokens = tokenize(model_answer)
    prompt_stems = {t.stem for t in tokenize(prompt) if not t.stop}
    runs: list[list[Token]] = []
    run: list[Token] = []
    for t in tokens:
        if t.stop or (run and t.clause != run[-1].clause):
            if run:
                runs.append(run)
            run = [] if t.stop else [t]
            continue
        run.append(t)
    if run:
        runs.append(run)
    phrases: list[tuple[list[Token], float]] = []
    seen: set[str] = set()
    for r in runs:
        # A negation cue belongs to the idea ("not connected"); keep it with the next word.
        for i in range(0, len(r), MAX_PHRASE_WORDS):
            chunk = r[i:i + MAX_PHRASE_WORDS]
            chunk = [t for t in chunk if t.stem not in seen or is_negation_cue(t.norm)]
            if not chunk or all(is_negation_cue(t.norm) for t in chunk):
                continue
            seen.update(t.stem for t in chunk if not is_negation_cue(t.norm))
            phrases.append((chunk, sum(word_importance(t, prompt_stems) for t in chunk)))
    return phrases


def _variants(text: str, words: list[Token]) -> list[str]:
    """The phrase with one word at a time replaced by each of its synonyms."""
    raw = [text[t.start:t.end] for t in words]
    out: list[str] = []
    for i, t in enumerate(words):
        for syn in synonyms(t.stem):
            out.append(" ".join([*raw[:i], syn, *raw[i + 1:]]))
            if len(out) >= MAX_VARIANTS:
                return out
    return out


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "point"
    if not re.match(r"^[a-z0-9]", base):
        base = "point-" + base
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def derive_rubric(model_answer: str, prompt: str = "") -> EffectiveRubric:
    """A rubric whose criteria are the model answer's key phrases, weighted by importance."""
    text = model_answer or ""
    phrases = key_phrases(text, prompt)
    top = sorted(range(len(phrases)), key=lambda i: (-phrases[i][1], i))[:MAX_CRITERIA]
    used: set[str] = set()
    criteria: list[Criterion] = []
    for i in sorted(top):
        words, importance = phrases[i]
        phrase = text[words[0].start:words[-1].end]
        # Keep only the words of the chunk (a chunk may skip a repeated word).
        if len(words) > 1 and phrase.count(" ") + 1 > len(words) + 1:
            phrase = " ".join(text[t.start:t.end] for t in words)
        phrase = " ".join(phrase.split())[:300]
        criteria.append(Criterion(
            id=_slug(phrase, used), label=phrase[:60], weight=round(max(importance, 0.1), 2),
            keywords=[phrase, *_variants(text, words)],
            probe=f"Can you say more about {phrase}?",
        ))
    if not criteria:
        criteria.append(Criterion(id="answer", label="answers the question", weight=1.0,
                                  keywords=[" ".join(text.split())[:300] or "answer"]))
    return EffectiveRubric(criteria=criteria, source="auto")


def rubric_yaml(rubric: EffectiveRubric) -> str:
    """The rubric as a question's ``rubric:`` block, ready to paste into a bank and edit."""
    import yaml

    criteria = []
    for c in rubric.criteria:
        item: dict[str, object] = {"id": c.id, "label": c.label, "weight": c.weight,
                                   "keywords": list(c.keywords)}
        if c.required:
            item["required"] = True
        if c.probe:
            item["probe"] = c.probe
        criteria.append(item)
    body: dict[str, object] = {"criteria": criteria}
    if rubric.red_flags:
        body["red_flags"] = [r.model_dump(exclude_none=True) for r in rubric.red_flags]
    header = ("# Suggested from the model answer: key phrases weighted by importance.\n"
              "# Add synonyms to keywords, mark must-have points required: true, and\n"
              "# add red_flags for common misconceptions.\n")
    return header + yaml.safe_dump({"rubric": body}, sort_keys=False, allow_unicode=True,
                                   width=100)

"""Auto-rubric: derive criteria from a model answer when a question has no rubric.

Concepts are the model answer's noun phrases ("class imbalance", "positive terminal"),
verb-object pairs ("subtract the max", "oversample the minority class") and predicates after
a copula ("are not connected"), found with a light part-of-speech reading from the shipped
lexicon (lexicon.py): a word the lexicon knows only as a verb is a verb, an unknown word is
a noun (jargon), and ambiguous words are read from their neighbours. A concept always has a
noun or is a predicate; function words never make a concept on their own ("predicts not",
"false positives versus" cannot occur), and a negation only ever attaches to the word after
it ("not connected"), never backwards.

Each concept's weight is the importance of its words: rarer and longer words weigh more
(word rarity from ``wordfreq``), vague words less, and words that echo the question only
ECHO_IMPORTANCE. Probes are phrased from the concept.
"""

from __future__ import annotations

import re

from ..banks import Criterion, EffectiveRubric
from .lexicon import is_adjective, is_adverb, is_noun, verb_lemma
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
    "versus", "vs", "etc", "also", "still", "just", "even", "really", "always", "whatever",
    "otherwise", "therefore", "hence", "thus", "however", "typically", "simply",
})
ECHO_IMPORTANCE = 0.3
# Extra keywords per criterion: the phrase with one word swapped for a synonym.
MAX_VARIANTS = 6
# How much word rarity (wordfreq) counts in a word's importance, against word length (0-1).
RARITY_SHARE = 0.5
# Verbs too light to make a verb-object concept ("have a model", "make sure").
LIGHT_VERBS = frozenset({"be", "have", "do", "make", "get", "give", "take", "go", "come",
                         "use", "let", "put", "keep", "say", "see", "know", "think", "want",
                         "need", "try", "seem", "become", "mean", "show", "tell", "find",
                         "happen", "end", "occur", "exist", "appear", "begin", "start",
                         "stay", "remain", "include", "involve", "depend", "lead", "happens"})
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "becomes", "become",
                     "stays", "remain", "remains", "gets", "get"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their",
                         "his", "her", "our", "your", "my", "each", "every", "some", "any",
                         "no", "all", "both", "of", "in", "on", "for", "with", "to", "by",
                         "from", "at", "into", "per"})
# What may sit between a verb and its object: articles and possessives, not prepositions.
ARTICLES = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their",
                      "his", "her", "our", "your", "my", "each", "every", "some", "any", "all",
                      "both"})
PARTICLES = frozenset({"up", "out", "off", "down", "away", "back"})
SUBJECTS = frozenset({"i", "we", "you", "they", "it", "he", "she", "which", "that", "who"})
MODALS = frozenset({"can", "could", "will", "would", "should", "must", "may", "might", "to",
                    "cannot", "dont", "doesnt", "didnt", "wont"})

N, V, A, R, X = "N", "V", "A", "R", "X"  # noun, verb, adjective, adverb, other

# Latin abbreviations: blanked (same length, so offsets hold) before reading concepts, or
# "e.g." would give the concepts "e" and "g".
_ABBREVIATION_RE = re.compile(r"(?<![A-Za-z])(?:e\.\s?g|i\.\s?e|etc|cf|viz)\.", re.IGNORECASE)


def word_importance(tok: Token, prompt_stems: set[str]) -> float:
    """How much a word of the model answer matters, roughly 0.2-1.6."""
    w = tok.norm
    base = 1.0 + min(max(len(w) - 5, 0), 5) * 0.12
    base = (1 - RARITY_SHARE) * base + RARITY_SHARE * rarity(w)
    if w in WEAK_WORDS:
        base *= 0.4
    if tok.stem in prompt_stems:
        base *= ECHO_IMPORTANCE
    return base


def _tags(tokens: list[Token]) -> list[str]:
    """A light part-of-speech reading of each token (N, V, A, R or X)."""
    tags: list[str] = []
    for i, t in enumerate(tokens):
        w = t.norm
        if t.stop or t.cue or (w in WEAK_WORDS and not is_noun(w)):
            tags.append(X)
            continue
        if any(ch.isdigit() for ch in w):
            tags.append(N)
            continue
        noun, verb = is_noun(w), verb_lemma(w) is not None
        adj, adv = is_adjective(w), is_adverb(w)
        prev = tokens[i - 1].norm if i and tokens[i - 1].clause == t.clause else ""
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) and tokens[i + 1].clause == t.clause \
            else ""
        if adv and w.endswith("ly") and not noun:
            tags.append(R)
        elif verb and noun and w.endswith("s") and tags and tags[-1] in (N, A) and nxt and \
                not tokens[i + 1].stop and i and tokens[i - 1].clause == t.clause:
            tags.append(V)  # "the split leaks information"
        elif verb and (nxt in ARTICLES or nxt in PARTICLES or tokens[i + 1].cue
                       if nxt else False) and prev not in ARTICLES:
            tags.append(V)  # "sets the step size", "fitting the scaler", "ends up"
        elif adv and w.endswith("ly") and not noun:
            tags.append(R)
        elif verb and not noun and not adj:
            tags.append(V)
        elif noun and not verb and not adj:
            tags.append(N)
        elif verb and (prev in SUBJECTS or prev in MODALS or (w.endswith(("ed", "ing"))
                       and prev in COPULAS)) and not (prev in DETERMINERS and prev != "to"):
            tags.append(V)
        elif (adj and not noun) or (adj and i + 1 < len(tokens) and is_noun(tokens[i + 1].norm) and \
                not tokens[i + 1].stop):
            tags.append(A)
        elif noun or not (verb or adj or adv):
            tags.append(N)  # a noun, or jargon the lexicon does not know
        elif adj:
            tags.append(A)
        else:
            tags.append(V)
    return tags


def concepts(model_answer: str) -> list[list[Token]]:
    """The model answer's concepts, in order: noun phrases, verb + object, predicates."""
    tokens = tokenize(model_answer)
    tags = _tags(tokens)
    n = len(tokens)
    out: list[list[Token]] = []
    i = 0
    while i < n:
        t = tokens[i]
        neg = None
        j = i
        if t.cue and j + 1 < n and tokens[j + 1].clause == t.clause:
            neg, j = t, j + 1  # a negation attaches to what follows, never backwards
            while j < n and tokens[j].norm in COPULAS | {"be"} and tokens[j].clause == t.clause:
                j += 1
        if j >= n:
            break
        tag = tags[j]
        if tag in (N, A):
            k = j
            while k < n and tags[k] in (N, A) and tokens[k].clause == tokens[j].clause and \
                    k - j < MAX_PHRASE_WORDS:
                k += 1
            words = tokens[j:k]
            has_noun = any(tags[tokens.index(w)] == N for w in words)
            trailing: list[Token] = []
            while has_noun and tags[tokens.index(words[-1])] == A:
                trailing.insert(0, words[-1])  # "the water evaporated": a noun, a predicate
                words = words[:-1]
            if has_noun or neg or len(words) > 1 or tags[j] == A:
                out.append(([neg] if neg else []) + words)
            if trailing:
                out.append(trailing)
            i = k
            continue
        if tag == V:
            verb = verb_lemma(t.norm) if neg is None else verb_lemma(tokens[j].norm)
            k = j + 1
            obj_neg = None
            while k < n and tokens[k].clause == tokens[j].clause and k - j <= 2 and (
                    tokens[k].norm in ARTICLES or tokens[k].cue):
                if tokens[k].cue:
                    obj_neg = tokens[k]  # "predicts no fraud": the "no" stays with "fraud"
                k += 1
            obj: list[Token] = []
            while k < n and tags[k] in (N, A) and tokens[k].clause == tokens[j].clause and \
                    len(obj) < MAX_PHRASE_WORDS - 1:
                obj.append(tokens[k])
                k += 1
            prev = tokens[j - 1].norm if j else ""
            if obj and verb not in LIGHT_VERBS:
                out.append(([neg] if neg else []) + [tokens[j]]
                           + ([obj_neg] if obj_neg else []) + obj)
                i = k
                continue
            if verb not in LIGHT_VERBS or neg is not None or prev in COPULAS:
                # A predicate: "are (not) connected", "water evaporated", "training diverges".
                out.append(([neg] if neg else []) + [tokens[j]])
            i = j + 1
            continue
        i = j + 1
    return out


def blank_abbreviations(text: str) -> str:
    """``text`` with "e.g.", "i.e.", "etc." blanked out, every other offset unchanged."""
    return _ABBREVIATION_RE.sub(lambda m: " " * len(m[0]), text)


def key_phrases(model_answer: str, prompt: str = "") -> list[tuple[list[Token], float]]:
    """(words, importance) for each distinct concept, in order of first appearance."""
    model_answer = blank_abbreviations(model_answer)
    prompt_stems = {t.stem for t in tokenize(prompt) if not t.stop}
    phrases: list[tuple[list[Token], float]] = []
    seen: set[str] = set()
    for words in concepts(model_answer):
        content = [t for t in words if not is_negation_cue(t.norm)]
        key = " ".join(sorted(t.stem for t in content))
        if not content or key in seen or all(t.norm in WEAK_WORDS for t in content):
            continue
        seen.add(key)
        phrases.append((words, sum(word_importance(t, prompt_stems) for t in content)))
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


def _slash_alternatives(text: str, words: list[Token]) -> list[str]:
    """Each side of "A/B" in a concept as a keyword of its own: "linear/quadratic probing"
    gives "linear probing" and "quadratic probing", "encapsulation/information hiding" gives
    "encapsulation" and "information hiding". Naming one side is the point."""
    for i in range(len(words) - 1):
        if text[words[i].end:words[i + 1].start].strip() == "/":
            left = [text[t.start:t.end] for t in words[:i + 1]]
            right = [text[t.start:t.end] for t in words[i + 1:]]
            out = [" ".join(right)]
            if len(right) > 1:
                out.append(" ".join(left + right[1:]))
            if is_noun(words[i].norm) or not (is_adjective(words[i].norm)
                                              or verb_lemma(words[i].norm)):
                out.append(" ".join(left))
            return out
    return []


def _surface(text: str, words: list[Token]) -> str:
    """The concept as written ("fitting the scaler"), when only articles sit between its
    words; else its words joined."""
    span = " ".join(text[words[0].start:words[-1].end].split())
    inner = [t.norm for t in tokenize(span)]
    if len(inner) <= len(words) + 2 and all(w in ARTICLES or w in {t.norm for t in words}
                                            for w in inner):
        return span
    return " ".join(text[t.start:t.end] for t in words)


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "point"
    if not re.match(r"^[a-z0-9]", base):
        base = "point-" + base
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def probe_for(phrase: str, words: list[Token]) -> str:
    """An interviewer's question about the concept, phrased from it."""
    negated = bool(words) and is_negation_cue(words[0].norm)
    body = [t for t in words if not is_negation_cue(t.norm)]
    if not body:
        return f"Can you explain {phrase}?"
    head = body[0]
    text = " ".join(text_of(t) for t in body)
    if negated:
        return f"Is it {text} or not here, and how can you tell?"
    verb = verb_lemma(head.norm)
    if (verb is not None and len(body) > 1 and not is_noun(head.norm)) or (
            verb is not None and len(body) > 1 and head.norm.endswith(("ed", "ing", "s"))
            and not head.norm.endswith("ss") and verb != head.norm):
        obj = phrase.split(" ", 1)[1] if " " in phrase else ""
        return f"Why would you {verb} {obj}, and what happens if you don't?"
    if len(body) == 1 and not is_noun(head.norm):
        if head.norm.endswith("ing"):
            return f"Where does {text} come in, and why is it needed?"
        if verb is not None and not head.norm.endswith("ed") and not is_adjective(head.norm):
            return f"Why does it {verb}, and what follows from that?"
        return f"Why is it {text}? What makes that so?"
    plural = body[-1].norm.endswith("s") and not body[-1].norm.endswith("ss")
    does, it = ("do", "they") if plural else ("does", "it")
    templates = (f"Where {does} {text} come in here, and why {does} {it} matter?",
                 f"What role {does} {text} play in your answer?",
                 f"How would {text} change what you do here?")
    return templates[sum(map(ord, text)) % len(templates)]


def text_of(tok: Token) -> str:
    return tok.norm


def derive_rubric(model_answer: str, prompt: str = "") -> EffectiveRubric:
    """A rubric whose criteria are the model answer's concepts, weighted by importance."""
    text = model_answer or ""
    phrases = key_phrases(text, prompt)
    top = sorted(range(len(phrases)), key=lambda i: (-phrases[i][1], i))[:MAX_CRITERIA]
    used: set[str] = set()
    criteria: list[Criterion] = []
    for i in sorted(top):
        words, importance = phrases[i]
        phrase = _surface(text, words)[:300]
        criteria.append(Criterion(
            id=_slug(phrase, used), label=phrase[:60], weight=round(max(importance, 0.1), 2),
            keywords=list(dict.fromkeys([phrase, *_slash_alternatives(text, words),
                                         *_variants(text, words)])),
            probe=probe_for(phrase, words),
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
    header = ("# Suggested from the model answer: its concepts (noun phrases, verb + object,\n"
              "# predicates), weighted by importance. Add the ways people say each idea to\n"
              "# keywords (plain words and jargon), mark the one must-have point\n"
              "# required: true, and add red_flags for common misconceptions.\n")
    return header + yaml.safe_dump({"rubric": body}, sort_keys=False, allow_unicode=True,
                                   width=100)

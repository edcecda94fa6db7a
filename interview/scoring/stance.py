"""Stance: is a phrase the candidate's own claim, or said as a condition, a hypothetical, a
concession, a quoted naive approach, or a mistake?

Red flags fire only on what the candidate asserts. Negation ("never", "instead of",
"rather than", "I wouldn't bother with X", "X doesn't matter") is handled by the negation
scopes of text.py; this module adds the other ways a strong candidate mentions a trap:

- a condition: "If it were trained with MSE, ..." / "If we simply maximise time spent, ...";
- a hypothetical with another subject: "Optimising for opens would reward ...",
  "Reporting accuracy would be misleading" (but "I would oversample ..." is a plan: asserted);
- a concession: "Accuracy is fine when classes are balanced, but here ...";
- a named naive approach: "The naive approach would ...", "It's tempting to ...";
- quotation marks around it;
- a mistake named as such: "a common pitfall is peeking", "tuning on the test set is wrong",
  "the idea that more features always help is false", "... isn't true here";
- somebody else's claim, reported: "A junior might say the model is underfitting, but ...",
  "The colleague argues the rows are independent", "Folklore says 30 is enough" (not when
  the candidate is the one who says or thinks it: "I think ...", "we assumed ...").
"""

from __future__ import annotations

from .text import Token, is_negation_cue

CONDITIONALS = frozenset({"if", "suppose", "supposing", "imagine", "assuming", "assume",
                          "whether", "unless", "hypothetically"})
MODALS = frozenset({"would", "could", "might", "wouldnt", "couldnt"})
SUBJECT_PRONOUNS = frozenset({"i", "we", "you"})
QUALIFIERS = frozenset({"when", "if", "for", "provided", "only", "as", "unless", "while",
                        "where"})
CONTRASTS = frozenset({"but", "however", "though", "although", "yet", "except", "whereas"})
NAIVE_WORDS = frozenset({"naive", "naively", "naïve", "tempting", "temptation", "obvious",
                         "simplistic", "people", "beginners", "newcomers", "someone", "myth",
                         "misconception"})
# Words that name what is said as a mistake (stems).
MISTAKE_FRAMING: frozenset[str] = frozenset({
    "mistak", "wrong", "pitfal", "avoid", "myth", "misconcept", "fallaci", "incorrect",
    "antipattern", "trap", "bad", "flaw", "mislead", "danger", "riski", "problemat", "naiv",
    "fals", "untru", "bogus", "nonsens",
})
# "<X> is not true / isn't the case / is not correct": what X says is denied.
_DENIED = frozenset({"true", "case", "correct", "right", "accurate", "valid"})
_NEGATED_COPULAS = frozenset({"isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "weren't",
                              "werent"})
# Verbs that report a claim (stems): "a junior might say ...", "folklore says ...".
REPORTING: frozenset[str] = frozenset({
    "say", "said", "think", "thought", "argu", "claim", "believ", "assum", "suggest",
    "insist", "tell", "told", "reckon", "suppos", "expect", "propos",
})
# What may stand between a reporting verb and its subject: "a junior might well say".
_REPORT_FILLER = frozenset({"might", "may", "could", "would", "will", "often", "sometimes",
                            "usually", "typically", "probably", "well", "also", "still", "then",
                            "even", "just", "wrongly", "confidently", "loudly"})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "being", "seems", "remains", "would",
                      "could", "might", "will"})
_PREDICATE_FILLER = frozenset({
    "a", "an", "the", "just", "really", "also", "actually", "usually", "often", "still",
    "common", "classic", "big", "huge", "typical", "frequent", "serious", "clear", "always",
    "plain", "simply", "very", "quite", "badly", "be", "been", "dangerously", "completely",
    "totally", "so",
})
# "X is hard to overfit", "immune to overfitting": the object's claim is reversed.
NEGATING_PREDICATES = frozenset({"hard", "difficult", "impossible", "unlikely", "rarely",
                                 "seldom", "immune", "resistant", "never", "hardly", "barely",
                                 "cannot", "can't", "safe"})


def not_asserted(text: str, tokens: list[Token], first: int, last: int) -> str | None:
    """Why the words ``tokens[first..last]`` are not the candidate's own claim, or None."""
    sent = tokens[first].sentence
    clause = tokens[first].clause
    # 1. A condition opens the sentence or the clause before the words; or someone else's
    #    claim is reported before them, with no "but" in between.
    i = first - 1
    contrasted = False
    while i >= 0 and tokens[i].sentence == sent:
        norm = tokens[i].norm
        if norm in CONTRASTS:
            contrasted = True  # "..., but <words>": the candidate's own claim follows
        elif not contrasted and tokens[i].stem in REPORTING and _reported_by_other(tokens, i):
            return "reported as somebody else's claim, not claimed"
        if tokens[i].clause == clause and tokens[last].clause == clause and (
                norm in CONDITIONALS or (
                norm == "when" and (i == 0 or tokens[i - 1].sentence != sent))):
            # The condition's own clause, not the main clause. Words that run on into the
            # consequence state the rule itself ("if the gap is large, that's bias").
            return "said as a condition"
        if norm in NAIVE_WORDS:
            return "named as the naive view, not claimed"
        if tokens[i].clause == clause and tokens[i].stem in MISTAKE_FRAMING:
            return "named as a mistake"
        i -= 1
    # 2. Inside quotation marks.
    start = _sentence_start(tokens, first)
    before = text[tokens[start].start:tokens[first].start]
    if sum(before.count(q) for q in '"“”') % 2 == 1:
        return "quoted, not claimed"
    n = len(tokens)
    # 3. A hypothetical with another subject: "<X> would/could/might ..." right after it.
    subject_before = any(tokens[j].norm in SUBJECT_PRONOUNS for j in
                         range(max(first - 3, 0), first) if tokens[j].clause == clause)
    j = last + 1
    if j < n and tokens[j].clause == clause and tokens[j].norm in MODALS and not subject_before:
        return "a hypothetical, not claimed"
    # 4. A concession: "X is fine when/for ..., but ...".
    qualified = False
    for k in range(last + 1, min(n, last + 8)):
        if tokens[k].sentence != sent:
            break
        if tokens[k].norm in QUALIFIERS:
            qualified = True
            break
    if qualified:
        for k in range(last + 1, n):
            if tokens[k].sentence != sent:
                break
            if tokens[k].norm in CONTRASTS:
                return "a concession ('... when ..., but ...'), not claimed"
    # 5. Called a mistake right after: "tuning on the test set is a mistake".
    if _named_mistake_after(tokens, last):
        return "named as a mistake"
    return None


def _reported_by_other(tokens: list[Token], verb: int) -> bool:
    """True when the reporting verb at ``verb`` has a subject other than the candidate:
    "a junior might say", "the colleague argues", "folklore says" (not "I think", "we
    assumed", "you'd say", nor an imperative "say ...")."""
    sent = tokens[verb].sentence
    j = verb - 1
    while j >= 0 and tokens[j].sentence == sent and tokens[j].norm in _REPORT_FILLER:
        j -= 1
    if j < 0 or tokens[j].sentence != sent:
        return False
    norm = tokens[j].norm
    if norm == "you" and any(tokens[k].norm in {"might", "may", "could"}
                             for k in range(j + 1, verb)):
        return True  # "you might think ...": the naive view, put to the listener
    if norm in SUBJECT_PRONOUNS or norm in {"i'd", "we'd", "you'd", "i've", "we've", "let's",
                                             "me", "us", "to"} or is_negation_cue(norm):
        return False
    return not tokens[j].stop or norm in {"they", "he", "she", "someone", "some", "many",
                                          "others", "it"}


def _sentence_start(tokens: list[Token], i: int) -> int:
    sent = tokens[i].sentence
    while i > 0 and tokens[i - 1].sentence == sent:
        i -= 1
    return i


def _named_mistake_after(tokens: list[Token], last: int) -> bool:
    """'<phrase> [words] is [a common] mistake / would be misleading'."""
    clause = tokens[last].clause
    n = len(tokens)
    j = last + 1
    copula = False
    denied = False
    while j < n and j - last <= 7 and tokens[j].clause == clause:
        norm = tokens[j].norm
        if copula and tokens[j].stem in MISTAKE_FRAMING:
            return True
        if denied and norm in _DENIED:
            return True  # "... is not true / isn't the case"
        if norm in _NEGATED_COPULAS:
            copula = denied = True
        elif copula and norm == "not":
            denied = True
        elif norm in _COPULAS:
            copula = True
        elif copula and norm not in _PREDICATE_FILLER:
            return False
        j += 1
    return False


def reversed_claim(tokens: list[Token], first: int) -> bool:
    """True when the phrase starting at ``first`` is negated or set under a negating predicate
    in its clause: "not sparse", "hard to overfit", "immune to overfitting"."""
    if tokens[first].neg_cue != -1:
        return True
    clause = tokens[first].clause
    i = first - 1
    steps = 0
    while i >= 0 and tokens[i].clause == clause and steps < 4:
        norm = tokens[i].norm
        if norm in NEGATING_PREDICATES or is_negation_cue(norm):
            return True
        i -= 1
        steps += 1
    return False

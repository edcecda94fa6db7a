"""Structural criteria (STAR situation/task/action/result/reflection, the coding approach):
credit for specifics, not for cue phrases.

A cue phrase ("The situation was...", "As a result...", "I learned a lot") says where a part
of the story is, not what it is. These criteria look for what the part must contain:

- situation: a concrete context in the opening (named things, numbers, a domain);
- task: a responsibility or goal stated with specifics;
- action: first-person clauses "I <verb> <object>" with a specific object (any verb the
  lexicon knows, "I rewrote the join", not a fixed list);
- result: a concrete outcome: a number, a before/after, or a named effect
  ("cut false alarms by 40%", "went from 3 days to 4 hours", "the on-call pages stopped");
- reflection: what was learned, with specifics;
- approach: the rubric's keywords, but a stock opener alone ("my approach is") earns little.

"Specific" words are content words that are not vague story words (things, team, better,
improve, situation...), plus numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import verb_lemma
from .params import ScoringParams
from .text import Token, stem

STRUCTURAL_KINDS = frozenset({"situation", "task", "action", "result", "reflection",
                              "approach"})
STAR_KINDS = frozenset({"situation", "task", "action", "result", "reflection"})

# Vague words that say nothing specific in a story (compared by stem).
_GENERIC_WORDS = """
situation task action result reflection context background role job work worked working
project projects team teams company companies thing things stuff something anything
everything lot lots bit messy mess better good great bad fine nice happy unhappy problem
problems issue issues challenge challenges challenging difficult hard easy improve improved
improvement improvements decide decided decision take took taken ownership owner lead led
learn learned learnt lesson lessons next time times way ways same different new old last
first second previous current people person everyone someone somebody manager managers
boss colleague colleagues stakeholder stakeholders effort efforts success successful
successfully outcome outcomes end ended result resulted results finally eventually help
helped helping make made sure really very much many more most overall general generally
basically kind sort day days week weeks month months year years today initiative
responsibility responsible responsibilities goal goals task tasks need needed needs want
wanted try tried trying start started starting thing deal dealt handle handled handling
went go going get got come came feel felt think thought know knew see saw look looked say
said tell told talk talked ask asked give gave keep kept put set well also just still
always never often sometimes quickly slowly approach idea solution solutions process
processes plan plans planning important importance impact impacts value valuable move
moved moving step steps part parts level levels point points area areas aspect aspects
experience experiences opportunity opportunities environment culture company's business
organisation organization department group groups member members everybody anybody
quality progress change changes changed changing approach approaches case cases example
examples fact factor factors focus focused matter matters reason reasons sense type
types number numbers amount whole entire able ability proper properly right wrong
definitely certainly clearly positive negative feedback communicate communicated
communication collaborate collaborated collaboration work-life involved involve
communicate communicated collaboratively solution solutions trust relationship relationships
expectation expectations alignment aligned align priority priorities prioritise prioritize
prioritised prioritized urgency urgent importance strategy strategies skill skills goal
shared understanding understood understand concept concepts complex simple simplified
simplify technical non-technical audience message messages tailored tailor structured
structure effective effectively efficient efficiently successful stronger strong weaker
resolve resolved resolving conflict conflicts situation situations challenge issue concern
concerns relevant key main best practice practices lesson learned value values mindset
growth support supported supporting ensure ensured ensuring evaluate evaluated evaluating
manage managed managing deliver delivered delivering satisfied satisfaction stakeholder
high-value highest-value valuable outcome responsibility accountable accountability meeting
meetings discuss discussed discussion discussions feedback iterate iterated iteration
objective objectives measurable proactive proactively initiative collaborative continuous
continuously mindful careful carefully quickly clear clearly visual visuals analogy
analogies jargon everyday daily regularly regular ongoing time-management nothing fell
cracks request requests item items work-stream teamwork cross-functional
"""
GENERIC_STEMS: frozenset[str] = frozenset(stem(w) for w in _GENERIC_WORDS.split())

# Verbs that carry no action of their own ("I was", "I had", "I felt").
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "feel", "think", "know", "want", "like",
                         "try", "work", "go", "come", "make", "take", "see", "say", "tell",
                         "need", "seem", "become", "keep", "let", "learn", "help", "deal",
                         "handle", "improve", "decide", "start", "begin", "manage", "mean",
                         "hope", "guess", "believe", "love", "enjoy", "happen", "put", "give"})
# "I decided to <verb>", "I started to <verb>": the action is the second verb.
CONTROL_VERBS = frozenset({"decide", "try", "start", "begin", "choose", "need", "want",
                           "manage", "offer", "agree", "plan", "volunteer", "help", "continue",
                           "go", "have"})
_SKIP = frozenset({"also", "then", "first", "next", "finally", "quickly", "personally",
                   "immediately", "actually", "just", "really", "had", "have", "would", "will",
                   "did", "could", "eventually", "later", "still", "again", "myself",
                   "soon", "initially", "carefully", "manually"})
CHANGE_STEMS = frozenset(stem(w) for w in ["reduce", "cut", "increase", "improve", "drop", "fall", "rise", "grow", "save", "halve", "double", "shrink", "ship", "launch", "catch", "prevent", "recover", "lift", "boost", "speed", "lower", "raise", "eliminate", "fix", "resolve", "adopt", "stop", "decrease", "fell", "rose", "grew", "shipped", "launched", "saved", "caught", "prevented", "stopped", "beat", "exceed", "exceeded", "gain", "gained", "lose", "lost", "recovered", "restore", "restored", "triple", "tripled"])
# A measured outcome needs a real quantity: digits, or words that are one.
QUANTITY_WORDS = frozenset({"half", "halved", "twice", "doubled", "tripled", "percent",
                            "percentage", "tenfold", "zero"})
# Counts spelled out ("one" aside: "one piece of feedback" counts nothing).
NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                          "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty",
                          "hundred", "hundreds", "thousand", "thousands", "million",
                          "millions", "dozen", "dozens", "billion"})
TASK_STEMS = frozenset(stem(w) for w in ["task", "role", "job", "responsible", "responsibility", "goal", "aim", "asked", "assigned", "owned", "charge", "deadline", "target", "mandate", "supposed", "mission", "brief", "objective"])
# "I had to", "we needed to", "I wanted to make sure".
TASK_BIGRAMS = frozenset({("had", "to"), ("needed", "to"), ("need", "to"), ("wanted", "to"),
                          ("have", "to"), ("has", "to")})
REFLECT_STEMS = frozenset(stem(w) for w in ["learn", "learned", "learnt", "lesson", "hindsight", "retrospect", "differently", "taught", "takeaway", "realised", "realized"])
REFLECT_BIGRAMS = frozenset({("next", "time"), ("since", "then"), ("looking", "back"),
                             ("should", "have"), ("would", "have"), ("now", "i"),
                             ("from", "now")})


@dataclass(slots=True)
class Evidence:
    credit: float  # share of the criterion's weight (0-1)
    explanation: str
    spans: list[tuple[int, int]]  # token index ranges that show it


def is_specific(tok: Token, text: str) -> bool:
    if tok.cue:
        return False
    if any(ch.isdigit() for ch in tok.norm):
        return True
    if tok.stop or len(tok.norm) < 3:
        return False
    return tok.stem not in GENERIC_STEMS


def specific_stems(tokens: list[Token], text: str, first: int = 0, last: int | None = None
                   ) -> set[str]:
    end = len(tokens) if last is None else last + 1
    return {tokens[i].stem for i in range(first, end) if is_specific(tokens[i], text)}


def _sentences(tokens: list[Token]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens[i].sentence != tokens[start].sentence:
            out.append((start, i - 1))
            start = i
    return out


def action_pairs(tokens: list[Token], text: str) -> list[tuple[float, int, int, str]]:
    """(weight, first, last, 'verb object') for each first-person action with a specific
    object; "I" counts 1, "we" 0.5. Negated clauses ("I didn't add alerts") do not count."""
    out: list[tuple[float, int, int, str]] = []
    seen: set[tuple[str, str]] = set()
    n = len(tokens)
    subject_w = 0.0
    i = 0
    while i < n:
        t = tokens[i]
        if t.norm in ("i", "we"):
            subject_w = 1.0 if t.norm == "i" else 0.5
            j = i + 1
        elif t.norm == "and" and subject_w and i > 0 and tokens[i - 1].sentence == t.sentence:
            j = i + 1  # "I profiled the job and rewrote the join"
        else:
            if i > 0 and t.sentence != tokens[i - 1].sentence:
                subject_w = 0.0
            i += 1
            continue
        steps = 0
        while j < n and steps < 3 and tokens[j].clause == t.clause and tokens[j].norm in _SKIP:
            j += 1
            steps += 1
        if j >= n or tokens[j].clause != t.clause or tokens[j].neg_cue != -1 or tokens[j].cue:
            i += 1
            continue
        verb = verb_lemma(tokens[j].norm)
        if verb in CONTROL_VERBS and j + 2 < n and tokens[j + 1].norm == "to":
            j += 2
            verb = verb_lemma(tokens[j].norm)
        if verb is None or verb in LIGHT_VERBS or tokens[j].neg_cue != -1:
            i += 1
            continue
        for k in range(j + 1, min(n, j + 6)):
            if tokens[k].clause != tokens[j].clause:
                break
            if is_specific(tokens[k], text) and verb_lemma(tokens[k].norm) != tokens[k].norm:
                key = (verb, tokens[k].stem)
                if key not in seen:
                    seen.add(key)
                    out.append((subject_w, i, k, f"{tokens[j].norm} {tokens[k].norm}"))
                break
        i = j
    return out


def _has_number(tokens: list[Token], a: int, b: int) -> bool:
    return any(any(ch.isdigit() for ch in tokens[i].norm) or tokens[i].norm in QUANTITY_WORDS
               for i in range(a, b + 1))


def _has_bigram(tokens: list[Token], a: int, b: int, pairs: frozenset[tuple[str, str]]) -> bool:
    return any((tokens[i].norm, tokens[i + 1].norm) in pairs for i in range(a, b))


def _before_after(tokens: list[Token], a: int, b: int) -> bool:
    norms = [tokens[i].norm for i in range(a, b + 1)]
    return "from" in norms and "to" in norms[norms.index("from") + 1:]


def evidence(kind: str, text: str, tokens: list[Token], params: ScoringParams) -> Evidence:
    """How far the answer shows this structural part by its content alone."""
    full = params.specifics_for_full
    sentences = _sentences(tokens)
    if kind == "situation":
        opening = sentences[:2]
        if not opening:
            return Evidence(0.0, "", [])
        a, b = opening[0][0], opening[-1][1]
        found = specific_stems(tokens, text, a, b)
        if len(found) >= params.situation_specifics:
            return Evidence(1.0, f"a concrete context ({len(found)} specifics in the opening)",
                            [(a, b)])
        if len(found) >= full:
            return Evidence(0.5, "some context, few specifics", [(a, b)])
        return Evidence(0.0, "", [])
    if kind == "action":
        pairs = action_pairs(tokens, text)
        total = sum(w for w, *_ in pairs)
        if not total:
            return Evidence(0.0, "", [])
        said = ", ".join(f"'I {p}'" if w == 1 else f"'we {p}'" for w, _, _, p in pairs[:3])
        return Evidence(min(1.0, total / params.action_pairs_full),
                        f"first-person actions: {said}", [(f, last) for _, f, last, _ in pairs])
    best = Evidence(0.0, "", [])
    if kind == "task":
        # A concrete problem and first-person actions on it imply the task, even unsaid.
        sit = evidence("situation", text, tokens, params)
        act = evidence("action", text, tokens, params)
        if sit.credit >= 1.0 and act.credit >= 1.0:
            best = Evidence(params.implied_task_credit,
                            "implied by a concrete problem and what you did about it",
                            sit.spans)
    for a, b in sentences:
        stems = {tokens[i].stem for i in range(a, b + 1)}
        spec = specific_stems(tokens, text, a, b)
        credit, why = 0.0, ""
        if kind == "result":
            change = bool(stems & CHANGE_STEMS)
            if change and (_has_number(tokens, a, b) or _before_after(tokens, a, b)) and spec:
                credit, why = 1.0, "a measured outcome"
            elif change and len(spec) >= full:
                credit, why = 0.6, "a named effect"
        elif kind == "task" and (stems & TASK_STEMS
                                 or _has_bigram(tokens, a, b, TASK_BIGRAMS)):
            credit = 1.0 if len(spec) >= full else 0.5 if spec else 0.0
            why = "a stated responsibility or goal"
        elif kind == "reflection" and (stems & REFLECT_STEMS or _has_bigram(
                tokens, a, b, REFLECT_BIGRAMS)) and (a, b) != sentences[0]:
            credit = 1.0 if len(spec) >= full else 0.5 if spec else 0.0
            why = "a specific lesson"
        if credit > best.credit:
            best = Evidence(credit, why, [(a, b)])
        elif credit and credit == best.credit and kind == "result" and best.credit < 1:
            best = Evidence(min(1.0, best.credit + 0.4), "named effects", [*best.spans, (a, b)])
    return best


def specific_ratio(tokens: list[Token], text: str) -> float:
    """Share of the answer's distinct content words that are specific (not vague story or
    corporate words such as "situation", "stakeholders", "collaboration", "solution")."""
    content = {t.stem: t for t in tokens if not t.stop and not t.cue and len(t.norm) >= 3}
    if not content:
        return 0.0
    return sum(1 for t in content.values() if is_specific(t, text)) / len(content)


def is_hollow(text: str, tokens: list[Token], params: ScoringParams) -> bool:
    """True for a story with nothing concrete in it: no quantity anywhere (a number, a
    percentage, "halved", "from X to Y") and mostly vague words (specific_ratio below
    ``hollow_ratio``)."""
    if not tokens:
        return False
    if _has_number(tokens, 0, len(tokens) - 1) or _before_after(tokens, 0, len(tokens) - 1):
        return False
    return specific_ratio(tokens, text) < params.hollow_ratio


def _named(tokens: list[Token], text: str) -> bool:
    """A capitalised word inside a sentence ("a few SQL views", "Tom moved"): a name."""
    for t in tokens[1:]:
        if not text[t.start:t.start + 1].isupper() or t.norm == "i":
            continue
        before = text[:t.start].rstrip()[-1:]
        if before.isalnum() or before in ",;":
            return True
    return False


def hollowness(text: str, tokens: list[Token], params: ScoringParams) -> str:
    """"hollow" (a template: ``is_hollow``), "thin" (no quantity and general words, a share
    of specific words below ``thin_ratio``) or "" for a story with something concrete."""
    if not tokens:
        return ""
    if _has_number(tokens, 0, len(tokens) - 1) or _before_after(tokens, 0, len(tokens) - 1):
        return ""
    ratio = specific_ratio(tokens, text)
    if ratio >= params.hollow_ratio and (any(t.norm in NUMBER_WORDS for t in tokens)
                                         or _named(tokens, text)):
        return ""  # "nine requests", "SQL views", "Tom": a count or a name is a specific
    return "hollow" if ratio < params.hollow_ratio else "thin" if ratio < params.thin_ratio \
        else ""


def cue_has_specifics(tokens: list[Token], text: str, first: int, last: int,
                      params: ScoringParams) -> bool:
    """A keyword match counts in full only with specifics in its sentence (beyond stock
    words): "My approach is to count, then use a heap" yes; "My approach is simple" no."""
    sent = tokens[first].sentence
    a = first
    while a > 0 and tokens[a - 1].sentence == sent:
        a -= 1
    b = last
    while b + 1 < len(tokens) and tokens[b + 1].sentence == tokens[last].sentence:
        b += 1
    return len(specific_stems(tokens, text, a, b)) >= params.specifics_for_full


def approach_in_own_words(text: str, tokens: list[Token], params: ScoringParams) -> Evidence:
    """A coding approach the candidate describes in first-person clauses with specific
    objects, whatever the technique's name: ``approach_own_words`` when the answer passes
    the STAR action test in full (``action_pairs_full`` such clauses), else nothing."""
    act = evidence("action", text, tokens, params)
    if act.credit < 1.0:  # one clause ("I solved it") is not yet a description
        return Evidence(0.0, "", [])
    return Evidence(params.approach_own_words,
                    act.explanation.replace("first-person actions", "your own description"),
                    act.spans)

"""Score an answer against a rubric: answer + EffectiveRubric -> ScoreReport.

How points are given (docs/scoring.md explains it for users):

1. Each criterion's phrases are found in the answer (matcher.py). A criterion earns the
   credit of its best phrase occurrence that is not negated: full credit at similarity
   >= HIT_SIMILARITY, partial credit down to PARTIAL_SIMILARITY, none below.
2. A phrase that only repeats words of the question earns at most ECHO_CREDIT (authored
   rubrics; an auto-rubric weighs echoes down when it is derived instead).
3. raw = 100 * sum(earned) / sum(weights). Auto-rubrics give linear partial credit per
   criterion, then blend this coverage with the answer's relevance (PRECISION_SHARE),
   subtract contradicted criteria and apply a gentle length factor for very short answers.
4. An answer that is a bare list of keywords (no sentences) is multiplied by STUFFING_FACTOR.
5. Red flags (not negated) subtract their penalty; hints used subtract ``hint_penalty``.
6. A missed required criterion caps the total just below the pass band.
"""

from __future__ import annotations

import re

from ..banks import Criterion, EffectiveRubric
from .delivery import delivery_stats, function_word_ratio
from .matcher import (
    AnswerIndex,
    CompiledRubric,
    Group,
    Phrase,
    PhraseMatch,
    compile_rubric,
    find_phrase,
)
from .report import (
    PASS_THRESHOLD,
    CriterionResult,
    Match,
    MissedCriterion,
    RedFlagHit,
    ScoreReport,
    band_for,
)
from .text import Token, mark_negation, tokenize

MAX_CHARS = 30_000
HIT_SIMILARITY = 85.0
PARTIAL_SIMILARITY = 55.0
ECHO_CREDIT = 0.3
STUFFING_FACTOR = 0.45
RED_FLAG_SIMILARITY = 88.0
REQUIRED_CAP = PASS_THRESHOLD - 1.0
MAX_MATCHES = 5
# Auto-rubrics give credit in proportion to how much of a key phrase the answer has.
LINEAR_MIN_SIMILARITY = 20.0
# Auto-rubrics blend coverage (recall) with relevance (precision) in this proportion.
PRECISION_SHARE = 0.2
PRECISION_SKIP_ECHO = True
# An auto-criterion whose reference phrase is negative ("not connected") but said plainly in
# the answer ("connected") contradicts the reference: it costs this share of its weight.
CONTRADICTION_PENALTY = 0.5
# Auto-rubrics: an answer with fewer content words than LEN_RATIO x the reference's key words
# keeps LEN_FLOOR of its score plus the rest in proportion (a gentle "too short" factor).
LEN_FLOOR = 0.6
LEN_RATIO = 0.5

# Words that name what is said as a mistake ("tuning on the test set is a mistake", "a common
# pitfall is peeking", "avoid ..."): a red flag said this way is not believed (stems).
MISTAKE_FRAMING: frozenset[str] = frozenset({
    "mistak", "wrong", "pitfal", "avoid", "myth", "misconcept", "fallaci", "incorrect",
    "antipattern", "trap", "bad", "flaw",
})

# "<red flag> [words] is [a common] mistake": a copula, then these, then a framing word.
_COPULAS = frozenset({"is", "are", "was", "were", "be", "being", "seems", "remains"})
_PREDICATE_FILLER = frozenset({
    "a", "an", "the", "just", "really", "also", "actually", "usually", "often", "still",
    "common", "classic", "big", "huge", "typical", "frequent", "serious", "clear", "always",
    "plain", "simply",
})

_SEGMENT_SPLIT = re.compile(r"[,;\n•|/·]+|[.!?](?:\s|$)")


def credit_for(similarity: float, *, linear: bool = False) -> float:
    """Share of a criterion's weight earned by a match of this similarity (0-1)."""
    if linear:
        return similarity / 100.0 if similarity >= LINEAR_MIN_SIMILARITY else 0.0
    if similarity >= HIT_SIMILARITY:
        return 1.0
    if similarity >= PARTIAL_SIMILARITY:
        return 0.3 + 0.5 * (similarity - PARTIAL_SIMILARITY) / (HIT_SIMILARITY - PARTIAL_SIMILARITY)
    return 0.0


def _match(answer: str, tokens: list[Token], m: PhraseMatch) -> Match:
    start, end = tokens[m.first].start, tokens[m.last].end
    return Match(keyword=m.phrase.text, text=answer[start:end], start=start, end=end,
                 similarity=round(m.similarity, 1), negated=m.negated)


def _is_echo(m: PhraseMatch, prompt_stems: set[str]) -> bool:
    return bool(prompt_stems) and all(s in prompt_stems for _, s in m.phrase.words)


def _stuffing(answer: str, tokens: list[Token], matched: set[int]) -> bool:
    """True when the answer is a bare list of (mostly rubric) keywords, not sentences."""
    if len(tokens) < 4:
        return False
    content = [i for i, t in enumerate(tokens) if not t.stop]
    if not content or sum(1 for i in content if i in matched) / len(content) < 0.4:
        return False
    sizes = [n for n in (len(tokenize(s)) for s in _SEGMENT_SPLIT.split(answer)) if n]
    short = sum(1 for n in sizes if n <= 3)
    if len(sizes) >= 3 and short >= 0.7 * len(sizes):
        return True
    return len(tokens) >= 6 and function_word_ratio(tokens) < 0.1


def _contradicts(index: AnswerIndex, phrase: Phrase) -> bool:
    """True when a negative phrase's other words all occur in the answer without a negation."""
    if not phrase.negative:
        return False
    found = False
    for wi, word in enumerate(phrase.words):
        if wi in phrase.negative or phrase.weights[wi] < 1.0:
            continue
        at = index.hits.get(word)
        if not at or all(index.tokens[i].neg_cue != -1 for i in at):
            return False
        found = True
    return found


def _criterion_result(answer: str, tokens: list[Token], index: AnswerIndex, crit: Criterion,
                      group: Group, prompt_stems: set[str], matched: set[int],
                      linear: bool) -> CriterionResult:
    plain: list[tuple[float, PhraseMatch]] = []
    negated: list[PhraseMatch] = []
    echoed = False
    for phrase in group.phrases:
        best, best_neg = find_phrase(index, phrase)
        if best is not None:
            credit = credit_for(best.similarity, linear=linear)
            # An auto-rubric already weighs echoes of the question down (autorubric.py).
            if credit > 0 and not linear and _is_echo(best, prompt_stems):
                credit = min(credit, ECHO_CREDIT)
                echoed = True
            if credit > 0:
                plain.append((credit, best))
        if best_neg is not None and credit_for(best_neg.similarity, linear=linear) > 0:
            negated.append(best_neg)
    plain.sort(key=lambda cm: (-cm[0], -cm[1].similarity, cm[1].first))
    credit = plain[0][0] if plain else 0.0
    contradicted = linear and credit == 0 and any(
        _contradicts(index, phrase) for phrase in group.phrases)
    for _, m in plain:
        matched.update(range(m.first, m.last + 1))
    status = "hit" if credit >= 0.999 else "partial" if credit > 0 else "missed"
    matches = [_match(answer, tokens, m) for _, m in plain[:MAX_MATCHES]]
    neg = [_match(answer, tokens, m) for m in negated[:MAX_MATCHES]] if credit < 1 else []
    if status == "hit":
        m0 = matches[0]
        explanation = (f"Said '{m0.text}'" + (f" (matches '{m0.keyword}', {m0.similarity:.0f}%)"
                                              if m0.text.lower() != m0.keyword.lower() else "")
                       + ".")
    elif status == "partial":
        m0 = matches[0]
        why = ("it only repeats the question's words" if echoed and credit <= ECHO_CREDIT
               else f"a partial match for '{m0.keyword}' ({m0.similarity:.0f}%)")
        explanation = f"Partly covered: '{m0.text}' is {why}."
    elif contradicted:
        explanation = ("Contradicts the reference: it says this without the negation "
                       f"('{crit.keywords[0]}').")
    elif neg:
        cue = neg[0]
        explanation = f"Mentioned '{cue.text}' only in a negated clause, which earns nothing."
    else:
        explanation = "Not mentioned."
    return CriterionResult(
        id=crit.id, label=crit.display_label, weight=crit.weight,
        earned=round(crit.weight * credit, 3), status=status, required=crit.required,
        matches=matches, negated=neg, probe=crit.probe, explanation=explanation,
        contradicted=contradicted,
    )


def _red_flags(answer: str, tokens: list[Token], index: AnswerIndex, rubric: EffectiveRubric,
               compiled: CompiledRubric) -> list[RedFlagHit]:
    hits: list[RedFlagHit] = []
    for flag, group in zip(rubric.red_flags, compiled.red_flags, strict=True):
        found: PhraseMatch | None = None
        for phrase in group.phrases:
            best, _ = find_phrase(index, phrase, strict=True)
            if best is not None and best.similarity >= RED_FLAG_SIMILARITY and (
                    found is None or best.similarity > found.similarity) and not \
                    _framed_as_mistake(tokens, best):
                found = best
        if found is not None:
            m = _match(answer, tokens, found)
            hits.append(RedFlagHit(id=flag.id, keyword=m.keyword, text=m.text, start=m.start,
                                   end=m.end, penalty=flag.penalty, note=flag.note))
    return hits


def _framed_as_mistake(tokens: list[Token], m: PhraseMatch) -> bool:
    """True when the words around a red-flag match call it a mistake or warn against it:
    before it in its clause ("a common pitfall is peeking", "avoid peeking"), or just after
    it as what it is ("tuning on the test set is a mistake", "... is wrong").

    Negation (never, don't, instead of) is already handled by the match's negation scope.
    """
    clause = tokens[m.first].clause
    i = m.first - 1
    while i >= 0 and tokens[i].clause == clause:
        if tokens[i].stem in MISTAKE_FRAMING:
            return True
        i -= 1
    n = len(tokens)
    j = m.last + 1
    copula = False
    while j < n and j - m.last <= 7 and tokens[j].clause == clause:
        norm = tokens[j].norm
        if copula and tokens[j].stem in MISTAKE_FRAMING:
            return True
        if norm in _COPULAS:
            copula = True
        elif copula and norm not in _PREDICATE_FILLER:
            return False
        j += 1
    return False


def relevance(tokens: list[Token], index: AnswerIndex, vocab: dict[tuple[str, str],
              tuple[bool, float]], prompt_stems: set[str]) -> float | None:
    """Share of the answer's content words that match a word of the rubric (None: no words)."""
    related: set[int] = set()
    for word, found in index.hits.items():
        if not vocab[word][0]:
            related.update(found)
    content = [i for i, t in enumerate(tokens) if not t.stop and not t.cue
               and not (PRECISION_SKIP_ECHO and t.stem in prompt_stems)]
    if not content:
        return None
    return sum(1 for i in content if i in related) / len(content)


def _length_factor(tokens: list[Token], compiled: CompiledRubric) -> float:
    """Auto-rubrics: below 1 when the answer is much shorter than the reference's key words."""
    ref = sum(1 for g in compiled.criteria if g.phrases
              for i, w in enumerate(g.phrases[0].weights)
              if w >= 1.0 and i not in g.phrases[0].negative)
    n = sum(1 for t in tokens if not t.stop and not t.cue)
    if not ref:
        return 1.0
    return min(1.0, LEN_FLOOR + (1 - LEN_FLOOR) * n / (LEN_RATIO * ref))


def finalize(report: ScoreReport) -> ScoreReport:
    """Recompute raw score, total, band, cap, missed list and summary from the criteria."""
    total_weight = sum(c.weight for c in report.criteria) or 1.0
    raw = 100.0 * sum(c.earned for c in report.criteria) / total_weight
    if report.relevance is not None:
        report.coverage = round(raw, 1)
        raw = (1 - PRECISION_SHARE) * raw + PRECISION_SHARE * 100.0 * report.relevance
        contra = sum(c.weight for c in report.criteria if c.contradicted)
        raw -= 100.0 * CONTRADICTION_PENALTY * contra / total_weight
        raw *= report.length_factor
    report.raw_score = round(raw, 1)
    report.red_flag_penalty = sum(r.penalty for r in report.red_flags)
    score = raw * report.form_factor - report.red_flag_penalty - report.hint_penalty
    score = min(max(score, 0.0), 100.0)
    missed_required = [c for c in report.criteria if c.required and c.earned < 0.5 * c.weight]
    report.capped = bool(missed_required) and score > REQUIRED_CAP
    if report.capped:
        score = REQUIRED_CAP
    report.score = round(score, 1)
    report.band = band_for(report.score)
    report.missed = [MissedCriterion(id=c.id, label=c.label, weight=c.weight,
                                     required=c.required, probe=c.probe)
                     for c in report.criteria if c.status == "missed"]
    report.summary = _summary(report, missed_required)
    return report


def _summary(report: ScoreReport, missed_required: list[CriterionResult]) -> str:
    if report.delivery.word_count == 0:
        return f"{report.score:.0f}/100 ({report.band}): no answer to score."
    n = len(report.criteria)
    hit = sum(1 for c in report.criteria if c.status == "hit")
    part = sum(1 for c in report.criteria if c.status == "partial")
    parts = [f"{report.score:.0f}/100 ({report.band}): covered {hit} of {n} points"
             + (f", {part} partly" if part else "")]
    if report.missed:
        names = ", ".join(c.label for c in report.missed[:3])
        more = f" and {len(report.missed) - 3} more" if len(report.missed) > 3 else ""
        parts.append(f"missed {names}{more}")
    if missed_required:
        parts.append("capped: a required point is missing")
    if report.red_flags:
        parts.append(f"{len(report.red_flags)} red flag" + ("s" if len(report.red_flags) > 1
                                                            else ""))
    if report.form_factor < 1:
        parts.append("reads as a keyword list")
    return "; ".join(parts) + "."


def score_answer(answer: str, rubric: EffectiveRubric, *, prompt: str = "",
                 hint_penalty: float = 0.0) -> ScoreReport:
    """Score ``answer`` against ``rubric``. Never raises on odd input; always deterministic."""
    notices: list[str] = []
    if not isinstance(answer, str):
        answer = "" if answer is None else str(answer)
    if len(answer) > MAX_CHARS:
        cut = answer.rfind(" ", 0, MAX_CHARS)
        answer = answer[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        notices.append(f"The answer was longer than {MAX_CHARS:,} characters; "
                       "only the first part was scored.")
    tokens = tokenize(answer)
    mark_negation(tokens)
    compiled = compile_rubric(rubric)
    index = AnswerIndex(tokens, compiled.vocab)
    prompt_stems = {t.stem for t in tokenize(prompt) if not t.stop} if prompt else set()
    linear = rubric.source == "auto"
    matched: set[int] = set()
    criteria = [_criterion_result(answer, tokens, index, crit, group, prompt_stems, matched,
                                  linear)
                for crit, group in zip(rubric.criteria, compiled.criteria, strict=True)]
    if not tokens:
        notices.append("The answer has no words to score.")
    form_factor = 1.0
    if _stuffing(answer, tokens, matched):
        form_factor = STUFFING_FACTOR
        notices.append("This reads like a list of keywords. Explain how the ideas connect, "
                       "in sentences, to earn full credit.")
    report = ScoreReport(
        score=0.0, band="missing", criteria=criteria,
        red_flags=_red_flags(answer, tokens, index, rubric, compiled),
        delivery=delivery_stats(answer, tokens), notices=notices,
        rubric_source=rubric.source, hint_penalty=max(0.0, float(hint_penalty)),
        form_factor=form_factor,
        relevance=(relevance(tokens, index, compiled.vocab, prompt_stems) if linear else None),
        length_factor=_length_factor(tokens, compiled) if linear else 1.0,
    )
    return finalize(report)


def apply_followup(report: ScoreReport, rubric: EffectiveRubric, criterion_id: str, answer: str,
                   *, prompt: str = "") -> ScoreReport:
    """Let a follow-up answer earn back one criterion's credit; returns a new report.

    The follow-up is scored against that criterion alone (and the red flags: a misconception
    said in a follow-up still counts). Its spans refer to the follow-up text, and the
    criterion's ``source`` becomes "follow-up". Credit never goes down.
    """
    new = report.model_copy(deep=True)
    idx = next((i for i, c in enumerate(rubric.criteria) if c.id == criterion_id), None)
    pos = next((i for i, c in enumerate(new.criteria) if c.id == criterion_id), None)
    if idx is None or pos is None:
        new.notices.append(f"No criterion '{criterion_id}' to follow up on.")
        return finalize(new)
    sub = EffectiveRubric(criteria=[rubric.criteria[idx]], red_flags=rubric.red_flags,
                          source=rubric.source, extends=rubric.extends)
    follow = score_answer(answer, sub, prompt=prompt)
    got = follow.criteria[0]
    if got.earned > new.criteria[pos].earned:
        got.source = "follow-up"
        got.explanation = "In the follow-up: " + got.explanation[0].lower() + got.explanation[1:]
        new.criteria[pos] = got
    known = {(r.id, r.keyword) for r in new.red_flags}
    for r in follow.red_flags:
        if (r.id, r.keyword) not in known:
            r.note = ("Said in the follow-up. " + r.note).strip()
            new.red_flags.append(r)
    return finalize(new)

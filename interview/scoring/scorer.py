"""Score an answer against a rubric: answer + EffectiveRubric -> ScoreReport.

How points are given (docs/scoring.md explains it for users; every number is a field of
``ScoringParams``):

1. Each criterion's phrases (its keywords and their domain-table variants) are found in the
   answer (matcher.py) by stem, lemma, WordNet synonym, typo, in any order, with small gaps.
   A criterion earns the credit of its best occurrence that is not negated.
2. Structural criteria (STAR parts, the coding approach; structure.py) earn credit for
   specifics; a cue phrase with no specifics earns ``cue_only_credit``.
3. Relations (relations.py): a claim stated the right way round earns the criterion; stated
   reversed, it earns nothing and costs like a red flag.
4. Red flags fire only on what the candidate asserts (stance.py).
5. totals.py maps the weighted coverage to the score and writes out the arithmetic.
"""

from __future__ import annotations

from ..banks import Criterion, EffectiveRubric
from .autoscore import contradicts, length_factor, relevance
from .delivery import delivery_stats
from .enumerations import listed_cap, listed_explanation, listed_together
from .lists import Sentences, keyword_stuffing, list_heavy, list_item, term_list
from .matcher import (
    DOMAIN_REASON,
    AnswerIndex,
    CompiledRubric,
    Group,
    PhraseMatch,
    compile_rubric,
    find_phrase,
)
from .mentions import bare_mention, one_sentence, single_word
from .negation import mark_negation
from .params import DEFAULT_PARAMS, ScoringParams
from .red_flags import match_of, red_flag_hits
from .relations import judge
from .report import CriterionResult, CriterionStatus, Match, RedFlagHit, ScoreReport
from .reversal import find_reversed
from .structure import (
    STAR_KINDS,
    STRUCTURAL_KINDS,
    approach_in_own_words,
    cue_has_specifics,
    evidence,
    hollowness,
)
from .text import Token, tokenize, tokenize_indexed
from .totals import finalize

MAX_CHARS = 30_000
MAX_MATCHES = 3
Found = tuple[list[tuple[float, PhraseMatch]], list[PhraseMatch], bool]



def credit_for(similarity: float, *, linear: bool = False,
               params: ScoringParams = DEFAULT_PARAMS) -> float:
    """Share of a criterion's weight earned by a match of this similarity (0-1)."""
    if linear:
        return similarity / 100.0 if similarity >= params.linear_min_similarity else 0.0
    if similarity >= params.hit_similarity:
        return 1.0
    if similarity >= params.partial_similarity:
        return params.partial_floor + params.partial_span * (
            (similarity - params.partial_similarity)
            / (params.hit_similarity - params.partial_similarity))
    return 0.0


def _is_echo(m: PhraseMatch, tokens: list[Token], prompt_stems: set[str]) -> bool:
    """True when every answer word of the match repeats a word of the question."""
    return bool(prompt_stems) and all(tokens[p].stem in prompt_stems
                                      for p in m.positions.values())


def _explain_hit(m: Match) -> str:
    if m.via:
        return f"'{m.text}' ≈ '{m.keyword}': {m.reason}."
    if m.text.lower() == m.keyword.lower():
        return f"Said '{m.text}'."
    return f"'{m.text}' ≈ '{m.keyword}': {m.reason} ({m.similarity:.0f}%)."


def _best_phrase(index: AnswerIndex, group: Group, linear: bool, prompt_stems: set[str],
                 params: ScoringParams) -> tuple[list[tuple[float, PhraseMatch]],
                                                 list[PhraseMatch], bool]:
    plain: list[tuple[float, PhraseMatch]] = []
    negated: list[PhraseMatch] = []
    echoed = False
    full = False
    hit_words = index.found_words()
    for phrase in group.candidates(hit_words):
        if full and phrase.via_domain:
            break  # already a full hit: its variants cannot do better
        if (phrase.via_domain or phrase.negative) and not phrase.needed <= hit_words and not (
                phrase.joined and phrase.joined_word in hit_words):
            continue  # not complete (Phrase.complete, inlined: most candidates stop here)
        # Authored rubrics give full credit from hit_similarity: no need to look further.
        best, best_neg = find_phrase(index, phrase, params=params,
                                     good_enough=101.0 if linear else params.hit_similarity)
        credit = 0.0
        if best is not None:
            credit = credit_for(best.similarity, linear=linear, params=params)
            if phrase.via_domain and best.similarity < params.hit_similarity:
                credit = 0.0  # a domain variant counts only when said in full
            # An auto-rubric already weighs echoes of the question down (autorubric.py), but
            # not those of a domain variant: "stack" (the question's word) is no "LIFO".
            if credit > 0 and (not linear or phrase.via_domain) and _is_echo(
                    best, index.tokens, prompt_stems):
                credit = min(credit, params.echo_credit)
                echoed = True
            if credit > 0:
                plain.append((credit, best))
                full = full or credit >= 1.0
        if best_neg is not None and credit_for(best_neg.similarity, linear=linear,
                                               params=params) > 0:
            negated.append(best_neg)
    if len(plain) > 1:
        plain.sort(key=lambda cm: (-cm[0], -cm[1].similarity, cm[1].first))
        plain = _distinct(plain)
    if len(negated) > 1:
        negated.sort(key=lambda m: -m.similarity)
    return plain, negated, echoed


def _distinct(plain: list[tuple[float, PhraseMatch]]) -> list[tuple[float, PhraseMatch]]:
    """One match per stretch of the answer (the best), so variants do not repeat it."""
    seen: set[tuple[int, int]] = set()
    out = []
    for cm in plain:
        key = (cm[1].first, cm[1].last)
        if key not in seen:
            seen.add(key)
            out.append(cm)
    return out


def _criterion_result(answer: str, tokens: list[Token], index: AnswerIndex, crit: Criterion,
                      ci: int, compiled: CompiledRubric, prompt_stems: set[str],
                      matched: set[int], linear: bool, flags: list[RedFlagHit],
                      hollow: bool = False, list_heavy: bool = False,
                      story: bool = False, sents: Sentences | None = None,
                      found: Found | None = None, listed: int = 0) -> CriterionResult:
    params = compiled.params
    plain, negated, echoed = found if found is not None else _best_phrase(
        index, compiled.criteria[ci], linear, prompt_stems, params)
    credit = plain[0][0] if plain else 0.0
    matches = [match_of(answer, tokens, m, index) for _, m in plain[:MAX_MATCHES]]
    explanation = ""
    under_negation = 0.0
    if linear and negated:
        # Auto-rubrics: a concept said under a negation earns part of its credit. A reference
        # of a sentence or two cannot tell which part of a clause the negation denies ("no
        # gap in the closed path"), and on SemEval train such answers were more often right
        # than answers that never name the concept.
        under_negation = params.auto_negated_credit * credit_for(
            negated[0].similarity, linear=True, params=params)
        if under_negation > credit:
            credit = under_negation
            matches = []
        else:
            under_negation = 0.0
    structural = crit.kind in STRUCTURAL_KINDS
    if structural and crit.kind != "approach":
        # A cue phrase locates the part; only content earns it. With specifics in its
        # sentence the cue earns half; alone, cue_only_credit; a partial cue nothing.
        if credit < 1.0:
            credit = 0.0
        elif plain and cue_has_specifics(tokens, answer, plain[0][1].first, plain[0][1].last,
                                         params):
            credit = params.cue_specifics_credit
            explanation = (f"The cue '{matches[0].text}' with a few specifics; the "
                           f"{crit.kind} itself is thin.")
        elif plain:
            credit = params.cue_only_credit
            explanation = (f"Only the cue '{matches[0].text}': say what it was, with "
                           "specifics.")
        if not credit:
            matches = []
    elif structural and plain and not any(
            cue_has_specifics(tokens, answer, m.first, m.last, params)
            for c, m in plain if c >= credit):
        # The approach: any of its best matches with specifics in its sentence will do
        # ("My approach: sort by start, then one pass" - not only the cue "my approach").
        credit = min(credit, params.cue_only_credit)
        explanation = f"Only the cue '{matches[0].text}': say what it was, with specifics."
    if structural:
        ev = evidence(crit.kind, answer, tokens, params) if crit.kind != "approach" \
            else approach_in_own_words(answer, tokens, params)
        if ev is not None and ev.credit and ev.credit >= credit:
            credit = ev.credit
            explanation = f"Shown by its content: {ev.explanation}."
            first, last = ev.spans[0]
            s, e = tokens[first].start, tokens[last].end
            matches = [Match.made(keyword=crit.kind, text=answer[s:e], start=s, end=e,
                             similarity=round(100 * ev.credit, 1), reason=ev.explanation)]
        if hollow and crit.kind in STAR_KINDS and credit > params.cue_specifics_credit:
            credit = params.cue_specifics_credit
            explanation = (f"Generic: nothing concrete (no number, name or detail) shows the "
                           f"{crit.kind}.")
    if (not linear and not structural and plain and credit > params.bare_mention_credit
            and len(tokens) < params.bare_answer_words
            and bare_mention(answer, tokens, plain[0][1].first, plain[0][1].last, params)):
        credit = params.bare_mention_credit
        explanation = (f"Only named: '{matches[0].text}' stands alone, with nothing said about "
                       "what it does or why.")
    if (not linear and not structural and plain and credit > params.list_item_credit
            and len(tokens) >= params.list_min_words
            and sents is not None
            and all(list_item(sents, m.first, m.last, index.forms, index.by_norm,
                              loose=list_heavy)
                    for _, m in plain)):
        credit = params.list_item_credit
        explanation = (f"Only listed: '{matches[0].text}' is one item of a list, with "
                       "nothing said about what it does or why "
                       f"({100 * credit:.0f}%).")
    if listed and credit > (cap := listed_cap(listed, params)):
        credit = cap
        explanation = listed_explanation(matches[0].text, listed, params)
    if (not linear and not structural and len(plain) == 1 and len(crit.keywords) > 1
            and not explanation
            and credit > params.single_mention_credit
            and len(tokens) < params.single_mention_words
            and tokens[-1].clause - tokens[0].clause + 1 >= params.bare_min_clauses
            and single_word(plain[0][1].phrase)):
        # Met once, by one word, with none of its other phrasings: mentioned, not developed.
        credit = params.single_mention_credit
        explanation = (f"Mentioned once: '{matches[0].text}', with nothing more on it "
                       f"({100 * credit:.0f}%).")
    elif (not linear and not structural and plain and len(crit.keywords) > 1
            and one_sentence([m for _, m in plain], tokens, index.forms, index.by_norm)
            and not explanation and credit > params.depth_single_credit
            and len(compiled.criteria) <= params.depth_max_criteria and not story
            and len(tokens) >= params.depth_min_words
            and sents is not None and tokens[plain[0][1].first].sentence not in sents.reason
            and tokens[-1].clause - tokens[0].clause + 1 >= params.bare_min_clauses):
        # Said in one sentence only (its phrasings there, none said again elsewhere), a
        # sentence that says no why or how (no causal word, number or example): touched,
        # not developed.
        credit = params.depth_single_credit
        explanation = (f"Said once: '{matches[0].text}', with no why, how or example "
                       f"({100 * credit:.0f}%).")
    contradicted = False
    rel_notes: list[str] = []
    for rel, comp in zip(crit.relations, compiled.relations[ci] if compiled.relations else [],
                         strict=False):
        for v in judge(answer, index, rel, comp, params):
            s, e = tokens[v.first].start, tokens[v.last].end
            if v.supported:
                if credit < 1.0:
                    credit = 1.0
                    matches.insert(0, Match.made(keyword=f"{rel.subject[0]} → {rel.object[0]}",
                                            text=answer[s:e], start=s, end=e, similarity=100.0,
                                            reason="states the relation"))
                    explanation = (f"States the relation '{rel.subject[0]} → "
                                   f"{rel.object[0]}': '{answer[s:e]}'.")
            elif not contradicted:
                contradicted = True
                note = rel.note or (f"Reversed: the relation is '{rel.subject[0]} → "
                                    f"{rel.object[0]}'.")
                rel_notes.append(note)
                flags.append(RedFlagHit.made(
                    id=f"{crit.id}:relation", keyword=f"{rel.subject[0]} → {rel.object[0]}",
                    text=answer[s:e], start=s, end=e,
                    penalty=rel.penalty if "penalty" in rel.model_fields_set
                    else params.contradiction_penalty,
                    note="Contradiction: " + note))
    if (not contradicted and not linear and compiled.reversals
            and compiled.reversals[ci].phrases):
        rev = find_reversed(answer, tokens, index, compiled.reversals[ci], params)
        # The reversed words earn nothing, but the criterion said elsewhere keeps its credit
        # ("more data helps; with less data the gap widens").
        if rev is not None and not any(
                c >= 1.0 and (m.last < rev.first or m.first > rev.last) for c, m in plain):
            contradicted = True
            s, e = tokens[rev.first].start, tokens[rev.last].end
            note = (f"'{answer[s:e]}' says it the other way round: the point is "
                    f"'{rev.phrase.keyword}'.")
            rel_notes.append(note)
            if params.reversal_penalty:
                flags.append(RedFlagHit.made(
                    id=f"{crit.id}:reversed", keyword=rev.phrase.text, text=answer[s:e],
                    start=s, end=e, penalty=params.reversal_penalty,
                    note="Contradiction: " + note))
    if contradicted:
        credit = 0.0
    if linear and credit == 0 and not contradicted:
        contradicted = any(contradicts(index, p) for p in compiled.criteria[ci].phrases)
    for _, m in plain:
        matched.update(range(m.first, m.last + 1))
    status: CriterionStatus = ("hit" if credit >= 0.999 else "partial" if credit > 0
                               else "missed")
    neg = ([match_of(answer, tokens, m, index) for m in negated[:MAX_MATCHES]]
           if credit < 1 else [])
    if contradicted and rel_notes:
        explanation = f"Contradicts it: {rel_notes[0]}"
        matches = []
    elif contradicted:
        explanation = ("Says it without the reference's negation "
                       f"('{crit.keywords[0]}'): the opposite point.")
    elif explanation:
        pass
    elif under_negation:
        explanation = (f"Mentioned '{neg[0].text}' under a negation: "
                       f"{100 * params.auto_negated_credit:.0f}% of a plain mention.")
    elif status == "hit":
        explanation = _explain_hit(matches[0])
    elif status == "partial":
        m0 = matches[0]
        why = ("it only repeats the question's words" if echoed and credit <= params.echo_credit
               else f"a partial match for '{m0.keyword}' ({m0.similarity:.0f}%)" if not m0.via
               else f"'{m0.keyword}' said another way ({m0.reason}, {m0.similarity:.0f}%)")
        explanation = f"Partly covered: '{m0.text}' is {why}."
    elif neg:
        explanation = f"Mentioned '{neg[0].text}' only in a negated clause, which earns nothing."
    else:
        explanation = "Not mentioned."
    return CriterionResult.made(
        id=crit.id, label=crit.display_label, weight=crit.weight,
        earned=round(crit.weight * credit, 3), status=status, required=crit.required,
        matches=matches, negated=neg, probe=crit.probe, explanation=explanation,
        contradicted=contradicted, kind=crit.kind,
    )


def score_answer(answer: str, rubric: EffectiveRubric, *, prompt: str = "",
                 hint_penalty: float = 0.0, params: ScoringParams = DEFAULT_PARAMS
                 ) -> ScoreReport:
    """Score ``answer`` against ``rubric``. Never raises on odd input; always deterministic."""
    notices: list[str] = []
    if not isinstance(answer, str):
        answer = "" if answer is None else str(answer)
    if len(answer) > MAX_CHARS:
        cut = answer.rfind(" ", 0, MAX_CHARS)
        answer = answer[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        notices.append(f"The answer was longer than {MAX_CHARS:,} characters; "
                       "only the first part was scored.")
    # Each distinct word's positions are shared by negation, the index and delivery.
    tokens, by_norm = tokenize_indexed(answer)
    mark_negation(tokens, by_norm)
    compiled = compile_rubric(rubric, params)
    index = AnswerIndex(tokens, compiled, by_norm)
    prompt_stems = {t.stem for t in tokenize(prompt) if not t.stop} if prompt else set()
    linear = rubric.source == "auto"
    matched: set[int] = set()
    flags: list[RedFlagHit] = []
    star = any(c.kind in STAR_KINDS for c in rubric.criteria)
    hollow_kind = hollowness(answer, tokens, params) if star else ""
    hollow = bool(hollow_kind)
    sents = Sentences(tokens, index.by_norm) if not linear and tokens else None
    heavy = (sents is not None and len(tokens) >= params.list_min_words
             and list_heavy(sents, params))
    found = [_best_phrase(index, group, linear, prompt_stems, params)
             for group in compiled.criteria]
    listed = (listed_together(answer, sents, [
        [m for _, m in f[0]] if c.kind not in STRUCTURAL_KINDS else []
        for f, c in zip(found, rubric.criteria, strict=True)], index.forms, index.by_norm,
        params.enum_min_items) if sents is not None
        and params.list_min_words <= len(tokens) < params.enum_max_words else {})
    criteria = [_criterion_result(answer, tokens, index, crit, ci, compiled, prompt_stems,
                                  matched, linear, flags, hollow, heavy, star, sents,
                                  found[ci], listed.get(ci, 0))
                for ci, crit in enumerate(rubric.criteria)]
    if not tokens:
        notices.append("The answer has no words to score.")
    form_factor = 1.0
    if keyword_stuffing(answer, tokens, matched, params, index.by_norm, linear) or term_list(
            answer, tokens, params, index.by_norm):
        form_factor = params.stuffing_factor
        notices.append("This reads like a list of keywords. Explain how the ideas connect, "
                       "in sentences, to earn full credit.")
    elif heavy and params.names_factor < 1:
        form_factor = params.names_factor
        notices.append("This reads like a list of names: few sentences say what a concept "
                       "does, why, or with what effect. Explain how the ideas connect.")
    elif hollow_kind == "thin":
        form_factor = params.thin_factor
        notices.append("This story stays general: no number, name or detail shows what you "
                       "did or what changed. Add them to earn full credit.")
    elif hollow:
        form_factor = params.hollow_factor
        notices.append("This reads like a template: name the project, what you did and what "
                       "changed, with numbers, to earn credit.")
    report = ScoreReport.made(
        score=0.0, band="missing", criteria=criteria,
        red_flags=red_flag_hits(answer, tokens, index, rubric, compiled) + flags,
        delivery=delivery_stats(answer, tokens, index.by_norm), notices=notices,
        rubric_source=rubric.source, hint_penalty=max(0.0, float(hint_penalty)),
        form_factor=form_factor,
        relevance=relevance(tokens, index, prompt_stems) if linear else None,
        length_factor=length_factor(tokens, compiled) if linear else 1.0,
    )
    return finalize(report, params)


__all__ = ["DOMAIN_REASON", "credit_for", "finalize", "relevance", "score_answer"]

"""Red flags found in an answer, and the report's record of any phrase found in it."""

from __future__ import annotations

from ..banks import EffectiveRubric
from .matcher import AnswerIndex, CompiledRubric, PhraseMatch, find_phrase
from .report import Match, RedFlagHit
from .stance import not_asserted
from .text import Token


def match_of(answer: str, tokens: list[Token], m: PhraseMatch, index: AnswerIndex) -> Match:
    """The report's record of a phrase found in the answer (its text as typed, its span)."""
    start, end = tokens[m.first].start, tokens[m.last].end
    return Match.made(
        keyword=m.phrase.keyword, text=answer[start:end], start=start, end=end,
        similarity=round(m.similarity, 1), negated=m.negated, reason=index.reason_of(m),
        via=m.phrase.text if m.phrase.via_domain else "")


def red_flag_hits(answer: str, tokens: list[Token], index: AnswerIndex,
                  rubric: EffectiveRubric, compiled: CompiledRubric) -> list[RedFlagHit]:
    """The red flags the answer asserts (a negated, conditional or reported one does not
    fire: stance.not_asserted), each with the words that raised it."""
    params = compiled.params
    hits: list[RedFlagHit] = []
    hit_words = index.found_words()
    for flag, group in zip(rubric.red_flags, compiled.red_flags, strict=True):
        found: PhraseMatch | None = None
        for phrase in group.candidates(hit_words):
            if not phrase.complete(hit_words):
                continue
            best, _ = find_phrase(index, phrase, strict=True, params=params,
                                  at_least=params.red_flag_similarity)
            if best is not None and best.similarity >= params.red_flag_similarity and (
                    found is None or best.similarity > found.similarity) and \
                    not_asserted(answer, tokens, best.first, best.last) is None:
                found = best
        if found is not None:
            m = match_of(answer, tokens, found, index)
            note = flag.note
            if m.via:
                note = (f"('{m.text}' ≈ '{m.keyword}': {m.reason}) " + note).strip()
            hits.append(RedFlagHit.made(id=flag.id, keyword=m.keyword, text=m.text,
                                        start=m.start, end=m.end, penalty=flag.penalty,
                                        note=note))
    return hits

"""Follow-ups: a follow-up answer earns back any missed point, never lowers the score."""

from __future__ import annotations

from ..banks import EffectiveRubric
from .params import DEFAULT_PARAMS, ScoringParams
from .report import ScoreReport
from .scorer import score_answer
from .totals import combine_tests, finalize, with_ending


def apply_followup_all(report: ScoreReport, rubric: EffectiveRubric, answer: str, *,
                       prompt: str = "", probed: str | None = None,
                       params: ScoringParams = DEFAULT_PARAMS) -> ScoreReport:
    """Score a follow-up answer against EVERY criterion of ``rubric`` and return a new report.

    - Each criterion keeps the better of its earlier result and the follow-up's; a criterion
      improved by the follow-up gets ``source="follow-up"`` and an explanation starting "In
      the follow-up" (its match spans refer to the follow-up text). ``probed`` names the
      criterion the interviewer asked about (only used in that explanation).
    - Red flags said in the follow-up are added (marked "Said in the follow-up").
    - The rubric part is recomputed by ``finalize``; for a coding report whose tests were
      combined in (``test_weight``/``test_score`` set), the test share is applied again on
      the new rubric score, so a better explanation can only raise the combined score.
    - The total never drops below ``report.score``: if red flags in the follow-up would
      lower it, it is kept at the earlier score and ``floor`` records that.
    - ``total_explanation`` spells out exactly this arithmetic; its last number is ``score``.

    ``report`` must come from ``score_answer`` (or an earlier follow-up) on the same rubric.
    """
    new = report.model_copy(deep=True)
    follow = score_answer(answer, rubric, prompt=prompt, params=params)
    by_id = {c.id: c for c in follow.criteria}
    for i, c in enumerate(new.criteria):
        got = by_id.get(c.id)
        if got is None or got.earned <= c.earned:
            continue
        got = got.model_copy(deep=True)
        got.source = "follow-up"
        asked = " (asked about)" if probed == c.id else ""
        got.explanation = (f"In the follow-up{asked}: " + got.explanation[:1].lower()
                           + got.explanation[1:])
        new.criteria[i] = got
    known = {(r.id, r.keyword) for r in new.red_flags}
    for r in follow.red_flags:
        if (r.id, r.keyword) not in known:
            r = r.model_copy()
            r.note = ("Said in the follow-up. " + r.note).strip()
            new.red_flags.append(r)
    rubric_only = new.rubric_score is not None and new.test_weight is not None
    finalize(new, params)
    if rubric_only:
        combine_tests(new)
    new.floor = None
    if new.score < report.score:
        new.floor = report.score
        new.score = report.score
        new.band = report.band
        new.total_explanation = with_ending(
            new.total_explanation, f"kept at the earlier {report.score:.1f}: a follow-up "
            "never lowers the score", report.score)
    return new


def apply_followup(report: ScoreReport, rubric: EffectiveRubric, criterion_id: str, answer: str,
                   *, prompt: str = "", params: ScoringParams = DEFAULT_PARAMS) -> ScoreReport:
    """The follow-up to the probe of ``criterion_id``: scored against every criterion (see
    :func:`apply_followup_all`), so a point made in passing earns back too."""
    if not any(c.id == criterion_id for c in rubric.criteria):
        new = report.model_copy(deep=True)
        new.notices.append(f"No criterion '{criterion_id}' to follow up on.")
        return new
    return apply_followup_all(report, rubric, answer, prompt=prompt, probed=criterion_id,
                              params=params)

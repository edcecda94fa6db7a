"""From criteria to the total: weighted coverage, mapped to 0-100, then factors and penalties.
The report's ``total_explanation`` is built from the very numbers that make the score.

    coverage = Σ credit_i · w_i' / Σ w_i'      w_i' = w_i × required_weight if required
    share    = min(1, coverage / saturation)
    mapped   = 100 × curve(share)      (the same outside curve_start-curve_end; in between,
                                        pass line at pass_coverage; auto-rubrics: see below)
    score    = mapped × form_factor − red flags − hints, clamped to 0-100

Every intermediate number is rounded to one decimal before the next step, so the
explanation's arithmetic is exactly the stored score.
"""

from __future__ import annotations

from .params import DEFAULT_PARAMS, ScoringParams
from .report import PASS_THRESHOLD, CriterionResult, MissedCriterion, ScoreReport, band_for

COMBINE_NOTICE = "Score combines tests and rubric:"


def _weights(criteria: list[CriterionResult], params: ScoringParams) -> list[float]:
    """Each criterion's weight in the coverage (w_i' above)."""
    required = params.required_weight
    return [c.weight * (required if c.required else 1.0) for c in criteria]


def finalize(report: ScoreReport, params: ScoringParams = DEFAULT_PARAMS) -> ScoreReport:
    """Recompute coverage, score, band, missed list, summary and explanation from criteria."""
    weights = _weights(report.criteria, params)
    total_w = sum(weights) or 1.0
    cov = sum((c.earned / c.weight) * w for c, w in zip(report.criteria, weights, strict=True)
              if c.weight) / total_w
    steps: list[str] = []
    if report.relevance is not None:
        # Auto-rubric: blend coverage with relevance, subtract contradictions, length factor.
        base = 100.0 * cov
        raw = (1 - params.precision_share) * base + params.precision_share * 100.0 * \
            report.relevance
        contra = sum(c.weight for c in report.criteria if c.contradicted)
        plain_w = sum(c.weight for c in report.criteria) or 1.0
        raw -= 100.0 * params.auto_contradiction * contra / plain_w
        raw = max(raw, 0.0) * report.length_factor
        report.coverage = round(base, 1)
        mapped = round(min(100.0, raw / params.auto_saturation), 1)
        steps.append(f"auto-rubric: coverage {base:.1f}, relevance {report.relevance:.2f}, "
                     f"length ×{report.length_factor:.2f} → {raw:.1f}; "
                     f"full marks at {100 * params.auto_saturation:.0f} → {mapped:.1f}")
    else:
        report.coverage = round(100.0 * cov, 1)
        share = round(100.0 * min(1.0, cov / params.saturation), 1)
        mapped = round(100.0 * curve(share / 100.0, params), 1)
        req = (f" (required points count ×{params.required_weight:g})"
               if any(c.required for c in report.criteria) else "")
        curved = (f"; pass line at {100 * params.pass_coverage:.0f}% of full marks → "
                  f"{mapped:.1f}" if share != mapped else "")
        steps.append(f"covered {100 * cov:.1f}% of the weighted points{req}; full marks at "
                     f"{100 * params.saturation:.0f}% → {share:.1f}{curved}")
    report.raw_score = mapped
    score = mapped
    if report.form_factor < 1:
        score = round(score * report.form_factor, 1)
        steps.append(f"× {report.form_factor:g} ({_form_reason(report)}) = {score:.1f}")
    report.red_flag_penalty = round(sum(r.penalty for r in report.red_flags), 1)
    if report.red_flag_penalty:
        score = round(score - report.red_flag_penalty, 1)
        n = len(report.red_flags)
        steps.append(f"− {report.red_flag_penalty:g} for {n} red flag{'s' if n > 1 else ''} "
                     f"= {score:.1f}")
    if report.hint_penalty:
        score = round(score - report.hint_penalty, 1)
        steps.append(f"− {report.hint_penalty:g} for hints = {score:.1f}")
    if score < 0:
        score = 0.0
        steps.append("floored at 0")
    report.capped = False
    report.score = round(min(score, 100.0), 1)
    report.band = band_for(report.score)
    report.missed = [MissedCriterion.made(id=c.id, label=c.label, weight=c.weight,
                                     required=c.required, probe=c.probe)
                     for c in report.criteria if c.status == "missed"]
    report.total_explanation = "; ".join(steps) + f". Score {report.score:.1f}."
    report.summary = _summary(report)
    return report


def curve(share: float, params: ScoringParams) -> float:
    """The share of full marks (coverage / saturation, 0-1) as a share of the score: the same
    below ``curve_start`` and from ``curve_end``, and in between a straight line through the
    pass line at ``pass_coverage``. Covering half the points is a weak answer, not a pass."""
    lo, hi, at = params.curve_start, params.curve_end, params.pass_coverage
    if share <= lo or share >= hi:
        return share
    pass_share = PASS_THRESHOLD / 100.0
    if share <= at:
        return lo + (pass_share - lo) * (share - lo) / (at - lo)
    return pass_share + (hi - pass_share) * (share - at) / (hi - at)


def _form_reason(report: ScoreReport) -> str:
    if any("template" in n for n in report.notices):
        return "reads as a template"
    if any("list of names" in n for n in report.notices):
        return "reads as a list of names"
    if any("stays general" in n for n in report.notices):
        return "a story with nothing concrete"
    return "reads as a keyword list"


def combine_tests(report: ScoreReport) -> ScoreReport:
    """Re-apply a coding question's test share after the rubric part changed (follow-ups):
    score = (1 - w) × rubric + w × tests, with the same notice the code runner writes."""
    if report.test_weight is None or report.test_score is None or report.tests is None:
        return report
    w = report.test_weight
    rubric = report.score
    total = round((1.0 - w) * rubric + w * report.test_score, 1)
    report.rubric_score = rubric
    report.score = total
    report.band = band_for(total)
    scope = "" if report.tests.include_hidden else " (visible tests only)"
    line = (f"{COMBINE_NOTICE} {round((1 - w) * 100):d}% rubric ({rubric:.1f}) + "
            f"{round(w * 100):d}% tests ({report.tests.passed}/{report.tests.total} passed"
            f"{scope} = {report.test_score:.1f}) = {total:.1f}.")
    report.notices = [n for n in report.notices if not n.startswith(COMBINE_NOTICE)] + [line]
    report.total_explanation = with_ending(
        report.total_explanation,
        f"rubric {rubric:.1f}; {line.removeprefix(COMBINE_NOTICE).strip().removesuffix('.')}",
        total)
    report.summary = _summary(report)
    return report


def with_ending(explanation: str, step: str, score: float) -> str:
    """Replace the explanation's final "Score X." with one more step and the new score."""
    head = explanation.rsplit(" Score ", 1)[0].removesuffix(".")
    return f"{head}; {step}. Score {score:.1f}."


def _summary(report: ScoreReport) -> str:
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
    contra = [c for c in report.criteria if c.contradicted]
    if contra:
        parts.append(f"{len(contra)} point{'s' if len(contra) > 1 else ''} stated reversed")
    if report.red_flags:
        parts.append(f"{len(report.red_flags)} red flag" + ("s" if len(report.red_flags) > 1
                                                            else ""))
    if report.form_factor < 1:
        parts.append(_form_reason(report))
    return "; ".join(parts) + "."

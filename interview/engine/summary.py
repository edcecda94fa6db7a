"""The interviewer's feedback line and the session summary (pure functions over attempts)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ..banks.models import ROUND_TITLES, ROUNDS
from ..domain.attempt import Attempt, best_attempt, session_score
from ..domain.words import clock, plural
from ..scoring.report import PASS_THRESHOLD
from .types import CriterionMiss, RoundScore, Summary, TagScore

TOP = 5


def _fmt(x: float) -> str:
    return f"{x:.0f}"


def feedback_text(att: Attempt, *, best: float) -> str:
    """What the interviewer says about an attempt: score, what was covered and missed.

    No UI words (keys, commands) here: each front-end says how to retry its own way."""
    if att.skipped:
        return "Skipped: 0 points for this question."
    r = att.report
    parts = [f"Score: {_fmt(att.score)}/100 ({att.band})."]
    if att.after_reveal:
        parts.append("Answered after seeing the model answer, so it does not count.")
    if att.attempt > 1:
        parts[0] += f" Best so far: {_fmt(best)}."
    if r is None:
        parts.append("The detailed report is unavailable (written by another version).")
        return " ".join(parts)
    hit = [c.label for c in r.criteria if c.status == "hit"]
    partial = [c.label for c in r.criteria if c.status == "partial"]
    missed = [c.label for c in r.criteria if c.status == "missed"]
    if hit:
        parts.append("Covered: " + "; ".join(hit) + ".")
    if partial:
        parts.append("Partly covered: " + "; ".join(partial) + ".")
    if missed:
        parts.append("Missed: " + "; ".join(missed) + ".")
    earned = [f for f in att.followups if f.earned_back > 0]
    if earned:
        parts.append("Follow-up earned back: " + "; ".join(
            f"{f.criterion_label} (+{_fmt(f.earned_back)})" for f in earned) + ".")
    for flag in r.red_flags:
        note = f": {flag.note}" if flag.note else ""
        parts.append(f"Red flag '{flag.text}' (-{_fmt(flag.penalty)}){note}.")
    if r.capped:
        parts.append("A required point was missed, so the total was capped.")
    if att.hints_used:
        parts.append(f"Hints: {att.hints_used} (-{_fmt(att.hint_penalty)}).")
    if att.over_time:
        parts.append(f"Over time: {_fmt(att.elapsed)}s of {att.time_limit}s.")
    if r.tests is not None:
        parts.append(f"Tests: {r.tests.passed}/{r.tests.total} passed.")
    parts.extend(r.notices)
    return " ".join(parts)


def summarise(items: Sequence[tuple[str, Sequence[str], Sequence[Attempt]]],
              *, planned: int, finished: bool) -> Summary:
    """``items``: (round, tags, attempts) for every planned question, in order."""
    per_round: dict[str, list[float]] = defaultdict(list)
    tag_scores: dict[str, list[float]] = defaultdict(list)
    missed: Counter[str] = Counter()
    labels: dict[str, str] = {}
    answered = skipped = hints = over = 0
    time_used = 0.0
    for round_, tags, attempts in items:
        best = best_attempt(attempts)
        if best is None:
            continue
        for a in attempts:
            time_used += a.time_used
            hints += a.hints_used
            over += int(a.over_time)
        if best.skipped:
            skipped += 1
        else:
            answered += 1
        per_round[round_].append(best.counted_score)
        for t in tags:
            tag_scores[t].append(best.counted_score)
        if best.report is not None and not best.skipped:
            credited = {d.criterion_id for d in best.disputes if d.status == "accepted"}
            for c in best.report.criteria:
                if c.status == "missed" and c.id not in credited:
                    missed[c.id] += 1
                    labels.setdefault(c.id, c.label)
    total = session_score([atts for _, _, atts in items])
    order = {r: i for i, r in enumerate(ROUNDS)}
    rounds = tuple(
        RoundScore(round=r, title=ROUND_TITLES.get(r, r), score=sum(v) / len(v), answered=len(v))
        for r, v in sorted(per_round.items(), key=lambda kv: order.get(kv[0], 99))
    )
    weakest = tuple(
        CriterionMiss(id=cid, label=labels[cid], count=n)
        for cid, n in sorted(missed.items(), key=lambda kv: (-kv[1], labels[kv[0]]))[:TOP]
    )
    tags_sorted = sorted(
        (TagScore(tag=t, average=sum(v) / len(v), count=len(v)) for t, v in tag_scores.items()),
        key=lambda ts: (ts.average, ts.tag),
    )
    summary = Summary(
        total=total or 0.0, per_round=rounds, answered=answered, skipped=skipped,
        questions=planned, time_used=time_used, hints_used=hints, over_time=over,
        weakest_criteria=weakest, weakest_tags=tuple(tags_sorted[:TOP]), finished=finished,
    )
    return _with_text(summary)


def _with_text(s: Summary) -> Summary:
    reached = s.answered + s.skipped
    lines = [f"Total: {_fmt(s.total)}/100 over {reached} of {plural(s.questions, 'question')}"
             f" ({s.answered} answered, {s.skipped} skipped)."]
    if len(s.per_round) > 1:
        lines.append("Per round: " + ", ".join(f"{r.title} {_fmt(r.score)}" for r in s.per_round)
                     + ".")
    extra = f"Time used: {clock(s.time_used)}."
    if s.hints_used:
        extra += f" Hints used: {s.hints_used}."
    if s.over_time:
        extra += f" Over time on {plural(s.over_time, 'answer')}."
    lines.append(extra)
    if s.weakest_criteria:
        lines.append("Most missed: " + " · ".join(
            c.label + (f" (x{c.count})" if c.count > 1 else "") for c in s.weakest_criteria) + ".")
    weak_tags = weak_topics(s.weakest_tags)
    if weak_tags:
        lines.append("Weakest topics: " + ", ".join(
            f"{t.tag} ({_fmt(t.average)})" for t in weak_tags) + ".")
    return replace(s, text="\n".join(lines))


def weak_topics(tags: Sequence[TagScore]) -> list[TagScore]:
    """Tags whose average is below the pass band (``BAND_THRESHOLDS``)."""
    return [t for t in tags if t.average < PASS_THRESHOLD]

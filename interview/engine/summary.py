"""Per-attempt feedback text and the session summary (pure functions over engine state)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..banks.models import ROUND_TITLES, ROUNDS
from ..scoring.report import ScoreReport
from .types import CriterionMiss, FollowUp, RoundScore, Summary, TagScore

TOP = 5


@dataclass
class AttemptState:
    """One attempt at a question (mutable while its follow-ups run)."""

    attempt: int
    answer: str
    skipped: bool
    report: ScoreReport | None
    hints_used: int
    hint_penalty: float
    elapsed: float
    time_limit: int
    over_time: bool
    followups: list[FollowUp] = field(default_factory=list)
    concluded: bool = False

    @property
    def score(self) -> float:
        return 0.0 if self.report is None or self.skipped else float(self.report.score)

    @property
    def band(self) -> str:
        return "skipped" if self.report is None or self.skipped else self.report.band

    @property
    def time_used(self) -> float:
        return self.elapsed + sum(f.elapsed for f in self.followups)


def best_attempt(attempts: Sequence[AttemptState]) -> AttemptState | None:
    """The attempt that counts: the highest score, the latest on ties."""
    best: AttemptState | None = None
    for a in attempts:
        if best is None or a.score >= best.score:
            best = a
    return best


def _fmt(x: float) -> str:
    return f"{x:.0f}"


def feedback_text(att: AttemptState, *, best: float, practice: bool) -> str:
    """A readable paragraph: score, what was covered, what was missed and why."""
    if att.skipped or att.report is None:
        return "Skipped: 0 points for this question." + (
            " You can /retry it." if practice else "")
    r = att.report
    parts = [f"Score: {_fmt(r.score)}/100 ({r.band})."]
    if att.attempt > 1:
        parts[0] += f" Best so far: {_fmt(best)}."
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


def summarise(items: Sequence[tuple[str, str, Sequence[str], Sequence[AttemptState]]],
              *, planned: int, finished: bool) -> Summary:
    """``items``: (question id, round, tags, attempts) for every planned question."""
    per_round: dict[str, list[float]] = defaultdict(list)
    tag_scores: dict[str, list[float]] = defaultdict(list)
    missed: Counter[str] = Counter()
    labels: dict[str, str] = {}
    answered = skipped = hints = over = 0
    time_used = 0.0
    bests: list[float] = []
    for _qid, round_, tags, attempts in items:
        if not attempts:
            continue
        for a in attempts:
            time_used += a.time_used
            hints += a.hints_used
            over += int(a.over_time)
        best = best_attempt(attempts)
        assert best is not None
        if best.skipped:
            skipped += 1
        else:
            answered += 1
        bests.append(best.score)
        per_round[round_].append(best.score)
        for t in tags:
            tag_scores[t].append(best.score)
        if best.report is not None and not best.skipped:
            for c in best.report.criteria:
                if c.status == "missed":
                    missed[c.id] += 1
                    labels.setdefault(c.id, c.label)
    total = sum(bests) / len(bests) if bests else 0.0
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
        total=total, per_round=rounds, answered=answered, skipped=skipped, questions=planned,
        time_used=time_used, hints_used=hints, over_time=over, weakest_criteria=weakest,
        weakest_tags=tuple(tags_sorted[:TOP]), finished=finished,
    )
    return _with_text(summary)


def _with_text(s: Summary) -> Summary:
    from dataclasses import replace

    reached = s.answered + s.skipped
    lines = [f"Total: {_fmt(s.total)}/100 over {reached} of {s.questions} question(s)"
             f" ({s.answered} answered, {s.skipped} skipped)."]
    if len(s.per_round) > 1:
        lines.append("Per round: " + ", ".join(f"{r.title} {_fmt(r.score)}" for r in s.per_round)
                     + ".")
    minutes, seconds = divmod(round(s.time_used), 60)
    extra = f"Time used: {minutes}m{seconds:02d}s."
    if s.hints_used:
        extra += f" Hints used: {s.hints_used}."
    if s.over_time:
        extra += f" Over time on {s.over_time} answer(s)."
    lines.append(extra)
    if s.weakest_criteria:
        lines.append("Most missed: " + " · ".join(
            c.label + (f" (x{c.count})" if c.count > 1 else "") for c in s.weakest_criteria) + ".")
    weak_tags = [t for t in s.weakest_tags if t.average < 55]
    if weak_tags:
        lines.append("Weakest topics: " + ", ".join(
            f"{t.tag} ({_fmt(t.average)})" for t in weak_tags) + ".")
    return replace(s, text="\n".join(lines))

"""One attempt at a question, as every layer sees it, and the session score.

An ``Attempt`` carries its score explicitly. The report explains the score; when a stored
report cannot be read any more (written by another version), ``report`` is None,
``report_unavailable`` is True and the stored ``score`` still counts.

A mentor's notes and score override, and the candidate's disputes, travel with the attempt
(``notes``, ``disputes``; see ``domain.mentor``). ``score`` stays the machine score;
``counted_score`` (the newest override, else ``score``) is what best attempts, the session
score, history and stats use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .bands import band_for
from .mentor import Dispute, MentorNote, latest_override

if TYPE_CHECKING:
    from ..scoring.report import ScoreReport


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question asked after an answer, and what it earned back."""

    criterion_id: str
    criterion_label: str
    prompt: str
    answer: str | None = None
    """None while waiting for the answer, or when the candidate skipped the follow-up."""
    earned_back: float = 0.0
    """Points added to the question's score (0-100 scale) by the follow-up answer."""
    elapsed: float = 0.0

    @property
    def pending(self) -> bool:
        return self.answer is None


@dataclass(frozen=True)
class Attempt:
    """One attempt at a question (an answer or a skip), after any follow-ups."""

    attempt: int
    """1-based attempt number at this question."""
    answer: str
    skipped: bool
    score: float
    """The score that counts (0-100; 0 when skipped). Equal to ``report.score`` when the
    report is known: the engine sets both from one report."""
    report: ScoreReport | None
    hints_used: int = 0
    hint_penalty: float = 0.0
    elapsed: float = 0.0
    time_limit: int = 0
    over_time: bool = False
    followups: tuple[FollowUp, ...] = ()
    concluded: bool = True
    """False while a follow-up of this attempt waits for its answer."""
    after_reveal: bool = False
    """Made after the model answer was shown: kept, marked, never the best attempt."""
    report_unavailable: bool = False
    """The stored report could not be read (the stored score is kept)."""
    notes: tuple[MentorNote, ...] = ()
    """Mentor notes, oldest first (stored apart from the attempt; never journaled)."""
    disputes: tuple[Dispute, ...] = ()
    """The candidate's disputes of missed criteria, oldest first."""

    @property
    def band(self) -> str:
        """``skipped``, or the band of ``score`` (from ``BAND_THRESHOLDS``)."""
        if self.skipped:
            return "skipped"
        return band_for(self.score)

    @property
    def override(self) -> MentorNote | None:
        """The mentor override that counts (the newest note with a score), if any."""
        return latest_override(self.notes)

    @property
    def counted_score(self) -> float:
        """The score that counts: the mentor's override when there is one, else ``score``."""
        o = self.override
        return self.score if o is None or o.score is None else o.score

    @property
    def counted_band(self) -> str:
        if self.skipped and self.override is None:
            return "skipped"
        return band_for(self.counted_score)

    @property
    def time_used(self) -> float:
        return self.elapsed + sum(f.elapsed for f in self.followups)

    @property
    def pending_followup(self) -> FollowUp | None:
        """The follow-up waiting for an answer, if any."""
        if not self.concluded and self.followups and self.followups[-1].pending:
            return self.followups[-1]
        return None


def best_attempt(attempts: Sequence[Attempt], *, machine: bool = False) -> Attempt | None:
    """The attempt that counts: the highest counted score (a mentor's override, else the
    machine score; ``machine``: the machine score only), the latest on ties. Attempts made
    after the model answer was revealed never count while another attempt exists."""
    pool = [a for a in attempts if not a.after_reveal] or list(attempts)
    best: Attempt | None = None
    for a in pool:
        if best is None or _score(a, machine) >= _score(best, machine):
            best = a
    return best


def _score(a: Attempt, machine: bool) -> float:
    return a.score if machine else a.counted_score


def session_score(per_question: Iterable[Sequence[Attempt]], *,
                  machine: bool = False) -> float | None:
    """THE session score: mean best counted score (mentor overrides included) over the
    questions reached (attempted or skipped); None when no question was reached. Every
    screen and the stored column use this one function. ``machine``: the same without any
    override (shown beside the counted one)."""
    bests = [_score(b, machine) for atts in per_question
             if (b := best_attempt(atts, machine=machine)) is not None]
    return sum(bests) / len(bests) if bests else None

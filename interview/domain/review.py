"""How one session's answer to a question rates as a spaced-review (FSRS) review.

Pure and import-light: the service turns the rating into an FSRS ``Rating``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from .attempt import Attempt, best_attempt
from .bands import BAND_THRESHOLDS, PASS_THRESHOLD

ReviewRating = Literal["again", "hard", "good", "easy"]
RATINGS: tuple[ReviewRating, ...] = ("again", "hard", "good", "easy")

STRONG_THRESHOLD = BAND_THRESHOLDS["strong"]
NEAR_PERFECT = (STRONG_THRESHOLD + 100.0) / 2
"""Half-way from the strong line to 100: an answer this good with nothing missed is easy."""


@dataclass(frozen=True)
class MissedPoint:
    """A criterion the answer missed, with the probe to ask about it next time."""

    id: str
    label: str
    required: bool = False
    probe: str | None = None


def missed_points(attempt: Attempt) -> tuple[MissedPoint, ...]:
    """The criteria ``attempt`` missed, after any follow-ups (from its report; none when
    the report is unknown)."""
    if attempt.report is None:
        return ()
    return tuple(MissedPoint(c.id, c.label, bool(c.required), c.probe)
                 for c in attempt.report.criteria if c.status == "missed")


def review_rating(score: float, *, missed: Sequence[MissedPoint] = (), skipped: bool = False,
                  after_reveal: bool = False) -> ReviewRating:
    """The review rating of the answer that counts (bands from ``domain.bands``):

    ==============================  ==========  ===========  ===================
    the answer                      no misses   missed some  missed a required
    ==============================  ==========  ===========  ===================
    skipped, made after the model   again       again        again
    answer was shown, or below the
    pass line
    pass band (pass line to strong) good        hard         hard
    strong band, below NEAR_PERFECT good        hard         hard
    NEAR_PERFECT and above          easy        good         hard
    ==============================  ==========  ===========  ===================

    A missed criterion always rates lower than the same score without one (so the card comes
    back sooner), except below the pass line, where "again" is already the soonest.
    """
    if skipped or after_reveal or score < PASS_THRESHOLD:
        return "again"
    if any(m.required for m in missed):
        return "hard"
    if score >= NEAR_PERFECT:
        return "good" if missed else "easy"
    return "hard" if missed else "good"


def session_review(attempts: Sequence[Attempt],
                   missed_of: Callable[[Attempt], Sequence[MissedPoint]] = missed_points,
                   ) -> tuple[Attempt, ReviewRating] | None:
    """The one review a session gives a question: its best concluded attempt (never one made
    after the model answer was shown while another exists) and that attempt's rating.
    None while no attempt is concluded. ``missed_of`` says what an attempt missed (default:
    read from its report)."""
    done = [a for a in attempts if a.concluded]
    best = best_attempt(done)
    if best is None:
        return None
    return best, review_rating(best.score, missed=missed_of(best), skipped=best.skipped,
                               after_reveal=best.after_reveal)

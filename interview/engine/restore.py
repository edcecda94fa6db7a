"""Where a resumed session stands, from its stored attempts and its saved live state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..domain.attempt import Attempt
from ..domain.live import LiveState
from .types import Phase


@dataclass(frozen=True)
class Position:
    attempts: tuple[tuple[Attempt, ...], ...]
    index: int
    phase: Phase
    hints: int
    elapsed: float
    """Time already spent on the current question or follow-up."""
    changed: tuple[tuple[int, Attempt], ...]
    """Attempts that had to be concluded (stale pending ones): store them again."""


def restore_position(attempts: Sequence[Sequence[Attempt]], live: LiveState | None, *,
                     practice: bool) -> Position:
    """The question, phase, hints and clock to resume at.

    1. An attempt with a pending follow-up: resume on that follow-up (any question,
       the last one included).
    2. Else the saved live state when it was on a question (a retry, hints taken).
    3. Else the first question not attempted yet; when every question was attempted, the
       last one's feedback.
    Other attempts left unconcluded are concluded (and reported in ``changed``).
    """
    fixed: list[tuple[Attempt, ...]] = []
    changed: list[tuple[int, Attempt]] = []
    pending: int | None = None
    for i, atts in enumerate(attempts):
        row = list(atts)
        if row and not row[-1].concluded:
            if pending is None and row[-1].pending_followup is not None:
                pending = i
            else:
                row[-1] = replace(row[-1], concluded=True)
                changed.append((i, row[-1]))
        for j, a in enumerate(row[:-1]):
            if not a.concluded:
                row[j] = replace(a, concluded=True)
                changed.append((i, row[j]))
        fixed.append(tuple(row))
    n = len(fixed)
    same = live is not None and 0 <= live.index < n

    def elapsed_for(index: int, phase: Phase) -> float:
        if same and live is not None and live.index == index and live.phase == phase:
            return max(0.0, live.elapsed)
        return 0.0

    if pending is not None:
        return Position(tuple(fixed), pending, "follow-up", 0,
                        elapsed_for(pending, "follow-up"), tuple(changed))
    if (same and live is not None and live.phase == "question"
            and (not fixed[live.index] or practice)):
        return Position(tuple(fixed), live.index, "question", max(0, live.hints),
                        elapsed_for(live.index, "question"), tuple(changed))
    first = next((i for i, a in enumerate(fixed) if not a), None)
    if first is None:
        return Position(tuple(fixed), n - 1, "feedback", 0, 0.0, tuple(changed))
    return Position(tuple(fixed), first, "question", 0, 0.0, tuple(changed))

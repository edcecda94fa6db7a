"""What a mentor adds to an answer (notes, score overrides) and what a candidate disputes.

Notes are kept as a thread, oldest first: every note a mentor writes stays, with its author
and time. A note may carry an override score (0-100) and a reason; the override that counts
is the newest one given (a later note without a score keeps it). The machine score is never
changed: ``Attempt.score`` stays the scorer's, ``Attempt.counted_score`` is what counts.

A dispute is a candidate's "I covered this" on a missed criterion, with the words they
used. It changes nothing until a mentor accepts it; accepting records an override whose
score is the answer's score recomputed with that criterion met.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

DisputeStatus = Literal["pending", "accepted", "rejected"]
DISPUTE_STATUSES: tuple[DisputeStatus, ...] = ("pending", "accepted", "rejected")
OVERRIDE_MIN, OVERRIDE_MAX = 0.0, 100.0
DISPUTE_REASON = "dispute accepted: "
"""The reason of the override an accepted dispute records, followed by the criterion label."""


@dataclass(frozen=True)
class MentorNote:
    """One note on an answer, optionally with a score override."""

    id: int
    author: str
    text: str
    created_at: datetime
    score: float | None = None
    """The override this note gives (None: a note only)."""
    reason: str = ""

    @property
    def overrides(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Dispute:
    """A candidate's claim that a missed criterion was covered."""

    id: int
    criterion_id: str
    criterion_label: str
    words: str
    """The candidate's words: what they said that covers the criterion."""
    status: DisputeStatus
    created_at: datetime
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution: str = ""


def latest_override(notes: Sequence[MentorNote]) -> MentorNote | None:
    """The override that counts: the newest note with a score (notes are oldest first)."""
    for note in reversed(notes):
        if note.score is not None:
            return note
    return None


def override_text(machine: float, note: MentorNote) -> str:
    """"72 → 85 (mentor: reason)": the machine score beside the override, everywhere."""
    why = note.reason or note.text
    who = f"mentor {note.author}" if note.author else "mentor"
    return f"{machine:.0f} → {note.score:.0f} ({who}: {why})" if why else \
        f"{machine:.0f} → {note.score:.0f} ({who})"

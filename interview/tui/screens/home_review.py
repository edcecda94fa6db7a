"""Home's spaced-review bits: the "N due for review" line, and the start form's Review choice
and count line."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ...domain.words import plural, relative
from ..rounds import LOOP, LOOP_TITLE, ROUND_TITLES, ROUNDS

if TYPE_CHECKING:
    from textual.screen import Screen

    from ...service.overview import ReviewFigures

REVIEW = "review"


def round_choices(due: int | None) -> list[tuple[str, str]]:
    """The start form's session types: each round, the full loop, and Review (with the due
    count once known)."""
    review = "Review (due questions)" if due is None else f"Review ({due} due)"
    return [(ROUND_TITLES[r], r) for r in ROUNDS] + [(LOOP_TITLE, LOOP), (review, REVIEW)]


def review_line(figures: ReviewFigures | None, now: datetime | None = None) -> str:
    """Home's line about the review queue."""
    if figures is None:
        return ""
    if figures.needs_rebuild:
        return "building your review queue from your history…"
    if figures.due:
        return f"[b]{figures.due} due for review[/b] · pick Review as the round to practise them"
    if figures.next_due is None:
        return "0 due for review · questions you answer join the review queue"
    when = relative(figures.next_due, now or datetime.now(UTC))
    return (f"0 due for review · next {when} · "
            f"{plural(figures.scheduled, 'question')} scheduled")


def review_note(figures: ReviewFigures | None, now: datetime | None = None) -> str:
    """The start form's count line when Review is chosen: what is due, or when next."""
    if figures is None:
        return "the questions due for review, most overdue first"
    if figures.needs_rebuild:
        return "building your review queue from your history…"
    if figures.due:
        return (f"{plural(figures.due, 'question')} due for review, most overdue first "
                "(Questions: at most this many)")
    if figures.next_due is None:
        return "nothing due — questions you answer join the review queue"
    return f"nothing due — next due {relative(figures.next_due, now or datetime.now(UTC))}"


def show_review_line(screen: Screen[None], figures: ReviewFigures) -> None:
    """Update Home's "N due for review" line (``#review-due``)."""
    from textual.widgets import Static

    line = screen.query_one("#review-due", Static)
    line.update(review_line(figures))
    line.set_class(bool(figures.due), "-due")

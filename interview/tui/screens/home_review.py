"""Home's spaced-review bits: the "N due for review" line and the Review choice of the
start form (kept apart so home.py stays small)."""

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


def review_note(figures: ReviewFigures | None) -> str:
    """The start form's note when Review is chosen."""
    if figures is None:
        return "the questions due for review, most overdue first"
    if not figures.due:
        return "nothing is due for review yet"
    return (f"{plural(figures.due, 'question')} due for review, most overdue first "
            "(Questions: at most this many)")


def show_review(screen: Screen[None], figures: ReviewFigures) -> None:
    """Update Home's "N due for review" line (``#review-due``) and the form's Review choice
    (``#round``, when the form is mounted), keeping the chosen session type."""
    from textual.widgets import Select, Static

    line = screen.query_one("#review-due", Static)
    line.update(review_line(figures))
    line.set_class(bool(figures.due), "-due")
    found = screen.query("#round")
    if found:
        select: Select[str] = found.only_one(Select)
        value = select.value
        with screen.prevent(Select.Changed):
            select.set_options(round_choices(figures.due))
            select.value = value

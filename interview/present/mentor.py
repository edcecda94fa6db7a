"""What a mentor added to an answer, and the candidate's disputes, as a report section: the
override beside the machine score, every note, each dispute with its status. Rendered by
``present.markdown`` (show, export) and ``present.richtext`` (the TUI replay)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.mentor import override_text
from .model import Line, Section, Status

if TYPE_CHECKING:
    from ..domain.attempt import Attempt

DISPUTE_MARKS: dict[str, tuple[str, Status]] = {
    "pending": ("?", "warn"), "accepted": ("✔", "good"), "rejected": ("✘", "muted")}


def _when(a: object) -> str:
    return f"{a:%Y-%m-%d %H:%M}"


def mentor_lines(att: Attempt) -> list[Line]:
    lines: list[Line] = []
    override = att.override
    if override is not None:
        lines.append(Line("Score " + override_text(att.score, override), "accent", mark="✎",
                          strong=True))
    for n in att.notes:
        who = n.author or "mentor"
        head = f"{who}, {_when(n.created_at)}"
        if n.score is not None:
            head += f" (score {n.score:.0f})"
        lines.append(Line(head + (f": {n.text}" if n.text else ""), "plain", mark="•"))
    for d in att.disputes:
        mark, status = DISPUTE_MARKS.get(d.status, ("?", "plain"))
        lines.append(Line(f"Dispute {d.id} {d.status}: {d.criterion_label} — you said "
                          f"“{' '.join(d.words.split())}”", status, mark=mark))
        if d.status != "pending":
            by = f" by {d.resolved_by}" if d.resolved_by else ""
            lines.append(Line(f"{d.status}{by}" + (f": {d.resolution}" if d.resolution else ""),
                              "muted", indent=1))
    return lines


def mentor_section(att: Attempt) -> Section | None:
    """None when there is nothing from a mentor and no dispute."""
    lines = mentor_lines(att)
    return Section("Mentor", tuple(lines), "mentor") if lines else None

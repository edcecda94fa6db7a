"""A score report explained: the presentation model rendered as one Rich renderable (the same
one the CLI prints). Used by the Feedback screen, the History replay and the rubric lab."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...present import report_model, tests_section
from ...present.richtext import report_renderable, section_renderable

if TYPE_CHECKING:
    from ...domain.attempt import FollowUp
    from ...domain.tests import TestSummary
    from ...scoring.report import ScoreReport


def tests_renderable(tests: TestSummary) -> RenderableType:
    """A test run (ctrl+t) as the report's Tests section shows it."""
    return section_renderable(tests_section(tests))


class ReportView(Vertical):
    """Everything a report says, section by section."""


    def __init__(self, report: ScoreReport, answer: str, *,
                 followups: Sequence[FollowUp] = (), show_answer: bool = True,
                 show_summary: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report = report
        self.answer = answer
        self.model = report_model(report, answer, followups=followups,
                                  show_answer=show_answer, show_summary=show_summary)

    def compose(self) -> ComposeResult:
        yield Static(report_renderable(self.model), classes="report")

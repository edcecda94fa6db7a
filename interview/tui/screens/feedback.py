"""Feedback after each answer: score and band, the criteria checklist with your matched phrases
highlighted, red flags, probes for what was missed, delivery, tests, and the model answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Label, Markdown, Static

from ...present import clock, plural
from ..rounds import round_title
from ..widgets.report_view import ReportView
from .base import InSession, ServiceCalls

if TYPE_CHECKING:
    from ...service import Feedback, QuestionView, SessionHandle


def feedback_heading(feedback: Feedback, question: QuestionView | None) -> str:
    where = ""
    if question is not None:
        where = (f"{round_title(question.round)} · question {question.index + 1} of "
                 f"{question.total} · ")
    attempt = f"attempt {feedback.attempt}" if feedback.attempt > 1 else ""
    return where + (attempt or "feedback")


def feedback_facts(feedback: Feedback) -> str:
    parts = [f"time {clock(feedback.elapsed)} of {clock(feedback.time_limit)}"]
    if feedback.over_time:
        parts.append("[$error]over time[/]")
    if feedback.hints_used:
        parts.append(f"{plural(feedback.hints_used, 'hint')}, −{feedback.hint_penalty:g}")
    if feedback.attempt > 1:
        parts.append(f"best so far {feedback.best_score:.0f}")
    if feedback.after_reveal:
        parts.append("[$warning]after the model answer: does not count[/]")
    return " · ".join(parts)


class FeedbackScreen(InSession, ServiceCalls, Screen[str]):
    """Dismissed with what to do next: ``next``, ``retry`` or ``end``."""

    CSS_PATH = "../styles/feedback.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,n", "choose('next')", "Next", id="next"),
        Binding("r", "choose('retry')", "Retry", id="retry-question"),
        Binding("m", "model_answer", "Model answer", id="model-answer"),
        Binding("e", "choose('end')", "End session", id="end-from-feedback"),
        Binding("escape", "choose('next')", "Continue", show=False, id="continue"),
    ]

    def __init__(self, feedback: Feedback, answer: str, question: QuestionView | None,
                 handle: SessionHandle | None) -> None:
        super().__init__()
        self.feedback = feedback
        self.answer = answer
        self.question = question
        self.handle = handle
        self._model_shown = False
        self._practice = handle is not None and handle.mode == "practice"

    def compose(self) -> ComposeResult:
        f = self.feedback
        with VerticalScroll(id="feedback-body"):
            yield Label(feedback_heading(f, self.question), id="feedback-title")
            if f.skipped:
                keys = []
                if f.can_retry:
                    keys.append("press r to try it after all")
                if self._practice:
                    keys.append("m shows the model answer")
                yield Static("[b]Skipped[/b] — this question scores 0."
                             + (" " + escape("; ".join(keys)).capitalize() + "." if keys else ""),
                             id="skipped")
            elif f.report is None:
                yield Static(feedback_facts(f), id="feedback-facts")
                yield Static(f"Score [b]{f.score:.0f} / 100[/b] — the detailed report is "
                             "unavailable.", id="report")
            else:
                yield Static(feedback_facts(f), id="feedback-facts")
                yield ReportView(f.report, self.answer, followups=f.followups, id="report")
            yield Markdown("", id="model-answer")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#model-answer", Markdown).display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("retry",):
            return self.feedback.can_retry
        if action == "model_answer":
            return self.handle is not None and self.handle.mode == "practice"
        return True

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_model_answer(self) -> None:
        if self._model_shown:
            self.query_one("#feedback-body").scroll_end()
            return
        if self.handle is not None:
            self.run_service(self.handle.model_answer, done=self._show_model_answer,
                             failure="Could not get the model answer", group="model-answer")

    def _show_model_answer(self, text: str | None) -> None:
        self._model_shown = True
        md = self.query_one("#model-answer", Markdown)
        md.display = True
        md.update("## Model answer\n\n" + (text or "_This question has no model answer._"))
        self.call_after_refresh(self.query_one("#feedback-body").scroll_end)

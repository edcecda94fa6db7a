"""Feedback after each answer: score and band, the criteria checklist with your matched phrases
highlighted, red flags, probes for what was missed, delivery, tests, and the model answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Label, Markdown, Static

from ..formatting import fmt_clock
from ..rounds import round_title
from ..widgets.report_view import ReportView

if TYPE_CHECKING:
    from ...service import Feedback, QuestionView, SessionHandle
    from ..app import InterviewApp


def feedback_heading(feedback: Feedback, question: QuestionView | None) -> str:
    where = ""
    if question is not None:
        where = (f"{round_title(question.round)} · question {question.index + 1} of "
                 f"{question.total} · ")
    attempt = f"attempt {feedback.attempt}" if feedback.attempt > 1 else ""
    return where + (attempt or "feedback")


def feedback_facts(feedback: Feedback) -> str:
    parts = [f"time {fmt_clock(feedback.elapsed)} of {fmt_clock(feedback.time_limit)}"]
    if feedback.over_time:
        parts.append("[$error]over time[/]")
    if feedback.hints_used:
        parts.append(f"{feedback.hints_used} hint(s), −{feedback.hint_penalty:g}")
    if feedback.attempt > 1:
        parts.append(f"best so far {feedback.best_score:.0f}")
    return " · ".join(parts)


class FeedbackScreen(Screen[str]):
    """Dismissed with what to do next: ``next``, ``retry`` or ``end``."""

    CSS_PATH = "../styles/feedback.tcss"
    IN_SESSION = True
    """Switching to History/Banks is off while a session is on screen (esc pauses it)."""
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

    def compose(self) -> ComposeResult:
        f = self.feedback
        with VerticalScroll(id="feedback-body"):
            yield Label(feedback_heading(f, self.question), id="feedback-title")
            if f.skipped or f.report is None:
                yield Static("[b]Skipped[/b] — this question scores 0. "
                             + ("Press r to try it after all, or " if f.can_retry else "")
                             + "press m for the model answer.", id="skipped")
            else:
                yield Static(feedback_facts(f), id="feedback-facts")
                if f.text:
                    yield Static(escape(f.text), id="feedback-text")
                yield ReportView(f.report, self.answer, followups=f.followups,
                                 show_summary=not f.text, id="report")
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
        self._load_model_answer()

    @work(thread=True, exclusive=True, group="model-answer", exit_on_error=False)
    def _load_model_answer(self) -> None:
        from ..app import InterviewApp

        app = self.app
        assert isinstance(app, InterviewApp) and self.handle is not None
        try:
            text = self.handle.model_answer()
        except Exception as exc:
            app.call_from_thread(self._model_failed, app, exc)
            return
        app.call_from_thread(self._show_model_answer, text)

    def _model_failed(self, app: InterviewApp, exc: BaseException) -> None:
        from ...service import SessionStateError

        if isinstance(exc, SessionStateError):
            self.notify(str(exc), severity="warning")
        else:
            app.show_error("Could not get the model answer", exc)

    def _show_model_answer(self, text: str | None) -> None:
        self._model_shown = True
        md = self.query_one("#model-answer", Markdown)
        md.display = True
        md.update("## Model answer\n\n" + (text or "_This question has no model answer._"))
        self.call_after_refresh(self.query_one("#feedback-body").scroll_end)

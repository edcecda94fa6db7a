"""Feedback after each answer: score and band, the criteria checklist with your matched phrases
highlighted, red flags, probes for what was missed, delivery, tests, and the model answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Label, Markdown, Static

from ...present import clock, plural
from ..rounds import round_title
from ..widgets.key_bar import KeyBar
from ..widgets.report_view import ReportView
from .base import InSession, ServiceCalls

if TYPE_CHECKING:
    from ...domain.mentor import Dispute
    from ...service import Feedback, QuestionView, SessionHandle
    from ...store.mentor_store import AnswerRef
    from .mentor_dialogs import DisputeInput


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
        Binding("d", "dispute", "I covered this", id="dispute"),
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
        self._disputed: set[str] = set()
        """Criteria disputed from this screen (each once)."""

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
            yield Static("", id="dispute-status")
            yield Markdown("", id="model-answer")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#model-answer", Markdown).display = False
        self.query_one("#dispute-status", Static).display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("retry",):
            return self.feedback.can_retry
        if action == "model_answer":
            return self.handle is not None and self.handle.mode == "practice"
        if action == "dispute":
            return self.handle is not None and bool(self.disputable())
        return True

    # -- "I covered this" -------------------------------------------------------------------
    def disputable(self) -> list[tuple[str, str]]:
        """(id, label) of the criteria this answer missed or only partly met, not yet
        disputed from this screen."""
        from ...service.mentor import DISPUTABLE

        r = self.feedback.report
        if r is None or self.feedback.skipped:
            return []
        return [(c.id, c.label) for c in r.criteria
                if c.status in DISPUTABLE and c.id not in self._disputed]

    def action_dispute(self) -> None:
        from .mentor_dialogs import DisputeScreen

        choices = self.disputable()
        if choices and self.handle is not None:
            self.app.push_screen(DisputeScreen(choices), self._send_dispute)

    def _send_dispute(self, result: DisputeInput | None) -> None:
        from ...service.mentor import dispute
        from ..app import InterviewApp

        if result is None or self.handle is None:
            return
        app = self.app
        assert isinstance(app, InterviewApp)
        f = self.feedback
        session_id = self.handle.id
        self.run_service(
            lambda: dispute(app.service, session_id, f.question_index + 1,
                            criterion=result.criterion_id, words=result.words,
                            attempt=f.attempt),
            done=self._dispute_saved, failure="Could not save the dispute", group="dispute")

    def _dispute_saved(self, saved: tuple[AnswerRef, Dispute]) -> None:
        _, d = saved
        self._disputed.add(d.criterion_id)
        line = self.query_one("#dispute-status", Static)
        line.display = True
        previous = str(line.content) if line.content else ""
        text = (f"Dispute {d.id} sent: [b]{escape(d.criterion_label)}[/b] — pending until a "
                "mentor accepts it; your score does not change until then.")
        line.update("\n".join(x for x in (previous, text) if x))
        self.notify("Dispute saved; a mentor will decide.")
        self.refresh_bindings()

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

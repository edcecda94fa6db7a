"""The rubric lab: type a sample answer and watch its score and highlights update as you type
(debounced). ctrl+e loads the question's calibration examples one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Label, Markdown, Static, TextArea

from ...present import plural
from ..widgets.key_bar import KeyBar
from ..widgets.report_view import ReportView
from .base import AppScreen

if TYPE_CHECKING:
    from ...scoring.report import ScoreReport
    from ...service.library import ExampleView, QuestionPreview

DEBOUNCE_SECONDS = 0.3


class RubricLabScreen(AppScreen[None]):
    CSS_PATH = "../styles/banks.tcss"
    AUTO_FOCUS = "#sample"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="lab-back"),
        Binding("ctrl+e", "next_example", "Next example", id="next-example", priority=True),
    ]

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.preview: QuestionPreview | None = None
        self._timer: Timer | None = None
        self._example_index = -1
        self._example: ExampleView | None = None

    def compose(self) -> ComposeResult:
        yield Label(f"Rubric lab · {self.question_id}", id="lab-title")
        with Horizontal(id="lab-main"):
            with Vertical(id="lab-left"):
                yield Markdown("", id="lab-prompt")
                yield TextArea(soft_wrap=True, placeholder="Type a sample answer…",
                               tab_behavior="focus", id="sample")
                yield Static("", id="lab-example")
            yield VerticalScroll(Static("Type a sample answer: its score and highlights "
                                        "appear here as you type.", id="lab-empty"),
                                 id="lab-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self._load_preview()

    def _load_preview(self) -> None:
        from ...service.library import question_preview

        self.run_service(question_preview, self.interview_app.service, self.question_id,
                         done=self._preview_loaded, failure="Could not load the question",
                         group="lab-preview")

    async def _preview_loaded(self, preview: QuestionPreview) -> None:
        self.preview = p = preview
        self.query_one("#lab-title", Label).update(
            f"Rubric lab · {p.id} · {p.round_title} · {plural(len(p.criteria), 'criterion', 'criteria')} "
            f"({p.rubric_source}) · {plural(len(p.examples), 'example')}")
        await self.query_one("#lab-prompt", Markdown).update(p.prompt)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_example":
            return bool(self.preview and self.preview.examples) or None
        return True

    @on(TextArea.Changed, "#sample")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._score_now)

    def _score_now(self) -> None:
        from ...service.library import score_sample

        self._timer = None
        answer = self.query_one("#sample", TextArea).text
        # exclusive: a newer keystroke cancels the older run, whose result is dropped
        self.run_service(score_sample, self.interview_app.service, self.question_id, answer,
                         done=lambda report: self._scored(answer, report),
                         failure="Could not score", group="lab-score")

    async def _scored(self, answer: str, report: ScoreReport) -> None:
        result = self.query_one("#lab-result", VerticalScroll)
        await result.remove_children()
        if not answer.strip():
            await result.mount(Static("Type a sample answer: its score and highlights appear "
                                      "here as you type.", id="lab-empty"))
            return
        await result.mount(ReportView(report, answer, id="lab-report"))
        ex = self._example
        if ex is not None and answer == ex.answer:
            inside = ex.min <= report.score <= ex.max
            mark = "[$success]✔ within[/]" if inside else "[$error]✘ outside[/]"
            self.query_one("#lab-example", Static).update(
                f"Example {escape(ex.label or str(self._example_index + 1))}: scored "
                f"{report.score:.0f}, {mark} the expected {ex.min:g}–{ex.max:g}")

    def action_next_example(self) -> None:
        if self.preview is None or not self.preview.examples:
            self.notify("This question has no calibration examples.")
            return
        self._example_index = (self._example_index + 1) % len(self.preview.examples)
        self._example = ex = self.preview.examples[self._example_index]
        self.query_one("#lab-example", Static).update(
            f"Example {escape(ex.label or str(self._example_index + 1))} "
            f"({self._example_index + 1}/{len(self.preview.examples)}) expects "
            f"{ex.min:g}–{ex.max:g}" + (f" — {escape(ex.note)}" if ex.note else ""))
        self.query_one("#sample", TextArea).text = ex.answer

    def action_back(self) -> None:
        self.dismiss(None)

"""Find a question to practise: a search box (words of the question, its id, ``tag:x``) over a
list of matching questions. Picking one dismisses with its id (the caller starts a session of
that one question); esc dismisses with None."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...present import plural
from .base import ServiceCalls

if TYPE_CHECKING:
    from ...service.question_search import QuestionHit, SearchResult

TAGS_SHOWN = 8
"""Tags suggested under the search box."""

SEARCH_DELAY = 0.12
"""Seconds of quiet typing before the list is filtered."""


def hit_prompt(hit: QuestionHit) -> Content:
    tags = f"  {', '.join(hit.tags)}" if hit.tags else ""
    return Content.assemble((hit.id, "bold"), f"  {hit.round_title} · {hit.difficulty}",
                            (tags, "$text-muted"), "\n  ", (hit.title, "$text-muted"))


class QuestionPickerScreen(ServiceCalls, ModalScreen[str | None]):
    CSS_PATH = "../styles/dialogs.tcss"
    AUTO_FOCUS = "#question-search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-pick"),
        Binding("down", "to_list", "Down", show=False, id="pick-down"),
    ]

    def __init__(self, query: str = "", *, round_: str | None = None) -> None:
        super().__init__()
        self.initial = query
        self.round = round_
        self.hits: list[QuestionHit] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label("Practise one question", id="picker-title")
            yield Input(self.initial, placeholder="search words, an id, or tag:leakage",
                        compact=True, id="question-search")
            yield Static("", id="picker-tags")
            yield OptionList(id="question-hits", compact=True)
            yield Static("searching…", id="picker-note")

    def on_mount(self) -> None:
        self._search()

    def _search(self) -> None:
        from ...service.question_search import search_with_tags
        from ..app import InterviewApp

        app = self.app
        assert isinstance(app, InterviewApp)
        service = app.service
        text = self.query_one("#question-search", Input).value
        round_ = self.round
        self.run_service(lambda: search_with_tags(service, text, round_=round_),
                         done=self._show, failure="Could not search the questions",
                         group="question-search")

    def _show(self, result: SearchResult) -> None:
        hits = self.hits = result.hits
        tags = " · ".join(f"{t} {n}" for t, n in result.tags[:TAGS_SHOWN])
        more = " …" if len(result.tags) > TAGS_SHOWN else ""
        self.query_one("#picker-tags", Static).update(
            Content.assemble(("tags: ", "bold"), tags + more) if tags
            else Content("no tag starts like that"))
        options = self.query_one("#question-hits", OptionList)
        options.clear_options()
        options.add_options([Option(hit_prompt(h), id=h.id) for h in hits])
        if hits:
            options.highlighted = 0
        note = (f"{plural(len(hits), 'question')} · enter picks the highlighted one · "
                "esc cancels") if hits else "No question matches: try fewer words."
        self.query_one("#picker-note", Static).update(note)

    @on(Input.Changed, "#question-search")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self._search)

    @on(Input.Submitted, "#question-search")
    def _submitted(self) -> None:
        options = self.query_one("#question-hits", OptionList)
        if self.hits and options.highlighted is not None:
            self.dismiss(self.hits[options.highlighted].id)

    @on(OptionList.OptionSelected, "#question-hits")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        if self.hits:
            self.query_one("#question-hits", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Two small forms: a candidate disputes a missed criterion ("I covered this", with the words
they used), and a mentor writes a note and an optional score override on an answer. Each
dismisses with what was typed (None: cancelled); the caller saves it through the service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class DisputeInput:
    criterion_id: str
    words: str


@dataclass(frozen=True)
class NoteInput:
    note: str
    score: float | None
    reason: str


class DisputeScreen(ModalScreen[DisputeInput | None]):
    """Pick a missed criterion and say which words covered it."""

    CSS_PATH = "../styles/mentor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-dispute"),
        Binding("ctrl+s", "submit", "Send", id="send-dispute"),
    ]

    def __init__(self, criteria: Sequence[tuple[str, str]], *, chosen: str | None = None):
        """``criteria``: (id, label) of the criteria that may be disputed."""
        super().__init__()
        self.criteria = tuple(criteria)
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="mentor-dialog"):
            yield Label("I covered this", id="mentor-dialog-title")
            yield Static("Pick the point you made, and quote the words you used. A mentor "
                         "decides; your score changes only if they accept.",
                         classes="mentor-help")
            yield OptionList(*(Option(label, id=cid) for cid, label in self.criteria),
                             id="dispute-criteria")
            yield Input(placeholder="the words you used", id="dispute-words")
            yield Static("", id="mentor-error")
            with Horizontal(classes="mentor-buttons"):
                yield Button("Send (ctrl+s)", variant="primary", id="send", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#dispute-criteria", OptionList)
        ids = [cid for cid, _ in self.criteria]
        options.highlighted = ids.index(self.chosen) if self.chosen in ids else 0
        options.focus()

    @on(OptionList.OptionSelected, "#dispute-criteria")
    def _picked(self) -> None:
        self.query_one("#dispute-words", Input).focus()

    @on(Input.Submitted, "#dispute-words")
    def _words_done(self) -> None:
        self.action_submit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        options = self.query_one("#dispute-criteria", OptionList)
        words = self.query_one("#dispute-words", Input).value.strip()
        if options.highlighted is None:
            self._error("Pick the criterion you covered.")
            return
        if not words:
            self._error("Quote the words you used.")
            self.query_one("#dispute-words", Input).focus()
            return
        cid = self.criteria[options.highlighted][0]
        self.dismiss(DisputeInput(cid, words))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, text: str) -> None:
        self.query_one("#mentor-error", Static).update(text)


def parse_score(text: str) -> float | None:
    """"" -> None; a number 0-100 -> it; else ValueError with a one-line reason."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a score (0-100)") from None
    if not 0 <= value <= 100:
        raise ValueError(f"{text} is out of range: an override is 0-100")
    return value


class NoteScreen(ModalScreen[NoteInput | None]):
    """A mentor's note on one answer, and an optional override with its reason."""

    CSS_PATH = "../styles/mentor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-note"),
        Binding("ctrl+s", "submit", "Save", id="save-note"),
    ]

    def __init__(self, heading: str, machine_score: float | None) -> None:
        super().__init__()
        self.heading = heading
        self.machine_score = machine_score

    def compose(self) -> ComposeResult:
        with Vertical(id="mentor-dialog"):
            yield Label(self.heading, id="mentor-dialog-title")
            if self.machine_score is not None:
                yield Static(f"Machine score {self.machine_score:.0f}: it stays visible beside "
                             "any override.", classes="mentor-help")
            yield Input(placeholder="note for the candidate", id="note-text")
            with Horizontal(id="note-score-row"):
                yield Input(placeholder="override 0-100 (optional)", id="note-score")
                yield Input(placeholder="reason for the override", id="note-reason")
            yield Static("", id="mentor-error")
            with Horizontal(classes="mentor-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_submit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        note = self.query_one("#note-text", Input).value.strip()
        reason = self.query_one("#note-reason", Input).value.strip()
        try:
            score = parse_score(self.query_one("#note-score", Input).value)
        except ValueError as exc:
            self._error(str(exc))
            self.query_one("#note-score", Input).focus()
            return
        if not note and score is None:
            self._error("Write a note, an override score, or both.")
            return
        if reason and score is None:
            self._error("A reason goes with an override score.")
            return
        self.dismiss(NoteInput(note, score, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, text: str) -> None:
        self.query_one("#mentor-error", Static).update(text)

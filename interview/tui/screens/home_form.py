"""Home's "Start a session" panel: the start form (round, bank, tags, difficulty, questions,
mode, timer), filled from the remembered choices, and its count line, which says how many
questions the choices leave (or, for a Review round, how many are due).

The panel loads the banks and the remembered choices itself (a worker, after the first
paint); Home asks it for the chosen values (``values``) when a session starts. Its buttons
run the screen's ``start`` and ``find_question`` actions.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Static

from ...domain.words import plural
from ..rounds import LOOP, ROUND_TITLES
from .home_review import REVIEW, review_note, round_choices

if TYPE_CHECKING:
    from textual.widgets import Input, Select

    from ...service import SessionConfig
    from ...service.library import BankOptions, UiPrefs
    from ...service.overview import ReviewFigures
    from ..app import InterviewApp

DIFFICULTIES = [("Any", ""), ("Easy", "easy"), ("Medium", "medium"), ("Hard", "hard")]
MODES = [("Practice", "practice"), ("Exam", "exam")]
CATALOG_DELAY = 0.5
"""Seconds on Home, figures and form shown, before the banks themselves load."""
FILTERS = ("bank", "tags", "difficulty")
"""The fields a Review round ignores (it asks the due questions, whatever they say)."""


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.replace(";", ",").split(",") if t.strip())


@dataclass(frozen=True)
class FormValues:
    round: str
    bank: str
    tags: str
    difficulty: str
    n: int
    mode: str
    timer: bool


def session_config(values: FormValues, seed: int | None) -> SessionConfig:
    """The session the form's values ask for."""
    from ...service import SessionConfig

    kwargs: dict[str, Any] = {
        "round": values.round, "mode": values.mode, "seed": seed,
        "tags": parse_tags(values.tags), "difficulty": values.difficulty or None,
        "banks": (values.bank,) if values.bank else (),
    }
    if values.round == REVIEW:  # the due questions, whatever the filters say
        kwargs.update(tags=(), difficulty=None, banks=())
    if values.round != LOOP:
        kwargs["n"] = values.n
    return SessionConfig(**kwargs)


def start_form(prefs: UiPrefs, due: int | None = None) -> Grid:
    """The start form, filled with the remembered choices. Each filter field and its label
    carry the class ``-filter-<field>`` (a Review round disables both)."""
    from textual.widgets import Button, Checkbox, Input, Label, Select

    def select(options: list[tuple[str, str]], value: str, id: str) -> Select[str]:
        if all(v != value for _, v in options):
            value = options[0][1]
        return Select(options, value=value, allow_blank=False, compact=True, id=id,
                      classes=f"-filter-{id}" if id in FILTERS else None)

    return Grid(
        Label("Round"), select(round_choices(due), prefs.round, "round"),
        Label("Bank", classes="-filter-bank"), select([("Any bank", "")], "", "bank"),
        Label("Tags", classes="-filter-tags"),
        Input(prefs.tags, placeholder="any (comma-separated)", compact=True, id="tags",
              classes="-filter-tags"),
        Label("Difficulty", classes="-filter-difficulty"),
        select(DIFFICULTIES, prefs.difficulty, "difficulty"),
        Label("Questions"), Input(str(prefs.n), type="integer", compact=True, id="n",
                                  max_length=2),
        Label("Mode"), select(MODES, prefs.mode, "mode"),
        Label("Timer"), Checkbox("show countdown", value=prefs.timer, compact=True,
                                 id="timer"),
        Button("Search…", compact=True, id="find", action="screen.find_question"),
        Button("Start ▶", variant="primary", compact=True, id="start", action="screen.start"),
        id="start-form")


class FormDataLoaded(Message):
    def __init__(self, options: BankOptions, prefs: UiPrefs) -> None:
        super().__init__()
        self.options = options
        self.prefs = prefs


class ReviewFiguresChanged(Message):
    def __init__(self, figures: ReviewFigures) -> None:
        super().__init__()
        self.figures = figures


class StartPanel(Vertical):
    """The start form and its count line (``#start-note``); the form (``#start-form``) is
    mounted once the banks are loaded."""

    def __init__(self, review: ReviewFigures | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Start a session"
        self.options: BankOptions | None = None
        self.review = review
        self._waiting: FormDataLoaded | None = None
        """Form data that arrived while Home was hidden (built when Home is shown again)."""
        self._figures_shown = False
        self._catalog_planned = False

    def compose(self) -> ComposeResult:
        yield Static("loading banks…", id="start-note")

    @property
    def interview_app(self) -> InterviewApp:
        from ..app import InterviewApp

        assert isinstance(self.app, InterviewApp)
        return self.app

    @property
    def ready(self) -> bool:
        """True once the form is on screen."""
        return bool(self.query("#start-form"))

    # -- loading --------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="home-form", exit_on_error=False)
    def load(self) -> None:
        """Read the banks and the remembered choices (again, after a bank reload)."""
        app = self.interview_app
        try:
            from ...service.library import bank_options, load_prefs

            options = bank_options(app.service)
            prefs = load_prefs(app.settings)
        except Exception as exc:
            app.call_from_thread(app.show_error, "Could not load the banks", exc)
            return
        self.post_message(FormDataLoaded(options, prefs))

    async def on_form_data_loaded(self, event: FormDataLoaded) -> None:
        event.stop()
        if not self.is_attached:  # the app is quitting: nothing to mount into
            return
        p = event.prefs
        if p.theme and p.theme in self.app.available_themes:
            self.app.theme = p.theme
        if not self.screen.is_current:  # the user left Home first: leave the screen they
            self._waiting = event        # went to the UI thread, build the form on return
            return
        self.options = event.options
        from textual.widgets import Select
        from textual.widgets.select import InvalidSelectValueError

        if not self.ready:
            await self.mount(start_form(p, self.review.due if self.review else None), before=0)
            if not self.is_attached or not self.query("#n"):
                return  # the app quit while the form was mounting: it never got its fields
        round_id = self.values().round
        self._fill_banks(round_id)
        select: Select[str] = self.query_one("#bank", Select)
        with suppress(InvalidSelectValueError):
            select.value = p.bank
        self._show_round(round_id)
        self._plan_catalog()

    # -- the banks themselves, at low priority ------------------------------------------
    def figures_shown(self) -> None:
        """Home shows its figures: the banks may load once the form is there too."""
        self._figures_shown = True
        self._plan_catalog()

    def _plan_catalog(self) -> None:
        """The form's choices come from the bank cache (``bank_options``). The banks
        themselves (0.2-0.4 s of CPU) load once Home shows its figures and its form and the
        user stays on Home for ``CATALOG_DELAY``, so that starting a session need not wait
        for them, and a screen opened at once (History) does not share the CPU with them."""
        if self._catalog_planned or not (self._figures_shown and self.ready):
            return
        self._catalog_planned = True
        self.set_timer(CATALOG_DELAY, self._load_catalog)

    def _load_catalog(self) -> None:
        if not self.screen.is_current:  # Home was left: planned again on its return
            self._catalog_planned = False
            return
        app = self.interview_app
        app.run_service(app.service.catalog, group="home-catalog",
                        failure="Could not load the banks")

    def resume(self) -> None:
        """Home is shown again: build the form whose data arrived while it was hidden, or
        plan the banks' loading it was waiting for."""
        event, self._waiting = self._waiting, None
        if event is not None:
            self.post_message(FormDataLoaded(event.options, event.prefs))
        else:
            self._plan_catalog()

    def show_review(self, figures: ReviewFigures) -> None:
        """New review figures: the Review choice's due count (keeping the chosen round) and,
        when Review is chosen, the count line. They are applied in the panel's own turn, so
        never into a form that is still being mounted."""
        self.post_message(ReviewFiguresChanged(figures))

    def on_review_figures_changed(self, event: ReviewFiguresChanged) -> None:
        from textual.widgets import Select

        event.stop()
        if not self.is_attached:
            return
        figures = self.review = event.figures
        found = self.query("#round")
        if found:
            select: Select[str] = found.only_one(Select)
            value = select.value
            with self.prevent(Select.Changed):
                select.set_options(round_choices(figures.due))
                select.value = value
        self._update_note()

    # -- reacting to the fields -----------------------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "round" and isinstance(event.value, str):
            self._fill_banks(event.value)
            self._show_round(event.value)
        elif event.select.id in ("bank", "difficulty"):
            self._update_note()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "tags":
            self._update_note()

    def _show_round(self, round_id: str) -> None:
        """Disable the filters a Review round ignores, then update the count line."""
        for field in FILTERS:
            for widget in self.query(f".-filter-{field}"):
                widget.disabled = round_id == REVIEW
        self._update_note()

    def _fill_banks(self, round_id: str) -> None:
        from textual.widgets import Select

        if self.options is None:
            return
        select: Select[str] = self.query_one("#bank", Select)
        current = select.value
        banks = [(f"{title} ({bid})", bid) for bid, title, rnd in self.options.banks
                 if round_id == LOOP or rnd == round_id]
        select.set_options([("Any bank", ""), *banks])
        if any(v == current for _, v in banks):
            select.value = current
        else:
            select.value = ""

    # -- the count line -------------------------------------------------------------------
    def _update_note(self) -> None:
        note = self.query_one("#start-note", Static)
        if self.options is None or not self.ready:
            return
        values = self.values()
        if values.round == REVIEW:
            note.update(review_note(self.review))
            return
        per_round = self.options.questions_per_round
        count = sum(per_round.values()) if values.round == LOOP else per_round.get(values.round, 0)
        where = ROUND_TITLES.get(values.round, "all rounds")
        text = (f"{plural(count, 'question')} in {where} banks" if values.round != LOOP
                else f"{plural(count, 'question')} across all rounds")
        if self.options.broken:
            text += f" · {plural(self.options.broken, 'broken bank file')}: see Banks (f3)"
        note.update(text)
        if values.bank or values.tags or values.difficulty:
            self._count_matching(values, count)

    @work(thread=True, exclusive=True, group="home-count", exit_on_error=False)
    def _count_matching(self, values: FormValues, total: int) -> None:
        """With filters set, how many questions they leave (before ctrl+s, not after)."""
        try:
            n = self.interview_app.service.available_questions(session_config(values, None))
        except Exception:  # the note stays as it was; starting reports any problem
            return
        self.app.call_from_thread(self._show_matching, values, n, total)

    def _show_matching(self, values: FormValues, n: int, total: int) -> None:
        if values != self.values():
            return  # the form changed meanwhile
        note = self.query_one("#start-note", Static)
        note.update(f"{n} of {plural(total, 'question')} match the filters" if n else
                    "[$warning]No question matches these filters[/]: loosen one to start")

    # -- the values -----------------------------------------------------------------------
    def values(self) -> FormValues:
        """The form's choices (the form must be mounted: see ``ready``)."""
        from textual.widgets import Checkbox, Input, Select

        def sel(selector: str) -> str:
            value = self.query_one(selector, Select).value
            return value if isinstance(value, str) else ""

        try:
            n = int(self.query_one("#n", Input).value or "0")
        except ValueError:
            n = 0
        return FormValues(round=sel("#round") or "ml-theory", bank=sel("#bank"),
                          tags=self.query_one("#tags", Input).value.strip(),
                          difficulty=sel("#difficulty"), n=n, mode=sel("#mode") or "practice",
                          timer=self.query_one("#timer", Checkbox).value)

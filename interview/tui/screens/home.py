"""Home: your rounds with last/best/average and a trend, the start form, unfinished sessions.

It paints at once from static names; figures, banks and remembered choices arrive from
workers after the first frame (``load``).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
)
from textual.widgets.option_list import Option
from textual.widgets.select import InvalidSelectValueError

from ..formatting import fmt_score, fmt_when
from ..rounds import LOOP, LOOP_TITLE, ROUND_TITLES, ROUNDS, rounds_title
from ..widgets.round_row import RoundRow

if TYPE_CHECKING:
    from ...service import RoundStats, SessionConfig, SessionRecord
    from ...service.library import BankOptions, UiPrefs
    from ..app import InterviewApp
    from .interview import SessionStart

DIFFICULTIES = [("Any", ""), ("Easy", "easy"), ("Medium", "medium"), ("Hard", "hard")]
MODES = [("Practice (hints, retries)", "practice"), ("Exam (strict timer)", "exam")]


class HomeDataLoaded(Message):
    def __init__(self, rounds: list[RoundStats], unfinished: list[SessionRecord]) -> None:
        super().__init__()
        self.rounds = rounds
        self.unfinished = unfinished


class FormDataLoaded(Message):
    def __init__(self, options: BankOptions, prefs: UiPrefs) -> None:
        super().__init__()
        self.options = options
        self.prefs = prefs


class SessionOpened(Message):
    def __init__(self, start: SessionStart) -> None:
        super().__init__()
        self.start = start


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


class HomeScreen(Screen[None]):
    CSS_PATH = "../styles/home.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="start-session", priority=True),
        Binding("ctrl+r", "resume", "Resume", id="resume", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._options: BankOptions | None = None
        self._unfinished: list[SessionRecord] = []
        self._ready = False
        self._busy = False

    @property
    def interview_app(self) -> InterviewApp:
        from ..app import InterviewApp

        assert isinstance(self.app, InterviewApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            with Vertical(id="rounds-panel") as rounds:
                rounds.border_title = "Your rounds"
                for rid in ROUNDS:
                    yield RoundRow(rid, ROUND_TITLES[rid])
            with Horizontal(id="home-lower"):
                with Vertical(id="start-panel") as start:
                    start.border_title = "Start a session"
                    with Grid(id="start-form"):
                        yield Label("Round")
                        yield Select([(ROUND_TITLES[r], r) for r in ROUNDS] + [(LOOP_TITLE, LOOP)],
                                     value="ml-theory", allow_blank=False, compact=True,
                                     id="round")
                        yield Label("Bank")
                        yield Select([("Any bank", "")], value="", allow_blank=False,
                                     compact=True, id="bank")
                        yield Label("Tags")
                        yield Input(placeholder="any (comma-separated)", compact=True, id="tags")
                        yield Label("Difficulty")
                        yield Select(DIFFICULTIES, value="", allow_blank=False, compact=True,
                                     id="difficulty")
                        yield Label("Questions")
                        yield Input("3", type="integer", compact=True, id="n",
                                    max_length=2)
                        yield Label("Mode")
                        yield Select(MODES, value="practice", allow_blank=False, compact=True,
                                     id="mode")
                        yield Label("Timer")
                        yield Checkbox("show countdown", value=True, compact=True, id="timer")
                        yield Static()
                        yield Button("Start ▶", variant="primary", compact=True, id="start")
                    yield Static("loading banks…", id="start-note")
                with Vertical(id="resume-panel") as resume:
                    resume.border_title = "Unfinished sessions"
                    yield OptionList(id="unfinished", compact=True)
                    yield Static("loading…", id="resume-note")
        yield Footer()

    # -- loading --------------------------------------------------------------------------
    def load(self) -> None:
        """Fill figures, banks and choices (called once the first frame is painted)."""
        self._ready = True
        self._load_form()
        self._load_scores()

    def on_screen_resume(self) -> None:
        if self._ready:
            self._load_scores()

    @work(thread=True, exclusive=True, group="home-form", exit_on_error=False)
    def _load_form(self) -> None:
        app = self.interview_app
        try:
            from ...service.library import bank_options, load_prefs

            options = bank_options(app.service)
            prefs = load_prefs(app.settings)
        except Exception as exc:
            app.call_from_thread(app.show_error, "Could not load the banks", exc)
            return
        self.post_message(FormDataLoaded(options, prefs))

    @work(thread=True, exclusive=True, group="home-scores", exit_on_error=False)
    def _load_scores(self) -> None:
        app = self.interview_app
        try:
            svc = app.service
            rounds = svc.round_overview()
            unfinished = svc.unfinished_sessions()
        except Exception as exc:
            app.call_from_thread(self._scores_failed, exc)
            return
        self.post_message(HomeDataLoaded(rounds, unfinished))

    def _scores_failed(self, exc: BaseException) -> None:
        for row in self.query(RoundRow):
            row.failed()
        self.query_one("#resume-note", Static).update("history unavailable")
        self.interview_app.show_error("Could not read your history", exc)

    def on_home_data_loaded(self, event: HomeDataLoaded) -> None:
        for stats in event.rounds:
            try:
                row = self.query_one(f"#round-{stats.round}", RoundRow)
            except Exception:
                continue
            row.update(sessions=stats.sessions, last=stats.last, best=stats.best,
                       average=stats.average, trend=stats.trend)
        self._unfinished = event.unfinished
        options = self.query_one("#unfinished", OptionList)
        options.clear_options()
        for rec in event.unfinished:
            when = fmt_when(rec.started_at)
            label = (f"#{rec.id} {rounds_title(rec.rounds)} · {rec.answers}/{rec.questions} "
                     f"answered · score {fmt_score(rec.score)} · {when}")
            options.add_option(Option(label, id=str(rec.id)))
        note = self.query_one("#resume-note", Static)
        if event.unfinished:
            options.highlighted = 0
            note.update("enter or ctrl+r resumes the highlighted one")
        else:
            note.update("none — every session you started is finished")
        options.display = bool(event.unfinished)

    def on_form_data_loaded(self, event: FormDataLoaded) -> None:
        self._options = event.options
        p = event.prefs
        self._set_select("#round", p.round)
        self._fill_banks(p.round)
        self._set_select("#bank", p.bank)
        self.query_one("#tags", Input).value = p.tags
        self._set_select("#difficulty", p.difficulty)
        self.query_one("#n", Input).value = str(p.n)
        self._set_select("#mode", p.mode)
        self.query_one("#timer", Checkbox).value = p.timer
        if p.theme and p.theme in self.app.available_themes:
            self.app.theme = p.theme
        self._update_note()

    def _set_select(self, selector: str, value: str) -> None:
        select: Select[str] = self.query_one(selector, Select)
        with suppress(InvalidSelectValueError):
            select.value = value

    def _fill_banks(self, round_id: str) -> None:
        if self._options is None:
            return
        select: Select[str] = self.query_one("#bank", Select)
        current = select.value
        banks = [(f"{title} ({bid})", bid) for bid, title, rnd in self._options.banks
                 if round_id == LOOP or rnd == round_id]
        select.set_options([("Any bank", ""), *banks])
        if any(v == current for _, v in banks):
            select.value = current
        else:
            select.value = ""

    def _update_note(self) -> None:
        note = self.query_one("#start-note", Static)
        if self._options is None:
            return
        values = self.form_values()
        per_round = self._options.questions_per_round
        count = sum(per_round.values()) if values.round == LOOP else per_round.get(values.round, 0)
        text = (f"{count} question(s) in {ROUND_TITLES.get(values.round, 'all rounds')} banks"
                if values.round != LOOP else f"{count} questions across all rounds")
        if self._options.broken:
            text += f" · {self._options.broken} broken bank file(s): see Banks (f3)"
        note.update(text)

    @on(Select.Changed, "#round")
    def _round_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._fill_banks(event.value)
            self._update_note()

    # -- the form -------------------------------------------------------------------------
    def form_values(self) -> FormValues:
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

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        if self._busy:
            return
        values = self.form_values()
        if values.round != LOOP and not 1 <= values.n <= 50:
            self.notify("Questions: give a number from 1 to 50.", severity="warning")
            self.query_one("#n", Input).focus()
            return
        self._busy = True
        self._open_session(values, None)

    def action_resume(self) -> None:
        if self._busy:
            return
        if not self._unfinished:
            self.notify("No unfinished session to resume.")
            return
        options = self.query_one("#unfinished", OptionList)
        index = options.highlighted or 0
        self._busy = True
        self._open_session(None, self._unfinished[index].id)

    @on(OptionList.OptionSelected, "#unfinished")
    def _resume_selected(self, event: OptionList.OptionSelected) -> None:
        if not self._busy and event.option.id:
            self._busy = True
            self._open_session(None, int(event.option.id))

    @work(thread=True, exclusive=True, group="open-session", exit_on_error=False)
    def _open_session(self, values: FormValues | None, session_id: int | None) -> None:
        app = self.interview_app
        try:
            from .interview import open_session

            svc = app.service
            if values is not None:
                from ...service.library import UiPrefs, load_prefs, save_prefs

                old = load_prefs(app.settings)
                save_prefs(app.settings, UiPrefs(
                    round=values.round, bank=values.bank, tags=values.tags,
                    difficulty=values.difficulty, n=max(1, values.n), mode=values.mode,
                    timer=values.timer, theme=old.theme))
                handle = svc.start_session(self._config(values, app.session_seed))
                timer = values.timer
            else:
                assert session_id is not None
                handle = svc.resume(session_id)
                timer = True
            start = open_session(handle, timer=timer)
        except Exception as exc:
            app.call_from_thread(self._open_failed, exc)
            return
        self.post_message(SessionOpened(start))

    @staticmethod
    def _config(values: FormValues, seed: int | None) -> SessionConfig:
        from ...service import SessionConfig

        kwargs: dict[str, Any] = {
            "round": values.round, "mode": values.mode, "seed": seed,
            "tags": parse_tags(values.tags), "difficulty": values.difficulty or None,
            "banks": (values.bank,) if values.bank else (),
        }
        if values.round != LOOP:
            kwargs["n"] = values.n
        return SessionConfig(**kwargs)

    def _open_failed(self, exc: BaseException) -> None:
        self._busy = False
        from ...service import SetupError

        if isinstance(exc, SetupError):
            self.notify(str(exc), title="Cannot start", severity="warning", timeout=8)
        else:
            self.interview_app.show_error("Could not open the session", exc)

    def on_session_opened(self, event: SessionOpened) -> None:
        from .interview import InterviewScreen

        self._busy = False
        self.app.push_screen(InterviewScreen(event.start))

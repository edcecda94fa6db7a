"""Home: your rounds with last/best/average and a trend, the start form, unfinished sessions.

Its first frame is small: the title, your rounds (their figures from the last start's
snapshot) and the keys. The start form's panel, the unfinished sessions and the tips are
mounted right after it (``_mount_rest``); fresh figures, banks and remembered choices then
arrive from workers (``load``). The start form is its own panel (``home_form``); this screen
opens the session it asks for, or the unfinished one picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ..formatting import fmt_score, fmt_when
from ..rounds import LOOP, ROUND_TITLES, ROUNDS, rounds_title
from ..widgets.key_bar import KeyBar
from ..widgets.round_row import RoundRow
from ..widgets.title_bar import TitleBar
from .base import AppScreen
from .home_review import review_line, show_review_line

if TYPE_CHECKING:
    from textual.widgets import OptionList

    from ...service import SessionRecord
    from ...service.overview import HomeFigures, Painted, ReviewFigures, RoundStats
    from .home_form import FormValues, StartPanel
    from .interview import SessionStart


WIDE = 100
"""From this width the start form and the unfinished sessions sit side by side."""
TIPS = ("[b]How it works[/b]: pick a round and press [b]ctrl+s[/b]. Answer in your own "
        "words; the interviewer may probe what you missed. Each answer is scored against a "
        "rubric, and the feedback shows what matched, what was missed and how to practise "
        "it. [b]Practice[/b] mode allows hints and retries; [b]exam[/b] mode submits when "
        "time runs out. [b]f1[/b] lists every key.")


class HomeDataLoaded(Message):
    def __init__(self, rounds: Sequence[RoundStats], unfinished: Sequence[SessionRecord],
                 review: ReviewFigures | None = None) -> None:
        super().__init__()
        self.rounds = rounds
        self.unfinished = list(unfinished)
        self.review = review


class SessionOpened(Message):
    def __init__(self, start: SessionStart) -> None:
        super().__init__()
        self.start = start


class HomeScreen(AppScreen[None]):
    # Its CSS (styles/home.tcss) is loaded with the app's, to paint without a reparse.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    AUTO_FOCUS = ""  # see _autofocus
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="start-session", priority=True),
        Binding("ctrl+r", "resume", "Resume", id="resume", priority=True),
        Binding("ctrl+f", "find_question", "Find a question", id="find-question"),
    ]

    def __init__(self) -> None:
        # The breakpoint's class from the start: set at the first resize, it restyled the
        # whole screen before the first frame.
        super().__init__(classes="-wide" if self.app.size.width >= WIDE else "-narrow")
        self._unfinished: list[SessionRecord] = []
        self._ready = False
        self._busy = False
        self.load_when_shown = False
        """Set by the app when the user left Home before its loaders started."""
        self._waiting: HomeDataLoaded | None = None
        """Figures that arrived while Home was hidden (shown when Home is shown again)."""
        self._painted: Painted | None = None
        """The figures painted from the snapshot (the first load only refreshes them)."""
        self._figures: HomeFigures | None = None
        """The snapshot's figures, from ``compose`` to ``_mount_rest``."""
        self._rest_planned = False
        self._rest_mounted = False
        self._load_asked = False

    @property
    def start_panel(self) -> StartPanel:
        """The start form's panel (mounted just after the first frame: see ``form_ready``)."""
        from .home_form import StartPanel

        return self.query_one("#start-panel", StartPanel)

    @property
    def form_ready(self) -> bool:
        """True once the start form is on screen with its choices."""
        return self._rest_mounted and self.start_panel.ready

    def _last_figures(self) -> HomeFigures | None:
        """The figures kept by the last start, when the history has not changed since."""
        from ...service.overview import database_stamp, read_snapshot

        settings = self.interview_app.settings
        figures = read_snapshot(settings)
        if figures is not None:
            self._painted = (figures, database_stamp(settings))
        return figures

    def compose(self) -> ComposeResult:
        """The first frame: the title, your rounds (figures from the snapshot) and the keys.
        The rest (``_mount_rest``) is mounted once that frame is out."""
        from ..app import FIRST_CSS

        self.interview_app.read_css(*FIRST_CSS)
        figures = self._figures = self._last_figures()
        stats = {r.round: r for r in figures.rounds} if figures else {}
        if figures is not None:  # ctrl+r resumes the first before the list is there
            self._unfinished = list(figures.unfinished)
        yield TitleBar()
        with VerticalScroll(id="home-body"), Vertical(id="rounds-panel") as rounds:
            rounds.border_title = "Your rounds"
            for rid in ROUNDS:
                row = RoundRow(rid, ROUND_TITLES[rid])
                if rid in stats:
                    self._show_round(row, stats[rid])
                yield row
            review = figures.review if figures else None
            yield Static(review_line(review), id="review-due",
                         classes="-due" if review and review.due else "")
        yield KeyBar()

    def show_rest(self) -> None:
        """Mount the rest of Home (the app calls this once the first frame is out)."""
        self._plan_rest()

    def _plan_rest(self) -> None:
        if not self._rest_planned:
            self._rest_planned = True
            self.call_after_refresh(self._mount_rest)

    async def _mount_rest(self) -> None:
        """The start form's panel, the unfinished sessions and the tips, below the rounds.
        Until they are here nothing has focus: keys go to the screen's and the app's
        bindings, whose actions wait for what they need (``action_start``,
        ``action_resume``); then focus goes where Textual would have put it."""
        if self._rest_mounted or not self.is_attached:
            return
        self.interview_app.read_css("home_lower")
        from .home_form import StartPanel

        figures, self._figures = self._figures, None
        review = figures.review if figures else None
        if figures is None:
            resume = Vertical(Static("loading…", id="resume-note"), id="resume-panel")
        else:
            listed = [self._unfinished_list(figures.unfinished)] if figures.unfinished else []
            resume = Vertical(*listed, Static(self._resume_note(bool(figures.unfinished)),
                                              id="resume-note"), id="resume-panel")
        resume.border_title = "Unfinished sessions"
        await self.query_one("#home-body").mount_all([
            Horizontal(StartPanel(review, id="start-panel"), resume, id="home-lower"),
            Static(TIPS, id="home-tips"),
        ])
        self._rest_mounted = True
        self._autofocus()
        if self._load_asked:
            self.load()

    def _autofocus(self) -> None:
        """Focus the first focusable widget, as Textual's ``AUTO_FOCUS`` would have done
        (it is off here: at the first frame only the scrolling body could take focus)."""
        if self.focused is None:
            first = next((w for w in self.query("*") if w.focusable), None)
            if first is not None:
                self.set_focus(first)

    # -- loading --------------------------------------------------------------------------
    def load(self) -> None:
        """Fill figures, banks and choices (called once the first frame is painted; when
        the rest of the screen is not mounted yet, as soon as it is)."""
        if not self._rest_mounted:
            self._load_asked = True
            self._plan_rest()
            return
        self._load_asked = False
        self._ready = True
        self.start_panel.load()
        self._load_scores()

    def on_screen_resume(self) -> None:
        if self._rest_mounted:
            self._autofocus()
        event, self._waiting = self._waiting, None
        if event is not None:
            self.post_message(HomeDataLoaded(event.rounds, event.unfinished, event.review))
        if self._ready:
            self.start_panel.resume()
            self._load_scores()
        elif self.load_when_shown:
            self.load_when_shown = False
            self.interview_app.start_loaders()

    @work(thread=True, exclusive=True, group="home-scores", exit_on_error=False)
    def _load_scores(self) -> None:
        app = self.interview_app
        painted, self._painted = self._painted, None
        try:
            figures = app.service.home_figures(painted)
        except Exception as exc:
            app.call_from_thread(self._scores_failed, exc)
            return
        self.post_message(HomeDataLoaded(figures.rounds, figures.unfinished, figures.review))

    def _scores_failed(self, exc: BaseException) -> None:
        for row in self.query(RoundRow):
            row.failed()
        self.query_one("#resume-note", Static).update("history unavailable")
        self.interview_app.show_error("Could not read your history", exc)

    @staticmethod
    def _show_round(row: RoundRow, stats: RoundStats) -> None:
        row.update_stats(sessions=stats.sessions, last=stats.last, best=stats.best,
                         average=stats.average, trend=stats.trend)

    @staticmethod
    def _fill_unfinished(options: OptionList, records: Sequence[SessionRecord]) -> None:
        from textual.widgets.option_list import Option

        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(  # in one go: one refresh, not one per session
            f"#{rec.id} {rounds_title(rec.rounds)} · {rec.answers}/{rec.questions} "
            f"answered · score {fmt_score(rec.score)} · {fmt_when(rec.started_at)}",
            id=str(rec.id)) for rec in records)
        if records:
            options.highlighted = min(highlighted or 0, len(records) - 1)
        options.display = bool(records)

    def _unfinished_list(self, records: Sequence[SessionRecord]) -> OptionList:
        from textual.widgets import OptionList

        options = OptionList(id="unfinished", compact=True)
        self._fill_unfinished(options, records)
        return options

    @staticmethod
    def _resume_note(any_unfinished: bool) -> str:
        return ("enter or ctrl+r resumes the highlighted one" if any_unfinished
                else "none — every session you started is finished")

    async def on_home_data_loaded(self, event: HomeDataLoaded) -> None:
        if not self.is_attached:  # the app is quitting: nothing to mount into
            return
        if not self.is_current:  # the user left Home first: leave the screen they went to
            self._waiting = event  # the UI thread, and show these on return
            return
        for stats in event.rounds:
            try:
                row = self.query_one(f"#round-{stats.round}", RoundRow)
            except Exception:
                continue
            self._show_round(row, stats)
        same = event.unfinished == self._unfinished
        self._unfinished = event.unfinished
        found = self.query("#unfinished")
        if found:
            if not same:
                from textual.widgets import OptionList

                self._fill_unfinished(found.only_one(OptionList), event.unfinished)
        elif event.unfinished:
            await self.query_one("#resume-panel").mount(
                self._unfinished_list(event.unfinished), before=0)
        self.query_one("#resume-note", Static).update(self._resume_note(bool(event.unfinished)))
        self.start_panel.figures_shown()
        if event.review is not None:
            self._show_review(event.review)
            if event.review.needs_rebuild:  # a history from before the review queue
                self.run_service(self.interview_app.service.rebuild_review_queue,
                                 done=self._show_review, group="review-rebuild",
                                 failure="Could not build the review queue")

    def _show_review(self, figures: ReviewFigures) -> None:
        show_review_line(self, figures)
        self.start_panel.show_review(figures)

    def form_values(self) -> FormValues:
        """The start form's choices (once it is mounted)."""
        return self.start_panel.values()

    def action_find_question(self) -> None:
        """Search the questions by text and tag; the one picked is asked on its own."""
        if self._busy:
            return
        if not self.form_ready:
            self.notify("One moment: the banks are still loading.")
            return
        from .question_picker import QuestionPickerScreen

        def picked(qid: str | None) -> None:
            if qid and not self._busy:
                self._busy = True
                self._open_session(self.form_values(), None, qid)

        self.app.push_screen(QuestionPickerScreen(), picked)

    def action_start(self) -> None:
        if self._busy:
            return
        if not self.form_ready:
            self.notify("One moment: the banks are still loading.")
            return
        values = self.form_values()
        if values.round != LOOP and not 1 <= values.n <= 50:
            self.notify("Questions: give a number from 1 to 50.", severity="warning")
            self.query_one("#n").focus()
            return
        self._busy = True
        self._open_session(values, None)

    def action_resume(self) -> None:
        if self._busy:
            return
        if not self._unfinished:
            self.notify("No unfinished session to resume.")
            return
        from textual.widgets import OptionList

        found = self.query("#unfinished")  # not there yet just after the first frame
        index = (found.only_one(OptionList).highlighted or 0) if found else 0
        self._busy = True
        self._open_session(None, self._unfinished[index].id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "unfinished" and not self._busy and event.option.id:
            self._busy = True
            self._open_session(None, int(event.option.id))

    @work(thread=True, exclusive=True, group="open-session", exit_on_error=False)
    def _open_session(self, values: FormValues | None, session_id: int | None,
                      question: str | None = None) -> None:
        app = self.interview_app
        try:
            from .home_form import session_config
            from .interview import open_session

            svc = app.service
            if values is not None and question is not None:  # one chosen question
                handle = svc.start_question(question, mode="exam" if values.mode == "exam"
                                            else "practice", seed=app.session_seed)
                timer = values.timer
            elif values is not None:
                from ...service.library import UiPrefs, load_prefs, save_prefs

                old = load_prefs(app.settings)
                save_prefs(app.settings, UiPrefs(
                    round=values.round, bank=values.bank, tags=values.tags,
                    difficulty=values.difficulty, n=max(1, values.n), mode=values.mode,
                    timer=values.timer, theme=old.theme))
                handle = svc.start_session(session_config(values, app.session_seed))
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

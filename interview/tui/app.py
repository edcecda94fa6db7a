"""The Textual app: screens as modes (home, history, banks), app-wide keys and the palette.

``build_app`` is the one factory the CLI and the tests use. The first screen paints before
anything heavy loads: the service (SQLAlchemy, scoring, banks) is imported in workers. Home
opens as Textual's default screen and joins its mode after its first frame
(``get_default_screen``), which then gets the rest of Home and the loaders (``start_loaders``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from .commands import MainActionsProvider
from .screens.base import InSession, ServiceCalls

if TYPE_CHECKING:
    from ..config import Settings
    from ..engine.scorer import Scorer
    from ..service import Service
    from .screens.home import HomeScreen

FIRST_FRAME_GRACE = 0.03
"""Seconds between the first frame being queued and the loaders starting."""

STYLES = Path(__file__).resolve().parent / "styles"
HOME = "home"
"""Home's mode (see ``InterviewApp.get_default_screen``)."""
FIRST_CSS = ("app", "home")
"""The app's stylesheet and Home's first frame's. Not in CSS_PATH: Textual parses the whole
stylesheet twice before it opens the first screen of a mode (the second time afresh, with
the theme's variables), so each file listed there was parsed twice before the first frame.
Read by Home's ``compose``, after that, they are parsed once, before Home's widgets are
styled."""
SCREEN_CSS = ("home_lower", "interview", "feedback", "history", "banks", "help", "dialogs",
              "mentor")
"""The other stylesheets: the rest of Home (read when Home mounts it, just after the first
frame) and the other screens' (each screen class names its own in CSS_PATH)."""

# Worker groups that only read (or write derived caches atomically). When nothing else is
# running at quit, the process ends at once instead of waiting for them. Any other group
# (answers, preferences, deletions, exports...) is waited for, so no write is ever lost.
READ_ONLY_WORKERS = frozenset({
    "home-scores", "home-form", "history", "reload-banks", "banks", "preview", "replay",
    "lab-preview", "lab-score", "question-search", "home-count", "home-catalog",
})


def save_theme(settings: Settings, theme: str) -> None:
    """Remember the theme in the user's settings (read back at the next start)."""
    from ..service.prefs import load_prefs, save_prefs

    prefs = load_prefs(settings)
    if prefs.theme != theme:
        prefs.theme = theme
        save_prefs(settings, prefs)


def _history() -> Screen[None]:
    from .screens.history import HistoryScreen

    return HistoryScreen()


def _banks() -> Screen[None]:
    from .screens.banks import BanksScreen

    return BanksScreen()


class InterviewApp(ServiceCalls, App[None]):
    """A terminal mock-interview coach."""

    TITLE = "interview"
    SUB_TITLE = "mock-interview coach"
    CSS_PATH: ClassVar[list[str | PurePath]] = []
    """Empty: Home reads the app's stylesheet and its own as it composes (``FIRST_CSS``)."""
    COMMANDS = App.COMMANDS | {MainActionsProvider}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[None]]]] = {
        "history": _history, "banks": _banks,
    }
    """Home's mode is added per app (``__init__``): see ``get_default_screen``."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "history", "History", id="history"),
        Binding("f3", "banks", "Banks", id="banks"),
        Binding("f4", "home", "Home", id="home"),
    ]

    def __init__(self, settings: Settings, *, service: Service | None = None,
                 clock: Callable[[], float] | None = None, live_clock: bool = True,
                 seed: int | None = None, scorer: Scorer | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.scorer = scorer
        """The sessions' scorer (None: the service's grader); tests inject a fixed fake."""
        self.clock = clock
        self.session_seed = seed
        """Seed for new sessions' question pick (tests); None picks at random."""
        self.live_clock = live_clock
        """False freezes countdowns (snapshot tests)."""
        self._service = service
        self._service_lock = threading.Lock()
        self.quick_exit = False
        """Set at quit when only read-only workers are left: ``run_app`` then ends the
        process without waiting for them (or for the interpreter's teardown)."""
        self._saved_theme: str | None = None
        self.started = False
        """True once the start is over: the first frame is out and ``start_loaders`` ran."""
        """The theme in the settings file (None until read at mount)."""
        self._home: HomeScreen | None = None
        self.add_mode(HOME, self.home_screen)

    def home_screen(self) -> HomeScreen:
        """The one Home screen (made on first use)."""
        if self._home is None:
            from .screens.home import HomeScreen

            self._home = HomeScreen()
        return self._home

    def get_default_screen(self) -> Screen[Any]:
        """Home opens as Textual's default screen, then joins its own mode ("home") once
        its first frame is out (``start_loaders``). Textual restyles the whole app and
        parses every stylesheet again, afresh, when it opens the first screen of a mode, and
        composes that screen while it holds its output back: opened as the default screen,
        Home's first frame was about a fifth cheaper (and is written as soon as it is laid
        out). The same screen is then the base of the "home" mode."""
        return self.home_screen()

    @property
    def service(self) -> Service:
        """The application service, created on first use. Use it from workers only."""
        with self._service_lock:
            if self._service is None:
                from ..service import Service

                self._service = Service(self.settings, clock=self.clock, scorer=self.scorer)
            return self._service

    # -- the theme, remembered -------------------------------------------------------------
    def on_mount(self) -> None:
        """The remembered theme before the first frame (one small JSON file)."""
        from ..service.prefs import saved_theme

        theme = saved_theme(self.settings)
        self._saved_theme = theme
        if theme and theme in self.available_themes:
            self.theme = theme

    def watch_theme(self, theme: str) -> None:
        """However it was chosen (command palette, Help), a new theme is remembered."""
        if self._saved_theme is None or theme == self._saved_theme:
            return
        self._saved_theme = theme
        self.run_service(save_theme, self.settings, theme, failure="Could not save the theme",
                         group="prefs")

    # -- first paint, then data -----------------------------------------------------------
    def on_ready(self) -> None:
        """The first frame is queued: once it is on screen, fill it from the database and the
        banks (loader threads started earlier would take the GIL from Textual's writer)."""
        self.set_timer(FIRST_FRAME_GRACE, self.start_loaders)

    def start_loaders(self) -> None:
        """Home joins its mode, mounts the rest of its screen and starts its loaders; then the
        other screens' stylesheets are read. When the user has already left Home (F2 at once)
        or covered it (help, the palette), all this waits until Home is shown again: the
        screen they went to gets the CPU (``HomeScreen.on_screen_resume``)."""
        self.started = True
        home = self._home
        if home is not None:
            if self.current_mode == self.DEFAULT_MODE and self.screen_stack == [home]:
                self.switch_mode(HOME)  # Home joins its mode (see get_default_screen)
            elif home not in self.screen_stack or self.current_mode == self.DEFAULT_MODE:
                home.load_when_shown = True  # left, or covered (help, palette) at once
                return
            home.show_rest()
            home.load()
        self._preload_screen_css()

    def _preload_screen_css(self) -> None:
        """Read every other screen's stylesheet now, once the first frame is out. Textual
        reparses all CSS (its widgets' too) and restyles the whole app the first time a
        screen brings a stylesheet it has not seen; done here, that happens once, after the
        first paint, instead of on each screen's first visit. A screen shown before this ran
        loads its own file as usual."""
        if not self.read_css(*FIRST_CSS, *SCREEN_CSS):
            return
        sheet = self.stylesheet
        sheet.parse()  # parses the new files only: what is already parsed comes from its cache
        sheet.update(self)

    def read_css(self, *names: str) -> bool:
        """Add the stylesheets ``styles/<name>.tcss`` not read yet (True if any was). Widgets
        mounted after this get their rules; what is on screen already is not restyled."""
        sheet = self.stylesheet
        missing = [path for name in names
                   if not sheet.has_source(path := str(STYLES / f"{name}.tcss"))]
        for path in missing:
            sheet.read(path)
        return bool(missing)

    # -- quitting -------------------------------------------------------------------------
    def writes_in_flight(self) -> bool:
        """True while a worker that may write (not in READ_ONLY_WORKERS) is pending or running."""
        from textual.worker import WorkerState

        return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING)
                   and w.group not in READ_ONLY_WORKERS for w in self.workers)

    async def action_quit(self) -> None:
        """Quit at once, unless a question is in progress: then ask first (the draft and
        the session are kept either way; a second ctrl+q quits)."""
        screen = self.screen
        reason = screen.unsaved_work() if isinstance(screen, InSession) else None
        if reason is None:
            self._quit_now()
            return
        from .screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._quit_now()

        self.push_screen(ConfirmScreen("Quit in the middle of a question?", reason,
                                       yes="Quit", no="Keep going"), confirmed)

    def _quit_now(self) -> None:
        self.quick_exit = not self.writes_in_flight()
        self.exit()

    # -- navigation -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """During an interview, leave it with esc (pause) rather than by switching screens."""
        if action not in (HOME, "history", "banks"):
            return True
        if isinstance(self.screen, InSession):
            return False
        mode = HOME if self.current_mode == self.DEFAULT_MODE else self.current_mode
        return action != mode

    def action_home(self) -> None:
        """The home screen itself, not what was left on top of it (an old summary)."""
        self.switch_mode(HOME)
        stack = self.screen_stack
        if len(stack) > 1 and not any(isinstance(s, InSession) for s in stack):
            self._pop_to_home(stack[0])

    def _pop_to_home(self, home: Screen[object]) -> None:
        while len(self.screen_stack) > 1 and self.screen_stack[-1] is not home:
            self.pop_screen()

    def action_history(self) -> None:
        self.switch_mode("history")

    def action_banks(self) -> None:
        self.switch_mode("banks")

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _home_screen(self) -> Screen[None]:
        self.switch_mode(HOME)
        return self.screen_stack[0]

    def action_start_session(self) -> None:
        from .screens.home import HomeScreen

        home = self._home_screen()
        if self.screen is home and isinstance(home, HomeScreen):
            home.action_start()

    def action_resume_last(self) -> None:
        from .screens.home import HomeScreen

        home = self._home_screen()
        if self.screen is home and isinstance(home, HomeScreen):
            home.action_resume()

    def action_reload_banks(self) -> None:
        self._reload_banks()

    def _reload_banks(self) -> None:
        self.run_service(self.service.reload_catalog,
                         done=lambda cat: self._banks_reloaded(len(cat.questions),
                                                               len(cat.broken)),
                         failure="Could not reload banks", group="reload-banks")

    def _banks_reloaded(self, questions: int, broken: int) -> None:
        from ..domain.words import plural

        note = f", {plural(broken, 'broken file')} (see Banks)" if broken else ""
        self.notify(f"Banks reloaded: {questions} questions{note}",
                    severity="warning" if broken else "information")
        from .screens.banks import BanksScreen

        if self._home is not None:
            self._home.load()
        try:
            stack = self.get_screen_stack("banks")
        except KeyError:  # Banks was never opened
            stack = []
        for screen in stack:
            if isinstance(screen, BanksScreen):
                screen.load()

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's "Save screenshot": into ``<data dir>/screenshots`` (made when
        missing) rather than a Downloads folder a server may not have."""
        if path is None:
            folder = self.settings.data_dir / "screenshots"
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.notify(f"Could not save the screenshot in {folder}: {exc.strerror}",
                            title="Screenshot", severity="error")
                return None
            path = str(folder)
        return super().deliver_screenshot(filename, path, time_format)

    # -- errors ---------------------------------------------------------------------------
    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place errors of ``run_service`` workers are reported (by worker name)."""
        from ..domain.errors import SessionStateError
        from .screens.base import SERVICE_WORKER

        worker = event.worker
        if event.state != WorkerState.ERROR or worker.description != SERVICE_WORKER:
            return
        error = worker.error
        if isinstance(error, SessionStateError):  # not allowed now: a warning, not a problem
            self.notify(str(error), severity="warning")
        elif error is not None:
            self.show_error(worker.name, error)

    def show_error(self, what: str, exc: BaseException) -> None:
        """An unexpected problem: say so and carry on (answers are already stored)."""
        from .errors import describe

        self.notify(f"{what}: {describe(exc)}", title="Problem", severity="error", timeout=10)


def build_app(settings: Settings, *, service: Service | None = None,
              clock: Callable[[], float] | None = None, live_clock: bool = True,
              seed: int | None = None, scorer: Scorer | None = None) -> InterviewApp:
    """The one factory for the CLI and the tests."""
    return InterviewApp(settings, service=service, clock=clock, live_clock=live_clock, seed=seed,
                        scorer=scorer)


def run_app(settings: Settings) -> None:
    """Run the TUI. Quitting is immediate: once Textual has restored the terminal, loaders
    still reading are not waited for, unless a write was in flight when quit was pressed
    (then the process waits for it, as it always did)."""
    import asyncio

    app = build_app(settings)
    # Our own loop: asyncio.run() would wait for every worker thread before returning.
    loop = asyncio.new_event_loop()
    app.run(loop=loop)
    if app.quick_exit:
        import os
        import sys

        for stream in (sys.stdout, sys.stderr):
            with suppress(Exception):
                stream.flush()
        os._exit(app.return_code or 0)
    loop.close()

"""Banks, rubric lab, help, command palette, remembered choices and small terminals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList, Select, Static, TextArea, Tree

from interview.banks.models import ROUND_TITLES as BANK_ROUND_TITLES
from interview.banks.models import ROUNDS as BANK_ROUNDS
from interview.service.library import PREFS_FILE, UiPrefs, load_prefs, save_prefs
from interview.tui import rounds
from interview.tui.app import InterviewApp
from interview.tui.screens.banks import BanksScreen
from interview.tui.screens.help import HelpScreen
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.rubric_lab import RubricLabScreen
from interview.tui.widgets.report_view import ReportView

from .conftest import SIZE, settle


def test_round_names_mirror_the_bank_format() -> None:
    assert rounds.ROUNDS == BANK_ROUNDS
    assert rounds.ROUND_TITLES == BANK_ROUND_TITLES


async def test_banks_show_broken_files_previews_and_the_rubric_lab(
        make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BanksScreen)
        tree: Tree[tuple[str, object]] = screen.query_one("#bank-tree", Tree)
        labels = [str(n.label) for n in tree.root.children]
        assert labels[0].startswith("Broken files (1)")
        broken = tree.root.children[0].children[0]
        tree.move_cursor(broken)
        await settle(pilot)
        detail = str(screen.query_one(".file-detail", Static).render())
        assert "broken.yaml" in detail and "modle_answer" in detail

        question = next(n for n in tree.root.children[2].children[0].children
                        if n.data == ("question", "mlt-tui-overfit"))
        tree.move_cursor(question)
        await settle(pilot)
        rubric = str(screen.query_one(".preview-rubric", Static).render())
        assert "Train/validation gap" in rubric and "weight decay" in rubric

        await pilot.press("l")
        await settle(pilot)
        lab = app.screen
        assert isinstance(lab, RubricLabScreen)
        await pilot.press(*"dropout")  # typed: scored once typing pauses (debounced)
        await pilot.pause(0.5)
        await settle(pilot)
        view = lab.query_one(ReportView)
        assert view.answer == "dropout"
        status = {c.id: c.status for c in view.report.criteria}
        assert status["regularise"] == "hit" and status["gap"] == "missed"

        await pilot.press("ctrl+e")  # the question's calibration example
        await pilot.pause(0.5)
        await settle(pilot)
        assert lab.query_one("#sample", TextArea).text.startswith("The validation error")
        assert "within" in str(lab.query_one("#lab-example", Static).render())


async def test_help_lists_keys_and_switches_theme_and_the_palette_opens_history(
        make_app: Callable[[], InterviewApp], data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        keys = str(screen.query_one("#keys", Static).render())
        assert "Submit" in keys and "Rubric lab" in keys and "^s" in keys
        themes = screen.query_one("#themes", OptionList)
        themes.focus()
        index = next(i for i in range(themes.option_count)
                     if themes.get_option_at_index(i).id == "nord")
        themes.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"
        assert json.loads((data_dir / PREFS_FILE).read_text())["theme"] == "nord"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

        # The command palette opens History.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"History")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_last_choices_are_remembered(make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        home.query_one("#round", Select).value = "coding-screen"
        home.query_one("#mode", Select).value = "exam"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.handle.mode == "exam"
    prefs = load_prefs(app.settings)
    assert (prefs.round, prefs.mode) == ("coding-screen", "exam")

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.screen.query_one("#round", Select).value == "coding-screen"
        assert again.screen.query_one("#mode", Select).value == "exam"


async def test_data_arriving_while_quitting_is_dropped(
        make_app: Callable[[], InterviewApp]) -> None:
    """The loaders may finish after ctrl+q: their results are not mounted into a closing app
    (it raised "Can't mount widget(s)" when the banks loaded after quit)."""
    from interview.tui.screens.home import HomeDataLoaded
    from interview.tui.screens.home_form import FormDataLoaded

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        panel = home.start_panel
        assert panel.options is not None
        options, prefs = panel.options, load_prefs(app.settings)
        await home.query_one("#start-form").remove()
        await pilot.press("ctrl+q")
    assert not home.is_attached
    await panel.on_form_data_loaded(FormDataLoaded(options, prefs))
    await home.on_home_data_loaded(HomeDataLoaded([], []))
    assert not home.query("#start-form")


def test_prefs_survive_a_damaged_file(settings: object, data_dir: Path) -> None:
    from interview.config import Settings

    assert isinstance(settings, Settings)
    (data_dir / PREFS_FILE).write_text("{not json")
    assert load_prefs(settings) == UiPrefs()
    save_prefs(settings, UiPrefs(round="behavioral", n=99))
    assert load_prefs(settings).round == "behavioral"
    assert load_prefs(settings).n == 50  # clamped


async def test_small_terminal_and_resize(make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        start = app.screen.query_one("#start")
        assert start.region.bottom <= 24 and start.region.right <= 80
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.query_one("#answer").region.bottom <= 23
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert screen.query_one("#answer").region.width > 100


async def test_keys_pressed_before_the_rest_of_home_is_there(
        make_app: Callable[[], InterviewApp]) -> None:
    """Home's first frame has only the rounds; the start form's panel, the unfinished
    sessions and the tips come just after it. Keys pressed in between reach the screen's
    and the app's bindings (nothing raises, ctrl+s says to wait), and once everything is
    there focus is where Textual puts it, on the first focusable widget."""
    from textual.containers import VerticalScroll

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert not home.query("#start-panel")  # the first frame: rounds and keys only
        assert app.current_mode == app.DEFAULT_MODE
        home.action_start()  # ctrl+s now: "one moment", nothing is started
        assert not home.form_ready and not home._busy
        await pilot.press("ctrl+r")  # no unfinished session: a note
        await settle(pilot)
        assert app.screen is home and app.current_mode == "home"  # Home joined its mode
        assert home.query("#start-panel") and home.query("#home-tips")
        assert home.form_ready
        assert isinstance(app.focused, VerticalScroll) and app.focused.id == "home-body"
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "round"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen is home


async def test_help_at_once_covers_home_until_it_is_closed(
        make_app: Callable[[], InterviewApp]) -> None:
    """f1 before Home's loaders start: Home stays as its first frame under Help, then joins
    its mode, mounts the rest and loads once Help is closed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("f1")
        await pilot.pause(0.3)  # the loaders' time comes while Help is shown
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert not home.query("#start-panel")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home and app.current_mode == "home"
        assert home.form_ready

"""Practise a chosen question (Banks' p, the start form's search) and never lose work:
ctrl+q asks mid-question, pause/resume on the last question keeps a follow-up and its draft,
exam mode offers no hint/retry/model keys, f4 goes Home itself, the theme is remembered."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Select, TextArea, Tree

from interview.service import Service
from interview.service.library import PREFS_FILE
from interview.tui.app import InterviewApp
from interview.tui.screens.banks import BanksScreen
from interview.tui.screens.confirm import ConfirmScreen
from interview.tui.screens.feedback import FeedbackScreen
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.question_picker import SEARCH_DELAY, QuestionPickerScreen
from interview.tui.screens.rubric_lab import RubricLabScreen
from interview.tui.screens.summary import SummaryScreen
from tests.fakes import FakeScorer

from .conftest import SIZE, settle

pytestmark = pytest.mark.slow

App = Callable[[], InterviewApp]
LEAKAGE = ("Data leakage is when information from the test set leaks into training, "
           "like future information. Split before preprocessing.")


def progress(app: InterviewApp) -> str:
    return str(app.screen.query_one("#progress").render())


def footer_keys(app: InterviewApp) -> set[str]:
    """The descriptions of the keys the footer shows now."""
    return {b.description for (_, b, enabled, _) in app.screen.active_bindings.values()
            if b.show and enabled}


async def answer(pilot: Pilot[None], text: str) -> None:
    pilot.app.screen.query_one("#answer", TextArea).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def start(pilot: Pilot[None]) -> InterviewScreen:
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InterviewScreen)
    return pilot.app.screen


# -- practise a chosen question --------------------------------------------------------------
async def test_banks_p_practises_the_selected_question(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        banks = app.screen
        assert isinstance(banks, BanksScreen)
        tree: Tree[tuple[str, object]] = banks.query_one("#bank-tree", Tree)
        node = next(n for n in tree.root.children[1].children[0].children
                    if n.data == ("question", "cs-tui-double"))
        tree.move_cursor(node)
        await settle(pilot)
        assert "Practise this question" in footer_keys(app)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.state.question is not None and screen.state.question.id == "cs-tui-double"
        assert "question 1 of 1" in progress(app)
        await pilot.press("escape", "escape")  # the code box lets go of focus, then pause
        await settle(pilot)
        assert app.screen is banks
    [record] = Service(app.settings).history()
    assert record.rounds == ("coding-screen",) and record.questions == 1


async def test_the_start_form_searches_by_text_and_tag(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode", Select).value = "exam"
        await pilot.press("ctrl+f")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, QuestionPickerScreen)
        assert {h.id for h in picker.hits} == {"mlt-tui-overfit", "mlt-tui-leakage",
                                               "cs-tui-double"}
        await pilot.press(*"tag:warm")
        await pilot.pause(SEARCH_DELAY + 0.1)
        await settle(pilot)
        assert [h.id for h in picker.hits] == ["cs-tui-double"]
        assert str(picker.query_one("#picker-tags").render()) == "tags: warm-up 1"
        await pilot.press("ctrl+a", "ctrl+k", *"leaks training")  # words of the prompt/answer?
        await pilot.pause(SEARCH_DELAY + 0.1)
        await settle(pilot)
        assert picker.hits == []
        assert "No question matches" in str(picker.query_one("#picker-note").render())
        for _ in range(len("leaks training")):
            await pilot.press("backspace")
        await pilot.press(*"avoid")
        await pilot.pause(SEARCH_DELAY + 0.1)
        await settle(pilot)
        assert [h.id for h in picker.hits] == ["mlt-tui-leakage"]
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.state.question is not None
        assert screen.state.question.id == "mlt-tui-leakage"
        assert screen.handle.mode == "exam"  # the form's mode applies
        assert "question 1 of 1" in progress(app)


# -- home, without a session (one app for these checks: each app costs about a second) ------
async def test_home_counts_filters_saves_screenshots_shows_help_cancels_a_search_and_quits(
        make_app: App, data_dir: Path) -> None:
    from textual.widgets import Input, Static

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The start form counts what its filters leave.
        note = app.screen.query_one("#start-note")
        assert str(note.render()).startswith("2 questions in ML theory banks")
        app.screen.query_one("#difficulty", Select).value = "easy"
        await settle(pilot)
        assert str(note.render()) == "1 of 2 questions match the filters"
        app.screen.query_one("#tags", Input).value = "warm-up"
        await settle(pilot)
        assert str(note.render()).startswith("No question matches these filters")

        # A screenshot goes to the data dir.
        app.deliver_screenshot()  # what the palette's "Save screenshot" calls
        for _ in range(20):
            await pilot.pause(0.1)
            if list((data_dir / "screenshots").glob("*.svg")):
                break
        [shot] = list((data_dir / "screenshots").glob("*.svg"))
        assert shot.read_text(encoding="utf-8").startswith("<svg")

        # Help shows the bracket keys of the replay.
        await pilot.press("f1")
        await settle(pilot)
        keys = str(app.screen.query_one("#keys", Static).render()).splitlines()
        assert "  [                  Prev attempt" in keys
        assert "  ]                  Next attempt" in keys
        assert "  p                  Practise this question" in keys
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        # The question search can be cancelled (nothing is started).
        await pilot.click("#find")
        await settle(pilot)
        assert isinstance(app.screen, QuestionPickerScreen)
        await pilot.press("down")  # into the list
        assert isinstance(app.focused, OptionList)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        # ctrl+q at home quits at once.
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    assert Service(app.settings).history() == []


# -- ctrl+q ----------------------------------------------------------------------------------
async def test_ctrl_q_mid_question_asks_first_and_keeps_the_draft(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.query_one("#answer", TextArea).text = "Leakage is when"
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "kept as a draft" in str(app.screen.query_one("#dialog-detail").render())
        await pilot.press("n")  # keep going
        await settle(pilot)
        assert app.screen is screen and app.return_code is None
        assert screen.query_one("#answer", TextArea).text == "Leakage is when"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0
        session_id = screen.handle.id
    svc = Service(app.settings, scorer=FakeScorer())
    assert svc.resume(session_id).draft == "Leakage is when"
    svc.close()


async def test_prose_enter_is_a_new_line_and_ctrl_q_twice_quits(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        # In prose, enter is a plain new line (no indentation carried over).
        await pilot.press(*"  Leakage:", "enter", *"next")
        area = screen.query_one("#answer", TextArea)
        assert area.text == "  Leakage:\nnext"
        area.text = ""
        await settle(pilot)
        # An unanswered question, nothing typed: ctrl+q still asks, and a second one quits.
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "The session is kept" in str(app.screen.query_one("#dialog-detail").render())
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


# -- pause and resume on the last question ----------------------------------------------------
async def test_pause_on_the_last_question_keeps_its_follow_up_and_draft(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, LEAKAGE)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert "question 2 of 2" in progress(app)
        await answer(pilot, "The validation error rises.")  # misses two points: a probe
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.state.phase == "follow-up"
        screen.query_one("#answer", TextArea).text = "weight"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, InterviewScreen)
        assert again.state.phase == "follow-up" and "question 2 of 2" in progress(app)
        area = again.query_one("#answer", TextArea)
        assert area.text == "weight" and area.cursor_location == (0, 6)  # typing carries on
        assert "Submit" in footer_keys(app)
        await answer(pilot, "weight decay and more data")  # the follow-up still counts
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.feedback.score == 100.0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


# -- exam mode -------------------------------------------------------------------------------
async def test_exam_mode_offers_no_hint_retry_or_model_keys(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode", Select).value = "exam"
        screen = await start(pilot)
        keys = footer_keys(app)
        assert "Submit" in keys and not {"Hint", "Retry"} & keys
        assert str(screen.query_one("#hints").render()) == ""
        await pilot.press("ctrl+n")  # skip: the feedback screen
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert not {"Retry", "Model answer"} & footer_keys(app)
        assert "model answer" not in str(feedback.query_one("#skipped").render()).lower()
        await pilot.press("m", "r")  # nothing happens
        await settle(pilot)
        assert app.screen is feedback


# -- f4 and the theme ------------------------------------------------------------------------
async def test_f4_from_the_rubric_lab_goes_home_not_to_an_old_summary(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("ctrl+l", "y")  # end at once: the summary
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("f3")
        await settle(pilot)
        tree: Tree[tuple[str, object]] = app.screen.query_one("#bank-tree", Tree)
        node = next(n for n in tree.root.children[2].children[0].children
                    if n.data == ("question", "mlt-tui-overfit"))
        tree.move_cursor(node)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, RubricLabScreen)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_theme_chosen_anywhere_is_remembered(make_app: App, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"  # what the command palette's "Change theme" does
        await settle(pilot)
    assert json.loads((data_dir / PREFS_FILE).read_text())["theme"] == "nord"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"  # before the banks have loaded


# -- a retry after the model answer ------------------------------------------------------------
async def test_a_retry_after_the_model_answer_is_marked_and_not_best(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "Information from the test set leaks into training.")
        await pilot.press("ctrl+n")  # skip the follow-up: scored without it
        await settle(pilot)
        first = app.screen
        assert isinstance(first, FeedbackScreen) and first.feedback.score < 100
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await answer(pilot, LEAKAGE)  # the model answer, paraphrased
        second = app.screen
        assert isinstance(second, FeedbackScreen)
        assert second.feedback.after_reveal and second.feedback.score == 100.0
        assert second.feedback.best_score == first.feedback.score
        facts = str(second.query_one("#feedback-facts").render())
        assert "after the model answer: does not count" in facts


async def test_exam_time_keeps_counting_across_ctrl_q_and_resume(settings: object) -> None:
    from interview.config import Settings
    from interview.tui.app import build_app

    from .conftest import fixed_clock

    assert isinstance(settings, Settings)
    wall = [1_000_000.0]

    def service() -> Service:
        return Service(settings, clock=fixed_clock, scorer=FakeScorer(),
                       wall_clock=lambda: wall[0])

    app = build_app(settings, service=service(), clock=fixed_clock, live_clock=False, seed=1,
                    scorer=FakeScorer())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode", Select).value = "exam"
        screen = await start(pilot)
        assert screen.state.question is not None
        limit = screen.state.question.time_limit
        screen.query_one("#answer", TextArea).text = "Leakage is"
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        session_id = screen.handle.id
    wall[0] += 100  # the app stays closed for 100 seconds
    again = build_app(settings, service=service(), clock=fixed_clock, live_clock=False, seed=1,
                      scorer=FakeScorer())
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        resumed = again.screen
        assert isinstance(resumed, InterviewScreen) and resumed.handle.id == session_id
        assert resumed.state.remaining == pytest.approx(limit - 100, abs=1)
        assert resumed.query_one("#answer", TextArea).text == "Leakage is"

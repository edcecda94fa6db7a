"""Sessions played through the app with Pilot: start, follow-up,
feedback, hints, finish, history and replay, pause and resume, errors, coding, exam.

Scoring is the fixed fake scorer (tests/fakes.py), so retuning the real one moves none of
these."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Markdown, OptionList, Static, TextArea

from interview.present.richtext import plain_text
from interview.service import Service
from interview.service.handle import SessionHandle
from interview.tui.app import InterviewApp
from interview.tui.screens.feedback import FeedbackScreen
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.replay import ReplayScreen
from interview.tui.screens.summary import SummaryScreen
from interview.tui.widgets.chat import ChatMessage
from interview.tui.widgets.report_view import ReportView
from interview.tui.widgets.session_table import SessionTable
from tests.fakes import FakeScorer

from .conftest import SIZE, settle, stored_session

pytestmark = pytest.mark.slow  # whole sessions, real processes or real terminals

LEAKAGE = ("Data leakage is when information from the test set leaks into training, "
           "like future information.")
LEAKAGE_FOLLOWUP = "Split before preprocessing and fit the scaler on training data."
OVERFIT = ("The validation error rises while the training error keeps falling. Use dropout "
           "and get more data.")

App = Callable[[], InterviewApp]


def shown(static: Static) -> str:
    """The text a Static shows (markup string, Content, or a Rich renderable)."""
    content = static.content
    if isinstance(content, str):
        return content
    if hasattr(content, "plain"):
        return str(content.plain)
    return plain_text(content)  # type: ignore[arg-type]


def kinds(app: InterviewApp) -> list[str]:
    return [m.kind for m in app.screen.query(ChatMessage)]


def progress(app: InterviewApp) -> str:
    return str(app.screen.query_one("#progress").render())


async def answer(pilot: Pilot[None], text: str) -> None:
    area = pilot.app.screen.query_one("#answer", TextArea)
    area.text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def start(pilot: Pilot[None]) -> InterviewScreen:
    """Home, then ctrl+s: the form's defaults (ML theory, practice, 2 questions)."""
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def test_a_practice_session_from_first_question_to_home_figures(
        make_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """One session, checked at each step (one app instead of one per step: a Pilot app costs
    about a second of CPU to start). Each block below is one behaviour."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # Start: the first question is asked.
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "not practised yet" in str(app.screen.query_one("#round-ml-theory").render())
        screen = await start(pilot)
        assert "question 1 of 2" in progress(app)
        assert kinds(app)[-1] == "question"
        assert screen.state.question is not None
        assert screen.state.question.id == "mlt-tui-leakage"

        # ctrl+g says when there is no hint (the leakage question has none).
        said: list[tuple[str, str]] = []
        notify = app.notify

        def record(message: str, **kwargs: Any) -> None:
            said.append((message, kwargs.get("severity", "information")))
            notify(message, **kwargs)

        with monkeypatch.context() as patch:
            patch.setattr(app, "notify", record)
            await pilot.press("ctrl+g")
            await settle(pilot)
        assert ("this question has no hints", "warning") in said

        # A missed required point is probed, and earned back by the follow-up.
        await answer(pilot, LEAKAGE)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert kinds(app)[-1] == "follow-up" and screen.state.phase == "follow-up"
        assert screen.query_one("#answer", TextArea).text == ""
        await answer(pilot, LEAKAGE_FOLLOWUP)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        view = feedback.query_one(ReportView)
        statuses = {c.id: (c.status, c.source) for c in view.report.criteria}
        assert statuses == {"definition": ("hit", "answer"),
                            "split-first": ("hit", "follow-up")}
        assert feedback.feedback.score == 100.0

        # The feedback highlights the answer and shows the score once.
        [section] = [s for s in view.model.sections if s.kind == "answer"]
        assert section.lines[0].text == LEAKAGE
        texts = [shown(w) for w in feedback.query(Static)]
        assert sum(t.count("100 / 100") + t.count("100/100") for t in texts) == 1
        assert not any("/retry" in t for t in texts)

        # The model answer is shown on request.
        await pilot.press("m")
        await settle(pilot)
        model = feedback.query_one("#model-answer", Markdown)
        assert model.display and "Split before preprocessing" in model.source

        # The next question.
        await pilot.press("enter")
        await settle(pilot)
        assert "question 2 of 2" in progress(app)

        # An unexpected error keeps the answer (and the first answer is stored).
        def broken(self: SessionHandle, text: str, elapsed: float | None = None) -> None:
            raise RuntimeError("disk on fire")

        errors: list[tuple[str, str]] = []

        def record_error(message: str, **kwargs: Any) -> None:
            errors.append((message, kwargs.get("severity", "information")))
            notify(message, **kwargs)

        with monkeypatch.context() as patch:
            patch.setattr(SessionHandle, "submit", broken)
            patch.setattr(app, "notify", record_error)
            await answer(pilot, OVERFIT)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.query_one("#answer", TextArea).text == OVERFIT  # nothing lost
        assert not screen.query_one("#answer", TextArea).loading
        assert any("disk on fire" in m and sev == "error" for m, sev in errors)
        svc = Service(app.settings)  # the first answer was stored when submitted
        assert svc.session_detail(screen.handle.id).questions[0].attempts[0].answer == LEAKAGE
        svc.close()

        # A hint costs points on the next answer.
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert kinds(app)[-1] == "hint"
        await answer(pilot, OVERFIT)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.feedback.hints_used == 1 and app.screen.feedback.score == 95.0

        # The last answer leads to the summary, then Home shows the round's figures.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.answered == 2
        await pilot.press("enter")  # back home: the round now has figures
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "last" in str(app.screen.query_one("#round-ml-theory").render())


async def test_history_lists_a_session_and_replays_it(make_app: App) -> None:
    app = make_app()
    session_id = stored_session(app, LEAKAGE, OVERFIT)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", SessionTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[0] == str(session_id)

        await pilot.press("enter")  # replay it
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.query_one("#questions", OptionList).option_count == 3
        await pilot.press("down")
        await settle(pilot)
        assert app.screen.query(ReportView)


async def test_pause_and_resume_keep_the_follow_up_and_the_draft(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, LEAKAGE)  # a follow-up is now waiting
        app.screen.query_one("#answer", TextArea).text = "Split before"
        await pilot.press("escape")  # pause
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#unfinished", OptionList).option_count == 1
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.state.phase == "follow-up" and kinds(app)[-1] == "follow-up"
        assert screen.query_one("#answer", TextArea).text == "Split before"
        assert LEAKAGE in [m.text for m in screen.query(ChatMessage)]


async def test_skip_retry_and_end(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("ctrl+n")  # skip the question
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen) and app.screen.feedback.skipped
        skipped = shown(app.screen.query_one("#skipped", Static))
        assert "/retry" not in skipped and "press r" in skipped.lower()
        await pilot.press("r")  # practice mode: try it after all
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.state.question is not None and screen.state.question.index == 0
        assert screen.state.question.attempts == 1
        await pilot.press("ctrl+l")  # end, after confirming
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


async def test_the_code_editor_indents_and_ctrl_t_runs_the_visible_tests(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one("#round").value = "coding-screen"  # type: ignore[attr-defined]
        await settle(pilot)
        screen = await start(pilot)
        area = screen.query_one("#answer", TextArea)
        assert area.text.startswith("def double")  # the starter code
        assert area.show_line_numbers
        assert area.language == "python"  # tree-sitter highlighting (textual[syntax])

        # Typing starts inside the function's body, and code keeps its indentation on enter.
        assert area.text == "def double(x):\n    pass\n    "  # the starter, then the body
        assert area.cursor_location == area.document.end
        area.text = ""
        await pilot.press(*"def f(x):", "enter", *"if x:", "enter", *"return 1", "enter")
        assert area.text == "def f(x):\n    if x:\n        return 1\n        "
        # Keys that arrive in one burst (fast typing while the app is busy, a paste without
        # bracketed paste) keep their order: line breaks and backspaces do not jump ahead of
        # (or behind) the characters around them.
        area.text = ""
        burst = [*"if x:", "enter", *"y = 1", "backspace", "2", "enter", *"z", "left",
                 "backspace", "w"]
        for key in burst:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert area.text == "if x:\n    y = 2\n   wz"
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)

        # ctrl+t runs the visible tests of the session's question.
        area.text = "def double(x):\n    return x * 2\n"
        await pilot.press("ctrl+t")
        await settle(pilot)
        tests = screen.query(".-kind-tests")
        last = tests.last() if tests else None
        text = shown(last) if isinstance(last, Static) else ""
        assert "2/2 tests passed" in text and "visible tests only" in text
        assert "test 1" in text or "✔" in text


async def test_exam_mode_submits_when_time_is_up(make_app: App) -> None:
    from textual.widgets import Select

    from interview.tui.widgets.countdown import Countdown

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode", Select).value = "exam"
        screen = await start(pilot)
        assert screen.handle.mode == "exam" and not screen.state.can_hint
        screen.query_one("#answer", TextArea).text = LEAKAGE
        screen.query_one(Countdown).start(0)  # the clock runs out
        await settle(pilot)
        assert LEAKAGE in [m.text for m in screen.query(ChatMessage)]  # submitted as typed


async def test_quitting_keeps_what_was_typed(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.query_one("#answer", TextArea).text = "Leakage is when"
        session_id = screen.handle.id
        await pilot.press("ctrl+q", "y")  # confirmed at once: no pause, no 3-second save
        await pilot.pause()
        assert app.return_code == 0
    svc = Service(app.settings, scorer=FakeScorer())
    assert svc.resume(session_id).draft == "Leakage is when"
    svc.close()


def test_typing_starts_in_the_starters_body() -> None:
    from interview.tui.screens.interview import body_indent

    assert body_indent("def f(x):\n") == "    "
    assert body_indent('def f(x):\n    """Docstring."""\n') == "    "
    assert body_indent("class A:\n    def f(self):\n") == "        "
    assert body_indent("import math\n") == ""
    assert body_indent("") == ""

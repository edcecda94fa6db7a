"""Play whole sessions through the app with Pilot: start, answer, follow-up, feedback, finish,
then find the session in History and replay it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Markdown, OptionList, TextArea

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

from .conftest import SIZE, settle

pytestmark = pytest.mark.slow  # whole sessions, real processes or real terminals

LEAKAGE = ("Data leakage is when information from the test set leaks into training, "
           "like future information.")
LEAKAGE_FOLLOWUP = "Split before preprocessing and fit the scaler on training data."
OVERFIT = ("The validation error rises while the training error keeps falling. Use dropout "
           "and get more data.")


def kinds(app: InterviewApp) -> list[str]:
    return [m.kind for m in app.screen.query(ChatMessage)]


async def answer(pilot: Pilot[None], text: str) -> None:
    area = pilot.app.screen.query_one("#answer", TextArea)
    area.text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_whole_session(make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "not practised yet" in str(app.screen.query_one("#round-ml-theory").render())

        await pilot.press("ctrl+s")  # start with the form's defaults: ML theory, practice
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert "question 1 of 2" in str(app.screen.query_one("#progress").render())
        assert kinds(app)[-1] == "question"
        first = app.screen.state.question
        assert first is not None and first.id == "mlt-tui-leakage"

        # A partial answer: the interviewer probes the required point that was missed.
        await answer(pilot, LEAKAGE)
        assert isinstance(app.screen, InterviewScreen)
        assert kinds(app)[-1] == "follow-up"
        assert app.screen.state.phase == "follow-up"
        assert app.screen.query_one("#answer", TextArea).text == ""

        await answer(pilot, LEAKAGE_FOLLOWUP)
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        report = screen.query_one(ReportView).report
        statuses = {c.id: (c.status, c.source) for c in report.criteria}
        assert statuses["definition"] == ("hit", "answer")
        assert statuses["split-first"] == ("hit", "follow-up")
        # The matched phrases are highlighted inside the answer, by the report's spans.
        shown = screen.query_one(".answer").render()
        assert str(shown) == LEAKAGE
        assert any("success" in str(span.style) for span in shown.spans)

        await pilot.press("m")  # the model answer, on request
        await settle(pilot)
        model = screen.query_one("#model-answer", Markdown)
        assert model.display and "Split before preprocessing" in model.source

        await pilot.press("enter")  # next question
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert "question 2 of 2" in str(app.screen.query_one("#progress").render())

        await pilot.press("ctrl+g")  # a hint
        await settle(pilot)
        assert kinds(app)[-1] == "hint"

        await answer(pilot, OVERFIT)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.feedback.hints_used == 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        session_id = app.screen.session_id
        assert app.screen.summary.answered == 2

        await pilot.press("enter")  # back home: the round now has figures
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "last" in str(app.screen.query_one("#round-ml-theory").render())

        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", SessionTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[0] == str(session_id)

        await pilot.press("enter")  # replay it
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        questions = app.screen.query_one("#questions", OptionList)
        assert questions.option_count == 3  # summary + 2 questions
        await pilot.press("down")
        await settle(pilot)
        assert app.screen.query(ReportView)


async def test_pause_and_resume(make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await answer(pilot, LEAKAGE)
        await pilot.press("ctrl+n")  # skip the follow-up: scored without it
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("escape")  # pause
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#unfinished", OptionList)
        assert options.option_count == 1

        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert "question 2 of 2" in str(screen.query_one("#progress").render())
        # The earlier exchange is back in the transcript.
        texts = [m.text for m in screen.query(ChatMessage)]
        assert LEAKAGE in texts


async def test_unexpected_error_keeps_the_answer(make_app: Callable[[], InterviewApp],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await answer(pilot, LEAKAGE)
        await answer(pilot, LEAKAGE_FOLLOWUP)
        await pilot.press("enter")
        await settle(pilot)

        def broken(self: SessionHandle, text: str, elapsed: float | None = None) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(SessionHandle, "submit", broken)
        shown: list[tuple[str, str]] = []
        notify = app.notify

        def record(message: str, **kwargs: Any) -> None:
            shown.append((message, kwargs.get("severity", "information")))
            notify(message, **kwargs)

        monkeypatch.setattr(app, "notify", record)
        await answer(pilot, OVERFIT)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.query_one("#answer", TextArea).text == OVERFIT  # nothing lost
        assert not screen.query_one("#answer", TextArea).loading
        assert any("disk on fire" in m and sev == "error" for m, sev in shown)
        # The first answer was stored when it was submitted.
        svc = Service(app.settings)
        detail = svc.session_detail(screen.handle.id)
        assert detail.questions[0].attempts[0].answer == LEAKAGE
        svc.close()


async def test_skip_retry_and_end(make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+n")  # skip the question
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.feedback.skipped
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


async def test_coding_question_runs_tests(make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one("#round").value = "coding-screen"  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        area = screen.query_one("#answer", TextArea)
        assert area.text.startswith("def double")  # the starter code
        assert area.show_line_numbers
        assert area.language == "python"  # tree-sitter highlighting (textual[syntax])
        area.text = "def double(x):\n    return x * 2\n"
        await pilot.press("ctrl+t")
        await settle(pilot)
        tests = screen.query(".-kind-tests")
        assert tests and "2/2 tests passed" in str(tests.last().render())


async def test_exam_mode_submits_when_time_is_up(make_app: Callable[[], InterviewApp]) -> None:
    from textual.widgets import Select

    from interview.tui.widgets.countdown import Countdown

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode", Select).value = "exam"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.handle.mode == "exam"
        assert not screen.state.can_hint  # no hints in an exam
        screen.query_one("#answer", TextArea).text = LEAKAGE
        screen.query_one(Countdown).start(0)  # the clock runs out
        await settle(pilot)
        texts = [m.text for m in screen.query(ChatMessage)]
        assert LEAKAGE in texts  # submitted as typed

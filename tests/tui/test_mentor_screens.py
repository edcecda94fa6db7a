"""The dispute form on the feedback screen and the mentor's note form on the replay screen,
played with Pilot (fixed fake scorer)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from interview.service import Service
from interview.tui.app import InterviewApp
from interview.tui.screens.feedback import FeedbackScreen
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.mentor_dialogs import DisputeScreen, NoteScreen, parse_score
from interview.tui.screens.replay import ReplayScreen
from tests.fakes import FakeScorer

from .conftest import SIZE, fixed_clock, settle, stored_session
from .test_session_flow import OVERFIT, answer, shown, start

App = Callable[[], InterviewApp]


async def first_feedback(pilot: Pilot[None]) -> FeedbackScreen:
    """A thin first answer (and a thin follow-up answer): feedback with points missed."""
    await start(pilot)
    await answer(pilot, "Data leakage is a problem.")
    if not isinstance(pilot.app.screen, FeedbackScreen):
        await answer(pilot, "I am not sure.")
    screen = pilot.app.screen
    assert isinstance(screen, FeedbackScreen)
    return screen


def _service(app: InterviewApp) -> Service:
    return Service(app.settings, clock=fixed_clock, scorer=FakeScorer())


async def test_i_covered_this_cancelled_stores_nothing_sent_is_pending_and_keeps_the_score(
        make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        feedback = await first_feedback(pilot)
        session_id = feedback.handle.id if feedback.handle else 0

        # Cancelling the dispute form stores nothing.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DisputeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is feedback
        svc = _service(app)
        assert not svc.session_detail(session_id).questions[0].attempts[-1].disputes
        svc.close()

        # Sent, it is stored as pending and the score does not change.
        choices = feedback.disputable()
        assert choices, "the fixture answer misses something"
        score = feedback.feedback.score
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DisputeScreen)
        assert dialog.query_one("#dispute-criteria", OptionList).option_count == len(choices)
        await pilot.press("ctrl+s")  # no words yet: the form says so and stays
        await settle(pilot)
        assert app.screen is dialog
        assert "Quote the words" in shown(dialog.query_one("#mentor-error", Static))
        dialog.query_one("#dispute-words", Input).value = "I said fit the scaler on train"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        status = shown(app.screen.query_one("#dispute-status", Static))
        assert "pending" in status and choices[0][1] in status
        assert choices[0][0] not in {cid for cid, _ in app.screen.disputable()}
    svc = _service(app)
    attempt = svc.session_detail(session_id).questions[0].attempts[-1]
    [d] = attempt.disputes
    assert (d.criterion_id, d.words, d.status) == (
        choices[0][0], "I said fit the scaler on train", "pending")
    assert attempt.counted_score == score  # unchanged until a mentor accepts
    svc.close()


async def test_a_mentor_adds_a_note_and_override_from_the_replay(make_app: App) -> None:
    app = make_app()
    session_id = stored_session(app, OVERFIT)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")
        await settle(pilot)
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        await pilot.press("down")  # question 1
        await settle(pilot)
        assert replay.mentor  # SQLite: whoever uses the file may annotate
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NoteScreen)
        form.query_one("#note-text", Input).value = "Good; name the metric next time."
        form.query_one("#note-score", Input).value = "abc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # a bad score is said in the form, nothing saved
        assert "not a score" in shown(form.query_one("#mentor-error", Static))
        form.query_one("#note-score", Input).value = "88"
        form.query_one("#note-reason", Input).value = "clear and complete"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is replay
        body = " ".join(shown(s) for s in replay.query(".replay-mentor").results(Static))
        assert "→ 88" in body and "clear and complete" in body
        assert "Good; name the metric next time." in body
    svc = _service(app)
    d = svc.session_detail(session_id)
    a = d.questions[0].attempts[0]
    assert a.counted_score == 88.0 and a.score != 88.0
    assert d.record.score == 88.0
    svc.close()


def test_the_note_form_reads_scores_strictly() -> None:
    assert parse_score("") is None and parse_score(" 42.5 ") == 42.5
    for bad in ("101", "-3", "x", "nan"):
        try:
            parse_score(bad)
        except ValueError:
            continue
        raise AssertionError(bad)

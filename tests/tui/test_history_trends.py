"""History at 80x24: whole numbers in the trend panel (a labelled 0-100 scale, last and
average in their own columns, never cut), and plurals in its count line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Label

from interview.service import Service, SessionConfig
from interview.tui.app import InterviewApp
from interview.tui.screens.history import TREND_SCALE, HistoryScreen
from tests.fakes import FakeScorer

from .conftest import fixed_clock, settle

pytestmark = pytest.mark.slow

App = Callable[[], InterviewApp]
# FakeScorer: each answer hits 3, 1 or 2 of the overfit question's 3 criteria.
ANSWERS = ("Validation error rises; use dropout and more data.", "Validation error rises.",
           "Use dropout and more data.")


def play(app: InterviewApp, answers: tuple[str, ...]) -> None:
    svc = Service(app.settings, clock=fixed_clock, scorer=FakeScorer())
    for text in answers:
        h = svc.start_session(SessionConfig(question_ids=("mlt-tui-overfit",), max_followups=0))
        h.start()
        h.submit(text)
        h.next()
    svc.close()


def shown(label: Label) -> str:
    return str(label.render())


async def test_history_at_80x24_shows_whole_numbers_on_a_labelled_scale(make_app: App) -> None:
    app = make_app()
    play(app, (*ANSWERS, ANSWERS[0]))  # scores 100, 33, 67, 100: average 75
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        trends = screen.query_one("#trends").content_region
        head = screen.query_one(".trend-row.-head")
        assert [shown(lbl) for lbl in head.query(Label)] == ["Round", TREND_SCALE, "last", "avg"]
        row = screen.query_one("#trend-ml-theory")
        spark, last, avg = (row.query_one(f".trend-{k}", Label) for k in ("spark", "last", "avg"))
        assert shown(spark) == "█▃▆█"  # a fixed 0-100 scale: 33 is low, 100 is full
        assert (shown(last), shown(avg)) == ("100", "75")
        for label in (spark, last, avg, *head.query(Label)):
            text = shown(label)
            assert label.region.width >= len(text), text  # nothing cut off
            assert trends.contains_region(label.region), text
        note = str(screen.query_one("#history-empty").render())
        assert note.startswith("4 of 4 sessions ·")


async def test_one_session_is_singular(make_app: App) -> None:
    app = make_app()
    play(app, ANSWERS[:1])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert str(app.screen.query_one("#history-empty").render()).startswith(
            "1 of 1 session ·")

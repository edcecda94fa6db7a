"""Spaced review in the app: Home shows how many questions are due, and the start form
starts a Review session that asks them with the interviewer's recollection."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Label, Select, Static

from interview.config import Settings
from interview.service import Service, SessionConfig
from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from tests.fakes import FakeScorer

from .conftest import FIXTURE_BANKS, SIZE, settle

THREE_DAYS = 3 * 86400.0


def answered_three_days_ago(settings: Settings) -> None:
    """A finished session of two weak answers, given three days ago (so both are due)."""
    svc = Service(settings, scorer=FakeScorer(), wall_clock=lambda: time.time() - THREE_DAYS)
    h = svc.start_session(SessionConfig(question_ids=("mlt-tui-overfit", "mlt-tui-leakage"),
                                        max_followups=0))
    h.start()
    h.submit("I am not sure.")
    h.next()
    h.skip()
    h.next()
    assert h.finished
    svc.close()


async def test_home_with_nothing_due_says_so(make_app: Callable[[], InterviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert str(home.query_one("#review-due", Static).render()).startswith(
            "0 due for review")
        home.query_one("#round", Select).value = "review"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, InterviewScreen)  # a notice, not a session


def test_practice_review_in_a_terminal_opens_the_app_on_the_due_questions(
        monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    from click.testing import CliRunner

    from interview.cli import cli

    seen: list[Any] = []
    monkeypatch.setattr("interview.tui.practice.run_practice",
                        lambda settings, *, config, resume: seen.append((config, resume)))
    monkeypatch.setattr("interview.cli.session_cmds.in_terminal", lambda: True)
    runner = CliRunner()
    args = ["--data-dir", str(settings.data_dir), "--banks", str(FIXTURE_BANKS)]
    empty = runner.invoke(cli, [*args, "practice", "--review"])
    assert empty.exit_code != 0 and "Nothing to review yet" in empty.output and not seen
    answered_three_days_ago(settings)
    result = runner.invoke(cli, [*args, "practice", "--review", "-n", "1"])
    assert result.exit_code == 0, result.output
    [(config, resume)] = seen
    assert resume is None and config.round == "review" and len(config.question_ids) == 1
    assert config.review[0].days_ago == 3


async def test_home_builds_the_queue_of_an_older_history_after_showing_it(
        make_app: Callable[[], InterviewApp], settings: Settings) -> None:
    from sqlalchemy import text

    from interview.store.db import open_engine

    answered_three_days_ago(settings)
    engine = open_engine(settings.database_url)
    with engine.begin() as conn:  # as if practised before the review queue existed
        conn.execute(text("DELETE FROM review_cards"))
    engine.dispose()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        line = str(app.screen.query_one("#review-due", Static).render())
        # rebuilt at the times the answers were stored (just now): due tomorrow
        assert line == "0 due for review · next in 23 hours · 2 questions scheduled"


async def test_home_shows_the_due_count_dims_the_filters_a_review_ignores_and_starts_one(
        make_app: Callable[[], InterviewApp], settings: Settings) -> None:
    """Review asks the due questions whatever Bank, Tags and Difficulty say: those fields
    (and their labels) are disabled and faded, and the count line gives the due count."""
    answered_three_days_ago(settings)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        line = str(home.query_one("#review-due", Static).render())
        assert line.startswith("2 due for review")
        form = home.query_one("#start-form")
        fields = [home.query_one(f"#{id}") for id in ("bank", "tags", "difficulty")]
        labels = {str(label.render()): label for label in form.query(Label)}
        note = home.query_one("#start-note", Static)
        assert not any(w.disabled for w in fields)
        assert "questions in ML theory banks" in str(note.render())

        select = home.query_one("#round", Select)
        select.value = "review"
        await settle(pilot)
        assert all(w.disabled for w in fields)
        assert all(labels[name].disabled for name in ("Bank", "Tags", "Difficulty"))
        assert not labels["Round"].disabled and not home.query_one("#n").disabled
        # faded: a disabled label is drawn in another colour than an enabled one
        assert labels["Bank"].rich_style.color != labels["Round"].rich_style.color
        assert str(note.render()).startswith("2 questions due for review")

        home.query_one("#round", Select).value = "ml-theory"
        await settle(pilot)
        assert not any(w.disabled for w in fields)
        assert not labels["Bank"].disabled
        assert "questions in ML theory banks" in str(note.render())

        # Review again, and start it: the due questions are asked.
        select.value = "review"
        await settle(pilot)
        assert str(select.query_one("SelectCurrent #label", Static).render()) == "Review (2 due)"
        assert "2 questions due for review" in str(home.query_one("#start-note", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        handle = screen.handle
        assert handle.config.round == "review"
        assert set(handle.config.question_ids) == {"mlt-tui-overfit", "mlt-tui-leakage"}
        assert any("3 days ago" in m.text for m in handle.transcript)


async def test_a_remembered_review_round_opens_with_the_filters_off_and_the_next_due_time(
        make_app: Callable[[], InterviewApp], settings: Settings) -> None:
    from interview.service.library import UiPrefs, save_prefs

    svc = Service(settings, scorer=FakeScorer())  # answered just now: due tomorrow
    h = svc.start_session(SessionConfig(question_ids=("mlt-tui-overfit",), max_followups=0))
    h.start()
    h.submit("I am not sure.")
    h.next()
    assert h.finished
    svc.close()
    save_prefs(settings, UiPrefs(round="review"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert home.query_one("#round", Select).value == "review"
        assert all(home.query_one(f"#{id}").disabled for id in ("bank", "tags", "difficulty"))
        note = str(home.query_one("#start-note", Static).render())
        assert note.startswith("nothing due — next due in "), note


def test_the_review_count_line_says_what_is_due_or_when_next() -> None:
    from datetime import UTC, datetime, timedelta

    from interview.service.overview import ReviewFigures
    from interview.tui.screens.home_review import review_note

    now = datetime(2026, 5, 1, 12, tzinfo=UTC)
    assert review_note(ReviewFigures(due=3, scheduled=5, next_due=now), now).startswith(
        "3 questions due for review")
    later = ReviewFigures(due=0, scheduled=2, next_due=now + timedelta(days=2, hours=1))
    assert review_note(later, now) == "nothing due — next due in 2 days"
    assert review_note(ReviewFigures(due=0, scheduled=0), now) == (
        "nothing due — questions you answer join the review queue")

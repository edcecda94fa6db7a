"""`interview practice` in a terminal opens the app on that session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from interview.config import Settings
from interview.service import SessionConfig
from interview.tui.practice import PracticeApp
from interview.tui.screens.interview import InterviewScreen

from .conftest import FIXTURE_BANKS, SIZE, settle


async def test_the_app_opens_on_the_practice_session(settings: Settings) -> None:
    config = SessionConfig(round="ml-theory", n=1, seed=3, question_ids=("mlt-tui-overfit",))
    app = PracticeApp(settings, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.state.question is not None
        assert app.screen.state.question.id == "mlt-tui-overfit"


def test_practice_in_a_terminal_launches_the_app(monkeypatch: pytest.MonkeyPatch,
                                                 data_dir: Path) -> None:
    from interview.cli import cli

    seen: list[Any] = []
    monkeypatch.setattr("interview.tui.practice.run_practice",
                        lambda settings, *, config, resume: seen.append((config, resume)))
    monkeypatch.setattr("interview.cli.session_cmds.in_terminal", lambda: True)
    runner = CliRunner()
    result = runner.invoke(cli, ["--banks", str(FIXTURE_BANKS), "practice", "-n", "1",
                                 "--seed", "2"])
    assert result.exit_code == 0, result.output
    [(config, resume)] = seen
    assert resume is None and config.round == "ml-theory" and config.n == 1
    bad = runner.invoke(cli, ["--banks", str(FIXTURE_BANKS), "practice", "--round", "ml-thoery"])
    assert bad.exit_code == 2 and "did you mean 'ml-theory'" in bad.output


async def test_resuming_a_session_with_every_answer_given_shows_its_summary(
        settings: Settings) -> None:
    from interview.service import Service
    from interview.tui.screens.summary import SummaryScreen
    from tests.fakes import FakeScorer

    svc = Service(settings, scorer=FakeScorer())
    h = svc.start_session(SessionConfig(question_ids=("mlt-tui-overfit",), max_followups=0))
    h.start()
    h.submit("The validation error rises; use dropout and more data.")
    h.pause()  # paused on the feedback of the last question
    svc.close()
    app = PracticeApp(settings, resume=h.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.finished and app.screen.summary.answered == 1

"""History with many sessions: it says "loading…" until the data is in, then sorts and
filters by reordering rows (no rebuild); the home screen's figures come from a snapshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from interview.config import Settings
from interview.service.overview import read_snapshot
from interview.tui.app import build_app
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.home import HomeScreen
from interview.tui.widgets.round_row import RoundRow
from interview.tui.widgets.session_table import SessionTable

from .conftest import SIZE, settle

# The modules that use ``history_db`` run on one xdist worker: it builds the databases
# while the other worker runs other tests, instead of both waiting for the first build.
pytestmark = pytest.mark.xdist_group("history-db")


@pytest.fixture(scope="module")
def many_sessions(history_db: Callable[..., str]) -> str:
    return history_db(sessions=400, users=["tester"])


@pytest.fixture
def settings(many_sessions: str, data_dir: Path) -> Settings:
    return Settings.build(data_dir=data_dir, db_url=many_sessions, shipped_banks=False)


async def test_history_loads_sorts_and_filters(settings: Settings) -> None:
    app = build_app(settings, live_clock=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        if not screen.loaded:
            assert "loading" in str(screen.query_one("#history-empty").render())
        await settle(pilot)
        table = screen.query_one("#sessions", SessionTable)
        assert table.row_count == 400
        rows_before = table.rows
        assert table.get_row_at(0)[0] == "400"  # newest first
        screen.sort_column, screen.sort_reverse = "score", True
        screen._fill_table()
        scores = [float(table.get_row_at(i)[4]) for i in range(table.row_count)
                  if table.get_row_at(i)[4] not in ("–", "-", "—")]
        assert scores == sorted(scores, reverse=True)
        assert table.rows is rows_before  # reordered, not rebuilt
        await pilot.press("slash", *"unfinished")
        await pilot.pause(0.4)  # the filter waits for typing to pause
        shown = [table.get_row_at(i)[6] for i in range(table.row_count)]
        assert 0 < len(shown) < 400 and set(shown) == {"unfinished"}
        await pilot.press("enter")
        assert table.has_focus


async def test_home_paints_last_figures_at_once(settings: Settings,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app = build_app(settings, live_clock=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        live = str(app.screen.query_one("#round-ml-theory", RoundRow).render())
    assert "last" in live and read_snapshot(settings) is not None
    monkeypatch.setattr(HomeScreen, "load", lambda self: None)  # no loaders at all
    app = build_app(settings, live_clock=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert str(screen.query_one("#round-ml-theory", RoundRow).render()) == live
        assert "loading" not in str(screen.query_one("#resume-note").render())

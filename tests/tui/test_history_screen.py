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
def many_sessions(history_db: Callable[..., str], tmp_path_factory: pytest.TempPathFactory
                  ) -> str:
    """400 sessions with their review queue built, so that no test's Home rebuilds it in the
    background (a write after Home's snapshot, which would make the snapshot stale)."""
    from interview.service import Service

    url = history_db(sessions=400, users=["tester"])
    data = tmp_path_factory.mktemp("queue-data")
    svc = Service(Settings.build(data_dir=data, db_url=url, user="tester",
                                 shipped_banks=False))
    svc.reviews().ensure()
    svc.close()  # now, not whenever it is collected: its last close rewrites the file
    return url


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
    # The first app stays referenced, as a quitting process leaves its connections (it
    # exits without closing them): closing the last one would checkpoint the write-ahead
    # log into the file, a change of the files the snapshot is keyed on.
    first = app
    app = build_app(settings, live_clock=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert str(screen.query_one("#round-ml-theory", RoundRow).render()) == live
        assert "loading" not in str(screen.query_one("#resume-note").render())
    del first  # only now


async def test_the_newest_page_shows_first_then_the_rest(settings: Settings,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from interview.service import Service, history_table
    from interview.tui.screens.history import FIRST_PAGE, HistoryLoaded

    limits: list[int | None] = []
    real = history_table.history_rows

    def history_rows(svc: Service, **kwargs: object) -> object:
        limits.append(kwargs.get("limit"))  # type: ignore[arg-type]
        return real(svc, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(history_table, "history_rows", history_rows)
    app = build_app(settings, live_clock=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        limits.clear()
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.loaded
        assert limits == [FIRST_PAGE, None]  # one small query, then the rest in one go
        table = screen.query_one("#sessions", SessionTable)
        assert table.row_count == 400
        # While only the first page is in, it is shown and the rest announced.
        first = list(screen.data.rows[:FIRST_PAGE])
        screen.on_history_loaded(HistoryLoaded(first, complete=False))
        assert table.row_count == FIRST_PAGE and not screen.loaded
        assert "loading the rest" in str(screen.query_one("#history-empty").render())


async def test_home_builds_its_form_only_while_shown(settings: Settings) -> None:
    from interview.tui.screens.home_form import FormDataLoaded, StartPanel

    app = build_app(settings, live_clock=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        panel = home.query_one(StartPanel)
        assert panel.ready and panel.options is not None
        options = panel.options
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        # Form data that arrives while History is shown waits for Home.
        from interview.service.library import load_prefs

        panel.post_message(FormDataLoaded(options, load_prefs(settings)))
        await settle(pilot)
        assert panel._waiting is not None
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen is home and panel._waiting is None and panel.ready


async def test_history_at_once_leaves_home_to_load_when_shown_again(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """F2 before Home's loaders start: History has the CPU to itself, and Home mounts the
    rest of its screen and loads its form, then the banks, once it is shown again (it used
    to wait for good)."""
    import interview.tui.app as tui_app
    from interview.service import Service
    from interview.tui.screens.home_form import CATALOG_DELAY, StartPanel

    monkeypatch.setattr(tui_app, "FIRST_FRAME_GRACE", 0.3)
    catalogs: list[str] = []
    real = Service.catalog

    def catalog(self: Service) -> object:
        catalogs.append("catalog")
        return real(self)

    monkeypatch.setattr(Service, "catalog", catalog)
    app = build_app(settings, live_clock=False)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("f2")
        await pilot.pause(0.5)  # the loaders' time comes while History is shown
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.loaded
        assert not home.query(StartPanel) and not catalogs  # the rest of Home waits too
        await pilot.press("f4")
        await settle(pilot)
        panel = home.query_one(StartPanel)
        assert app.screen is home and panel.ready
        await pilot.pause(CATALOG_DELAY + 0.2)
        await settle(pilot)
        assert catalogs == ["catalog"]  # the banks load once the user stays on Home

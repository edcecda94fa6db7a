"""Snapshots of each screen at a fixed size with deterministic data: a fixed seed, a clock that
stands still, stored dates pinned, no cursor blink and no ticking countdown.

Update them with `uv run pytest tests/tui/test_snapshots.py --snapshot-update` after looking
at the report.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea, Tree

from interview.config import Settings
from interview.service import Service, SessionConfig
from interview.tui.app import InterviewApp, build_app
from tests.fakes import FakeScorer

from .conftest import SIZE, fixed_clock, settle

pytestmark = pytest.mark.slow  # whole sessions, real processes or real terminals

Snap = Callable[..., bool]
PINNED = "2026-01-15 09:30:00"


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def app_for(settings: Settings) -> InterviewApp:
    return build_app(settings, clock=fixed_clock, live_clock=False, seed=1, scorer=FakeScorer())


def play_session(settings: Settings) -> int:
    """A finished two-question ML-theory session, played through the service."""
    svc = Service(settings, clock=fixed_clock, scorer=FakeScorer())
    handle = svc.start_session(SessionConfig(round="ml-theory", n=2, seed=1))
    handle.start()
    handle.submit("Data leakage is when information from the test set leaks into training.")
    if handle.phase == "follow-up":
        handle.submit("I would split before preprocessing.")
    handle.next()
    handle.hint()
    handle.submit("Validation error rises; use dropout, or add more layers.")
    if handle.phase == "follow-up":
        handle.skip()
    handle.next()
    session_id = handle.id
    svc.close()
    db = sqlite3.connect(settings.data_dir / "history.db")
    with db:
        db.execute("UPDATE sessions SET started_at = ?, updated_at = ?", (PINNED, PINNED))
        db.execute("UPDATE sessions SET finished_at = ? WHERE finished_at IS NOT NULL",
                   (PINNED,))
        db.execute("UPDATE review_cards SET due = ?, last_reviewed_at = ?", (PINNED, PINNED))
    db.close()
    return session_id


def steady(*steps: Callable[[Pilot[Any]], Awaitable[None]]
           ) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Settle, run the steps (settling after each), with cursors that do not blink: a
    blinking cursor is drawn or not depending on the moment of the screenshot, and a
    cursor stopped just before it may not have been redrawn yet."""
    def still_cursors(pilot: Pilot[Any]) -> None:
        for widget in pilot.app.screen.query("TextArea, Input"):
            if isinstance(widget, TextArea | Input) and widget.cursor_blink:
                widget.cursor_blink = False

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for step in steps:
            still_cursors(pilot)
            await step(pilot)
            await settle(pilot)
        still_cursors(pilot)
        await pilot.pause(0.1)  # a frame or more: whatever changed is drawn
        await pilot.pause()

    return run


def keys(*names: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def press(pilot: Pilot[Any]) -> None:
        await pilot.press(*names)

    return press


def type_answer(text: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def write(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one("#answer", TextArea).text = text
        await pilot.press("ctrl+s")

    return write


LEAKAGE = "Data leakage is when information from the test set leaks into training, um, early."


def test_home_empty(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady())


def test_home_with_history_at_80x24(snap_compare: Snap, settings: Settings) -> None:
    play_session(settings)
    assert snap_compare(app_for(settings), terminal_size=(80, 24), run_before=steady())


def test_interview_follow_up(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(
        keys("ctrl+s"), type_answer(LEAKAGE)))


def test_interview_at_80x24(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(app_for(settings), terminal_size=(80, 24), run_before=steady(
        keys("ctrl+s")))


def test_feedback(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(
        keys("ctrl+s"), type_answer(LEAKAGE), type_answer("Split before preprocessing.")))


def test_summary(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(
        keys("ctrl+s"), type_answer(LEAKAGE), type_answer("Split before preprocessing."),
        keys("enter"), keys("ctrl+n"), keys("enter")))


def test_history(snap_compare: Snap, settings: Settings) -> None:
    play_session(settings)
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(keys("f2")))


def test_replay(snap_compare: Snap, settings: Settings) -> None:
    play_session(settings)
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(
        keys("f2"), keys("enter"), keys("down", "down")))


async def _select_question(pilot: Pilot[Any]) -> None:
    """Select the question by its data, wherever the tree puts it."""
    tree: Tree[Any] = pilot.app.screen.query_one("#bank-tree", Tree)
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        if node.data == ("question", "mlt-tui-overfit"):
            tree.move_cursor(node)
            return
        stack.extend(node.children)


def test_banks(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(
        keys("f3"), _select_question))


async def _wait_for_debounce(pilot: Pilot[Any]) -> None:
    await pilot.pause(0.5)


def test_rubric_lab(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(
        keys("f3"), _select_question, keys("l"), keys("ctrl+e"), _wait_for_debounce))


async def _fixed_themes(pilot: Pilot[Any]) -> None:
    """Textual's built-in theme list changes between versions: show a fixed one."""
    from textual.widgets import OptionList
    from textual.widgets.option_list import Option

    themes = pilot.app.screen.query_one("#themes", OptionList)
    themes.clear_options()
    themes.add_options([Option(n, id=n) for n in ("textual-dark", "textual-light")])
    themes.highlighted = 0


def test_help(snap_compare: Snap, settings: Settings, data_dir: Path) -> None:
    assert snap_compare(app_for(settings), terminal_size=SIZE, run_before=steady(
        keys("f1"), _fixed_themes))

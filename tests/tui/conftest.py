"""Fixtures for the TUI tests: a small bank of our own, a fixed clock, no ticking timers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from interview.config import Settings
from interview.tui.app import InterviewApp, build_app
from tests.fakes import FakeScorer

FIXTURE_BANKS = Path(__file__).parent / "fixtures" / "banks"
SIZE = (120, 36)


def fixed_clock() -> float:
    """The engine's clock stands still: elapsed times are 0 and countdowns show the limit."""
    return 1000.0


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return Settings.build(data_dir=data_dir, banks=[str(FIXTURE_BANKS)], shipped_banks=False)


@pytest.fixture
def make_app(settings: Settings) -> Callable[[], InterviewApp]:
    def make() -> InterviewApp:
        return build_app(settings, clock=fixed_clock, live_clock=False, seed=1,
                         scorer=FakeScorer())

    return make


def stored_session(app: InterviewApp, *answers: str) -> int:
    """An ML-theory practice session answered and finished through the service (one
    question per answer, no follow-ups), as if played earlier; returns its id."""
    from interview.service import Service, SessionConfig

    svc = Service(app.settings, clock=fixed_clock, scorer=FakeScorer())
    h = svc.start_session(SessionConfig(round="ml-theory", n=len(answers), seed=1,
                                        max_followups=0))
    h.start()
    for text in answers:
        h.submit(text)
        h.next()
    svc.close()
    return h.id


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages land."""
    app = pilot.app
    for _ in range(4):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


SettleFn = Callable[[Pilot[None]], Awaitable[None]]

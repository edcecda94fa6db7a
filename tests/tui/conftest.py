"""Fixtures for the TUI tests: a small bank of our own, a fixed clock, no ticking timers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerState

from interview.config import Settings
from interview.tui.app import InterviewApp, build_app
from tests.fakes import FakeScorer

FIXTURE_BANKS = Path(__file__).parent / "fixtures" / "banks"
SIZE = (120, 36)


@pytest.fixture(autouse=True, scope="session")
def _stylesheets_parsed_once_per_process() -> Iterator[None]:
    """Each new App parses every stylesheet it uses again (Textual keeps its parse cache on
    the App's Stylesheet), about a tenth of a Pilot test's CPU. The tests start an App per
    test, so the rule sets parsed from the same CSS text, location, scope and variable
    values are kept for the whole test process. Our .tcss files are still parsed (a syntax
    error still fails), and a theme's variables are part of the key."""
    import textual.css.stylesheet as stylesheet

    real = stylesheet.parse
    parsed: dict[tuple[Any, ...], list[Any]] = {}
    variables: dict[int, tuple[object, tuple[Any, ...]]] = {}

    def variables_key(tokens: dict[str, list[Any]] | None) -> tuple[Any, ...]:
        if tokens is None:
            return ()
        seen = variables.get(id(tokens))
        if seen is None or seen[0] is not tokens:
            key = tuple((name, tuple((t.name, t.value) for t in value))
                        for name, value in sorted(tokens.items()))
            seen = variables[id(tokens)] = (tokens, key)  # kept alive: its id stays unique
        return seen[1]

    def parse(scope: str, css: str, read_from: Any, variables: Any = None,
              variable_tokens: dict[str, list[Any]] | None = None,
              is_default_rules: bool = False, tie_breaker: int = 0) -> Iterable[Any]:
        if variables is not None:  # not how Stylesheet calls it: no caching
            return real(scope, css, read_from, variables, variable_tokens,
                        is_default_rules, tie_breaker)
        key = (scope, css, read_from, is_default_rules, tie_breaker,
               variables_key(variable_tokens))
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = list(real(scope, css, read_from,
                                            variable_tokens=variable_tokens,
                                            is_default_rules=is_default_rules,
                                            tie_breaker=tie_breaker))
        return iter(rules)

    stylesheet.parse = parse  # type: ignore[assignment]
    try:
        yield
    finally:
        stylesheet.parse = real


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
    """Let the start finish (the app's loaders start on a timer just after the first frame),
    then workers finish and their messages land: up to four generations of workers (a
    worker's result may start another), and no further wait once a pause leaves none
    running (each pause waits for the app to go idle, 20 ms at the least)."""
    app = pilot.app
    for _ in range(200):  # 2 s at the most
        if getattr(app, "started", True):
            break
        await pilot.pause(0.01)
    for _ in range(4):
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            break
        await app.workers.wait_for_complete()
    await pilot.pause()


SettleFn = Callable[[Pilot[None]], Awaitable[None]]

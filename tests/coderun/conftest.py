"""Helpers for the code-runner tests: small questions and tight limits so every run is fast."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import Any

import pytest

from interview.banks.models import Question
from interview.coderun import Limits, isolation
from interview.coderun import runner as runner_mod
from interview.coderun.sandbox import ChildRun, pids_of_uid

# Tight limits: each contained case must end within about FAST.run_seconds(n) seconds.
FAST = Limits(per_test_seconds=1.0, wall_seconds=3.0, memory_mb=256, grace_seconds=0.5)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(params=["bwrap", "fallback"])
def kind(request: pytest.FixtureRequest) -> str:
    """Each sandbox kind the test should hold under; bwrap is skipped where it cannot run."""
    if request.param == "bwrap" and (problem := isolation.bwrap_problem()) is not None:
        pytest.skip(f"bubblewrap cannot run here: {problem}")
    return str(request.param)


def fast(kind: str) -> Limits:
    """FAST limits on the given sandbox kind."""
    return dataclasses.replace(FAST, sandbox=kind)


def make_question(tests: list[dict[str, Any]] | None = None, entrypoint: str = "add",
                  **extra: Any) -> Question:
    if tests is None:
        tests = [
            {"name": "small", "args": [1, 2], "expect": 3},
            {"name": "negatives", "args": [-5, 2], "expect": -3},
            {"name": "zeros", "args": [0, 0], "expect": 0, "hidden": True},
        ]
    return Question(id="cs-add", prompt="Add two numbers.", model_answer="Return a + b.",
                    entrypoint=entrypoint, tests=tests, **extra)


@pytest.fixture
def question() -> Question:
    return make_question()


@pytest.fixture
def child_runs(monkeypatch: pytest.MonkeyPatch) -> list[ChildRun]:
    """Records every ChildRun, to check what was left behind (the sandbox uid's processes)."""
    runs: list[ChildRun] = []
    real: Callable[..., ChildRun] = runner_mod.run_child

    def spy(*args: Any, **kwargs: Any) -> ChildRun:
        run = real(*args, **kwargs)
        runs.append(run)
        return run

    monkeypatch.setattr(runner_mod, "run_child", spy)
    return runs


def assert_nothing_left(runs: list[ChildRun]) -> None:
    """No process of a run survives it: not its pid namespace (bubblewrap), not a process of
    its private sandbox uid (root)."""
    assert runs, "no run was recorded"
    for run in runs:
        assert run.leftover == []
        if run.sandbox_uid is not None and run.sandbox_uid != 65534:
            assert pids_of_uid(run.sandbox_uid) == []

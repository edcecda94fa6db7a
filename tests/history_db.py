"""Large history databases (benchmarks/history_fixture.build_history) for the tests.

Building one scores calibration examples of the shipped library with the real scorer; all of
them (as the benchmarks do) would take about 10 s of CPU, so the tests score
``ANSWERS_PER_QUESTION`` of each question's examples (every question, every round, several
bands still appear). The bulk insert after it is cheap. The scored examples are computed once
per test run (shared by all xdist workers, as JSON), each database is built once per run, and
every test module gets its own copy of the file.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from benchmarks import history_fixture
from tests.shared import build_once, json_once

ANSWERS_PER_QUESTION = 2


def _cached_prepare(tmp_path_factory: pytest.TempPathFactory) -> Any:
    real = history_fixture._prepare

    def prepare(seed: int, answers_per_question: int | None = None
                ) -> tuple[list[dict[str, Any]], dict[str, list[Any]]]:
        def compute() -> Any:
            snapshots, by_round = real(seed, answers_per_question)
            return [snapshots, {r: [dataclasses.asdict(p) for p in ps]
                                for r, ps in by_round.items()}]

        snapshots, by_round = json_once(
            tmp_path_factory, f"history-prepared-{seed}-{answers_per_question}.json", compute)
        return snapshots, {
            r: [history_fixture.Prepared(**{**p, "answers": [history_fixture.Scored(**s)
                                                             for s in p["answers"]]})
                for p in ps]
            for r, ps in by_round.items()}

    return prepare


def history_copy(tmp_path_factory: pytest.TempPathFactory, *, sessions: int,
                 users: Sequence[str], seed: int = 7) -> str:
    """The SQLAlchemy URL of a private copy of ``build_history(sessions, users, seed)``."""
    name = f"history-{sessions}-{'+'.join(users)}-{seed}"

    def build(folder: Path) -> None:
        folder.mkdir()
        with mock.patch.object(history_fixture, "_prepare", _cached_prepare(tmp_path_factory)):
            history_fixture.build_history(f"sqlite:///{folder / 'history.db'}",
                                          sessions=sessions, users=list(users), seed=seed,
                                          answers_per_question=ANSWERS_PER_QUESTION)

    template = build_once(tmp_path_factory, name, build) / "history.db"
    copy = tmp_path_factory.mktemp("history") / "history.db"
    shutil.copy2(template, copy)
    return f"sqlite:///{copy}"

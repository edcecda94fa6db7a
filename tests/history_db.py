"""Large history databases (benchmarks/history_fixture.build_history) for the tests.

Building one compiles rubrics and scores calibration examples of the shipped library with the
real scorer; the whole library (as the benchmarks use it) would take about 10 s of CPU, so the
tests draw on ``QUESTIONS_PER_ROUND`` questions of every round and score
``ANSWERS_PER_QUESTION`` examples of each (several bands still appear). The bulk insert after
it is cheap. The scored examples are computed once
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

QUESTIONS_PER_ROUND = 8
ANSWERS_PER_QUESTION = 3


def _cached_prepare(tmp_path_factory: pytest.TempPathFactory) -> Any:
    real = history_fixture._prepare

    def prepare(seed: int, answers_per_question: int | None = None,
                questions_per_round: int | None = None
                ) -> tuple[list[dict[str, Any]], dict[str, list[Any]]]:
        def compute() -> Any:
            snapshots, by_round = real(seed, answers_per_question, questions_per_round)
            return [snapshots, {r: [dataclasses.asdict(p) for p in ps]
                                for r, ps in by_round.items()}]

        name = f"history-prepared-{seed}-{answers_per_question}-{questions_per_round}.json"
        snapshots, by_round = json_once(tmp_path_factory, name, compute)
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
                                          answers_per_question=ANSWERS_PER_QUESTION,
                                          questions_per_round=QUESTIONS_PER_ROUND)

    template = build_once(tmp_path_factory, name, build) / "history.db"
    copy = tmp_path_factory.mktemp("history") / "history.db"
    shutil.copy2(template, copy)
    return f"sqlite:///{copy}"


def fill_history(tmp_path_factory: pytest.TempPathFactory, url: str, *, sessions: int,
                 users: Sequence[str], seed: int = 7) -> None:
    """``build_history`` into the database at ``url`` (a PostgreSQL one, say), with the
    answers scored once per test run as for ``history_copy``."""
    with mock.patch.object(history_fixture, "_prepare", _cached_prepare(tmp_path_factory)):
        history_fixture.build_history(url, sessions=sessions, users=list(users), seed=seed,
                                      answers_per_question=ANSWERS_PER_QUESTION,
                                      questions_per_round=QUESTIONS_PER_ROUND)

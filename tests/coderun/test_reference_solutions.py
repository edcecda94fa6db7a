"""The shipped coding questions' test cases are right: each reference solution passes all of
them, visible and hidden. Reference solutions live in tests/coderun/solutions/<question id>.py (.sql for SQL questions).

All questions run at once in a small thread pool; each runs in one child process.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest

from interview.banks import Catalog, QuestionRef, load_catalog
from interview.coderun import run_tests
from interview.paths import shipped_dir
from interview.scoring.report import TestSummary

# One worker runs the whole module, so that ``summaries`` (every reference solution in the
# sandbox) is computed once per run, not once per pytest-xdist worker.
pytestmark = pytest.mark.xdist_group("reference-solutions")

SOLUTIONS = Path(__file__).with_name("solutions")
MINIMUM_QUESTIONS_WITH_TESTS = 20


@cache
def catalog() -> Catalog:
    return load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")],
                        examples_warning=False)


def with_tests() -> list[QuestionRef]:
    return [r for r in catalog().by_round("coding-screen") if r.question.tests]


def solution_ids() -> list[str]:
    """The questions that have a reference solution file. The tests are parametrized by them,
    not by the catalog, so that collecting this module parses no bank (each xdist worker
    collects every module; the catalog is loaded once, by the worker that runs them)."""
    return sorted(p.stem for p in SOLUTIONS.iterdir() if p.suffix in {".py", ".sql"})


def solution_path(ref: QuestionRef) -> Path:
    """tests/coderun/solutions/<id>.py, or <id>.sql for an SQL question."""
    return SOLUTIONS / f"{ref.id}.{'sql' if ref.question.language == 'sql' else 'py'}"


@pytest.fixture(scope="module")
def summaries() -> dict[str, TestSummary | None]:
    def one(ref: QuestionRef) -> tuple[str, TestSummary | None]:
        path = solution_path(ref)
        if not path.is_file():
            return ref.id, None
        return ref.id, run_tests(path.read_text(encoding="utf-8"), ref.question)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(one, with_tests()))


def test_enough_coding_questions_carry_visible_and_hidden_tests() -> None:
    both = [r.id for r in with_tests()
            if any(t.hidden for t in r.question.tests)
            and any(not t.hidden for t in r.question.tests)]
    assert len(both) >= MINIMUM_QUESTIONS_WITH_TESTS, both


def test_every_solution_file_belongs_to_a_question_with_tests() -> None:
    ids = {r.id for r in with_tests()}
    orphans = sorted(p.name for p in SOLUTIONS.iterdir()
                     if p.suffix in {".py", ".sql"} and p.stem not in ids)
    assert orphans == []


def test_every_question_with_tests_has_a_reference_solution() -> None:
    missing = [f"no reference solution: add {SOLUTIONS.name}/{solution_path(r).name}"
               for r in with_tests() if not solution_path(r).is_file()]
    assert missing == []


@pytest.mark.parametrize("qid", solution_ids())
def test_reference_solution_passes_every_test(qid: str,
                                              summaries: dict[str, TestSummary | None]) -> None:
    assert qid in summaries, f"{qid} has a solution file but is no question with tests"
    summary = summaries[qid]
    path = solution_path(catalog().question(qid))
    assert summary is not None, f"no reference solution: add {SOLUTIONS.name}/{path.name}"
    failures = [f"#{r.index} {r.status}: {r.args} expected {r.expected} got {r.got} {r.error}"
                for r in summary.results if r.status != "passed"]
    assert summary.outcome == "ok", summary.notice
    assert failures == []
    assert summary.passed == summary.total == len(catalog().question(qid).question.tests)

"""The shipped coding questions' test cases are right: each reference solution passes all of
them, visible and hidden. Reference solutions live in tests/coderun/solutions/<question id>.py.

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

SOLUTIONS = Path(__file__).with_name("solutions")
MINIMUM_QUESTIONS_WITH_TESTS = 20


@cache
def catalog() -> Catalog:
    return load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")],
                        examples_warning=False)


def with_tests() -> list[QuestionRef]:
    return [r for r in catalog().by_round("coding-screen") if r.question.tests]


@pytest.fixture(scope="module")
def summaries() -> dict[str, TestSummary | None]:
    def one(ref: QuestionRef) -> tuple[str, TestSummary | None]:
        path = SOLUTIONS / f"{ref.id}.py"
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
    orphans = sorted(p.stem for p in SOLUTIONS.glob("*.py") if p.stem not in ids)
    assert orphans == []


@pytest.mark.parametrize("qid", [r.id for r in with_tests()])
def test_reference_solution_passes_every_test(qid: str,
                                              summaries: dict[str, TestSummary | None]) -> None:
    summary = summaries[qid]
    assert summary is not None, f"no reference solution: add {SOLUTIONS.name}/{qid}.py"
    failures = [f"#{r.index} {r.status}: {r.args} expected {r.expected} got {r.got} {r.error}"
                for r in summary.results if r.status != "passed"]
    assert summary.outcome == "ok", summary.notice
    assert failures == []
    assert summary.passed == summary.total == len(catalog().question(qid).question.tests)

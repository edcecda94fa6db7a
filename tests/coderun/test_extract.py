"""Answers that mix prose and code: the code part is found and run, line numbers kept."""

from __future__ import annotations

import textwrap

from interview.banks.models import Question
from interview.coderun import run_tests
from interview.coderun.extract import code_candidates, code_region, fenced_code

from .conftest import FAST

PROSE_AND_CODE = textwrap.dedent("""\
    I keep a running total: one pass, O(1) space.

    def add(a, b):
        total = a
        total += b
        return total

    Edge cases: negatives and zero work the same way.
    """)

FENCED = textwrap.dedent("""\
    My approach is a single addition.

    ```python
    def add(a, b):
        return a + b
    ```

    ```text
    not code
    ```
    Complexity: O(1).
    """)


def test_fenced_blocks_keep_their_line_numbers() -> None:
    code = fenced_code(FENCED)
    assert code is not None
    lines = code.splitlines()
    assert lines[3] == "def add(a, b):"
    assert "not code" not in code and "approach" not in code


def test_no_fence_means_no_fenced_code() -> None:
    assert fenced_code("def f():\n    return 1\n") is None


def test_code_region_blanks_the_prose() -> None:
    region = code_region(PROSE_AND_CODE)
    assert region is not None
    assert region.splitlines()[2:6] == ["def add(a, b):", "    total = a", "    total += b",
                                        "    return total"]
    assert "Edge cases" not in region and "running total" not in region


def test_plain_code_is_tried_as_it_is_first() -> None:
    assert code_candidates("def f():\n    return 1\n") == ["def f():\n    return 1\n"]
    assert len(code_candidates(PROSE_AND_CODE)) == 2


def test_runner_runs_the_code_part_of_a_mixed_answer(question: Question) -> None:
    for answer in (PROSE_AND_CODE, FENCED):
        summary = run_tests(answer, question, limits=FAST)
        assert summary.passed == 3, summary


def test_error_lines_match_the_answer(question: Question) -> None:
    answer = PROSE_AND_CODE.replace("total += b", "total += b / 0")
    summary = run_tests(answer, question, limits=FAST)
    assert summary.results[0].error == "ZeroDivisionError: division by zero (line 5)"
    assert summary.notice == "Ran the code part of your answer; the text around it was left out."


def test_prose_only_answer_is_a_syntax_error_with_advice(question: Question) -> None:
    summary = run_tests("I would use a hash map.\n\ndef add(a, b) return a+b\n", question,
                        limits=FAST)
    assert summary.outcome == "syntax_error"
    assert summary.notice.endswith("put the code in a ```python fenced block.")

"""`interview score QUESTION --answer-file solution.py --json` runs the tests and reports them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.coderun.render import summary_lines
from interview.scoring.report import TestResult, TestSummary

# The test's bank only: the shipped library plays no part here, and with it each test's new
# bank path would mean a cold parse of the whole library.
pytestmark = pytest.mark.usefixtures("no_shipped_banks")

BANK = textwrap.dedent("""\
    bank: code
    round: coding-screen
    questions:
      - id: cs-add
        prompt: Write add(a, b).
        model_answer: I return a plus b; constant time and space; test negatives and zero.
        entrypoint: add
        tests:
          - {name: small, args: [1, 2], expect: 3}
          - {args: [-1, 1], expect: 0, hidden: true}
    """)


def score(tmp_path: Path, code: str) -> dict:
    bank = tmp_path / "code.yaml"
    bank.write_text(BANK, encoding="utf-8")
    answer = tmp_path / "solution.py"
    answer.write_text(code, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", "cs-add", "--bank", str(bank),
                                      "--answer-file", str(answer), "--json"])
    assert result.exit_code == 0, result.output
    data: dict = json.loads(result.output)
    return data


def test_json_includes_test_results(tmp_path: Path) -> None:
    data = score(tmp_path, "def add(a, b):\n    return a + b\n")
    tests = data["tests"]
    assert (tests["passed"], tests["total"]) == (2, 2)
    assert tests["results"][0]["args"] == "add(1, 2)"
    assert tests["results"][1]["hidden"] is True
    assert data["test_weight"] == 0.6
    assert data["score"] == round(0.4 * data["rubric_score"] + 60, 1)


def test_json_shows_a_failure_and_a_runaway(tmp_path: Path) -> None:
    data = score(tmp_path, "def add(a, b):\n    return a * b\n")
    first = data["tests"]["results"][0]
    assert (first["status"], first["expected"], first["got"]) == ("failed", "3", "2")
    data = score(tmp_path, "def add(a, b)\n    return a\n")
    assert data["tests"]["passed"] == 0
    assert data["tests"]["outcome"] == "syntax_error"


def test_summary_lines_show_the_table() -> None:
    summary = TestSummary(passed=1, total=3, hidden_total=1, notice="A note.", stdout="hi\n", results=[
        TestResult(index=1, status="passed", name="small", args="add(1, 2)", expected="3", got="3"),
        TestResult(index=2, status="failed", args="add(2, 2)", expected="4", got="0"),
        TestResult(index=3, status="timeout", hidden=True),
    ])
    assert summary_lines(summary) == [
        "Tests: 1/3 passed (0/1 hidden)",
        "  A note.",
        "  ✓ #1 small: add(1, 2)",
        "  ✗ #2 add(2, 2)",
        "      expected 4",
        "      got      0",
        "  ⏱ #3 hidden test: timeout",
        "  Printed output:",
        "    hi",
    ]

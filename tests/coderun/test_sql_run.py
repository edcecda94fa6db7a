"""SQL questions: the candidate's query runs on the fixture database in the sandbox, read-only;
the parent compares the rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview.banks import load_catalog
from interview.banks.models import Question
from interview.coderun import run_tests
from interview.coderun import runner as runner_mod
from interview.coderun.extract import sql_query
from interview.scoring.report import TestSummary

from .conftest import FAST

BANK = Path(__file__).with_name("fixtures") / "sql_bank.yaml"
GOOD = """\
SELECT customer, SUM(amount) AS total
FROM orders
GROUP BY customer
HAVING SUM(amount) > 100
ORDER BY total DESC;
"""


@pytest.fixture(scope="module")
def question() -> Question:
    cat = load_catalog([BANK], examples_warning=False)
    assert cat.errors == []
    return cat.question("cs-sql-top-customers").question


def run(answer: str, question: Question) -> TestSummary:
    return run_tests(answer, question, limits=FAST)


def test_a_correct_query_passes_every_test(question: Question) -> None:
    summary = run(GOOD, question)
    assert (summary.outcome, summary.passed, summary.total) == ("ok", 4, 4), summary
    assert summary.results[0].args == "your query on the fixture"
    assert summary.results[0].got == "[['cy', 150.0], ['ana', 120.5]]"
    assert summary.results[1].args.startswith("your query on the fixture after: DELETE FROM")


def test_query_in_a_fence_with_an_explanation_around_it(question: Question) -> None:
    answer = ("I group by customer and filter with HAVING.\n\n```sql\n" + GOOD + "```\n\n"
              "SUM ignores NULL amounts, so cancelled orders add nothing.\n")
    assert run(answer, question).passed == 4


def test_query_without_a_fence_is_found_in_the_prose(question: Question) -> None:
    answer = "Select the groups with HAVING:\n\n" + GOOD + "\nWith this, NULLs are skipped.\n"
    assert sql_query(answer) == GOOD.strip()
    assert run(answer, question).passed == 4


def test_hard_coded_rows_fail_the_hidden_tests(question: Question) -> None:
    summary = run("SELECT 'cy', 150.0 UNION ALL SELECT 'ana', 120.5", question)
    assert [r.status for r in summary.results] == ["passed", "failed", "failed", "failed"]


def test_wrong_order_fails_an_ordered_test_only(question: Question) -> None:
    summary = run(GOOD.replace("DESC", "ASC"), question)
    assert [r.status for r in summary.results] == ["failed", "passed", "failed", "passed"]
    first = summary.results[0]
    assert (first.expected, first.got) == ("[['cy', 150.0], ['ana', 120.5]]",
                                           "[['ana', 120.5], ['cy', 150.0]]")


def test_floats_compare_with_a_tolerance_and_column_names_do_not_matter(
        question: Question) -> None:
    query = GOOD.replace("SUM(amount) AS total", "SUM(amount) + 1e-12 AS anything").replace(
        "ORDER BY total", "ORDER BY anything")
    assert run(query, question).passed == 4


def test_a_syntax_error_is_shown_per_test(question: Question) -> None:
    summary = run("SELECT customer FORM orders", question)
    assert summary.passed == 0
    assert summary.results[0].status == "error"
    assert "syntax error" in summary.results[0].error


@pytest.mark.parametrize(("query", "why"), [
    ("DELETE FROM orders", "starts with DELETE"),
    ("INSERT INTO orders VALUES (9, 'x', 1, 'd')", "starts with INSERT"),
    ("SELECT 1; DROP TABLE orders", "more than one"),
    ("ATTACH DATABASE '/tmp/x.db' AS x", "starts with ATTACH"),
    ("PRAGMA query_only = OFF", "starts with PRAGMA"),
    ("WITH x AS (SELECT 1) DELETE FROM orders", "delete rows"),
    ("SELECT load_extension('/tmp/evil.so')", "load_extension"),
    ("-- a comment\nUPDATE orders SET amount = 0", "starts with UPDATE"),
])
def test_anything_but_one_read_only_query_is_refused(question: Question, query: str,
                                                     why: str) -> None:
    summary = run(query, question)
    assert summary.outcome == "refused", summary.notice
    assert why in summary.notice
    assert summary.passed == 0 and summary.total == 4
    assert {r.status for r in summary.results} == {"error"}


def test_a_query_that_never_ends_times_out(question: Question) -> None:
    summary = run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                  "SELECT count(*) FROM n", question)
    assert summary.outcome == "timeout"
    assert summary.results[0].status == "timeout"
    assert summary.passed == 0


def test_too_many_rows_is_an_error(question: Question) -> None:
    summary = run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                  "WHERE i < 2000000) SELECT i, 'padding padding padding' FROM n", question)
    assert summary.passed == 0
    assert summary.results[0].status in {"error", "timeout"}


def test_no_query_in_the_answer(question: Question) -> None:
    summary = run("I would group the orders by customer.", question)
    assert summary.outcome == "no_code"
    assert summary.passed == 0 and summary.total == 4


def test_expected_rows_never_reach_the_child(question: Question,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    jobs: list[str] = []
    real = runner_mod.run_child

    def spy(job: dict, *args: object, **kwargs: object) -> object:
        jobs.append(json.dumps(job))
        return real(job, *args, **kwargs)

    monkeypatch.setattr(runner_mod, "run_child", spy)
    assert run(GOOD, question).passed == 4
    assert "150.0" in question.sql_fixture  # the data is there...
    for marker in ("129", "120.5"):  # ...but no computed total is
        assert marker not in jobs[0]
    assert "expect" not in jobs[0]


def test_a_broken_fixture_is_reported_as_the_bank_s_problem(question: Question) -> None:
    broken = question.model_copy(update={"sql_fixture": "CREATE TABLE orders (;"})
    summary = run(GOOD, broken)
    assert summary.outcome == "fixture_error"
    assert "not in your answer" in summary.notice
    assert summary.passed == 0


def test_the_rubric_scores_the_explanation_not_the_query(question: Question) -> None:
    from interview.coderun.extract import sql_explanation
    from interview.engine.setup import PlannedQuestion
    from interview.scoring import rubric_for
    from interview.service.grader import Grader

    query_only = "```sql\n" + GOOD + "```\n"
    assert sql_explanation(query_only).strip() == ""
    answer = query_only + "\nSUM skips NULL amounts, so cancelled orders add nothing.\n"
    assert sql_explanation(answer).strip() == ("SUM skips NULL amounts, so cancelled orders add "
                                               "nothing.")
    planned = PlannedQuestion(question=question, round="coding-screen", bank="t",
                              time_limit=600, rubric=rubric_for(question))
    bare = Grader().score(planned, query_only, hint_penalty=0)
    explained = Grader().score(planned, answer, hint_penalty=0)
    assert bare.rubric_score == 0.0  # "HAVING" in the query itself earns nothing
    assert explained.rubric_score is not None and explained.rubric_score > 0
    assert bare.tests is not None and bare.tests.passed == 4

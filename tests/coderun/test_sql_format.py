"""The SQL question format: what validates, and FILE:LINE errors for what does not."""

from __future__ import annotations

import textwrap
from pathlib import Path

from interview.banks import load_catalog

HEAD = """\
bank: sqlbank
round: coding-screen
questions:
  - id: cs-sql
    prompt: Count the rows.
    model_answer: Use COUNT(*).
    language: sql
    sql_fixture: |
      CREATE TABLE t (x INTEGER);
      INSERT INTO t VALUES (1), (2);
"""


def diags(tmp_path: Path, body: str, head: str = HEAD) -> list[str]:
    path = tmp_path / "sql.yaml"
    path.write_text(head + textwrap.indent(textwrap.dedent(body).lstrip("\n"), "    "),
                    encoding="utf-8")
    cat = load_catalog([path], examples_warning=False)
    return [d.format().replace(str(path), "F") for d in cat.diagnostics]


def test_a_valid_sql_question_loads(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        tests:
          - {name: two rows, expect: [[2]]}
          - {hidden: true, setup: "DELETE FROM t;", ordered: true, expect: [[0]]}
    """)
    assert out == []
    cat = load_catalog([tmp_path / "sql.yaml"], examples_warning=False)
    q = cat.question("cs-sql").question
    assert (q.language, q.entrypoint, q.runs_tests) == ("sql", None, True)
    assert q.tests[1].setup == "DELETE FROM t;" and q.tests[1].ordered


def test_args_and_kwargs_on_sql_tests_are_errors_at_their_line(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        tests:
          - expect: [[2]]
            args: [1]
          - expect: [[2]]
            kwargs: {a: 1}
    """)
    assert out == [
        "F:13:9: 'args' is not allowed in an sql test: the test runs the candidate's query; "
        "vary the data with 'setup' instead",
        "F:15:9: 'kwargs' is not allowed in an sql test: the test runs the candidate's query; "
        "vary the data with 'setup' instead",
    ]


def test_expect_must_be_rows_of_scalars_of_one_width(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        tests:
          - expect: 3
          - expect: [[1, 2], [3]]
          - expect: [[1, [2]]]
          - expect: [5]
    """)
    assert out == [
        "F:12:17: an sql test's 'expect' must be a list of rows, each a list of values "
        "(write [] for no rows)",
        "F:13:26: row 2 of 'expect' has 1 values; the first row has 2",
        "F:14:22: a row holds a list; each value in a row must be a number, text, true/false "
        "or null",
        "F:15:18: row 1 of 'expect' must be a list of values, like [1, 'text', null]",
    ]


def test_missing_fixture_and_stray_entrypoint_are_errors(tmp_path: Path) -> None:
    head = HEAD.replace("    sql_fixture: |\n      CREATE TABLE t (x INTEGER);\n"
                        "      INSERT INTO t VALUES (1), (2);\n", "")
    out = diags(tmp_path, "tests: [{expect: []}]\n", head)
    assert out == ["F:4:5: an sql question needs an sql_fixture (CREATE TABLE and INSERT "
                   "statements that build its database)"]
    out = diags(tmp_path, "entrypoint: f\ntests: [{expect: []}]\n")
    assert out == ["F:4:5: an sql question has no entrypoint: the tests run the candidate's "
                   "query (remove 'entrypoint')"]
    out = diags(tmp_path, "tests: []\n")
    assert out == ["F:4:5: an sql question needs tests (the rows its query must return)"]


def test_setup_and_ordered_on_python_tests_are_errors(tmp_path: Path) -> None:
    head = HEAD.replace("    language: sql\n", "    entrypoint: f\n").split("    sql_fixture")[0]
    out = diags(tmp_path, """
        tests:
          - {args: [1], expect: 1, setup: "DELETE FROM t;", ordered: true}
    """, head)
    assert [o.split(": ", 1)[1] for o in out] == [
        "'setup' is only for sql questions (language: sql); a Python test calls the "
        "entrypoint with args and kwargs",
        "'ordered' is only for sql questions (language: sql); a Python test calls the "
        "entrypoint with args and kwargs",
    ]


def test_fixture_on_a_python_question_is_an_error(tmp_path: Path) -> None:
    head = HEAD.replace("    language: sql\n", "    entrypoint: f\n")
    out = diags(tmp_path, "tests: [{args: [1], expect: 1}]\n", head)
    assert out == ["F:4:5: sql_fixture is only for questions with language: sql"]

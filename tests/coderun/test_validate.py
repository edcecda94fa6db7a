"""Test cases in banks must be plain literals: tags and code-like strings are refused with
FILE:LINE:COL, through the catalog's checks."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interview.banks import load_catalog
from interview.banks.codetests import code_like

HEAD = """\
bank: code
round: coding-screen
questions:
  - id: cs-q
    prompt: Write f.
    model_answer: Return the thing.
    entrypoint: f
    tests:
"""


def diags(tmp_path: Path, tests: str) -> list[str]:
    path = tmp_path / "code.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(tests).lstrip("\n"), "      "),
                    encoding="utf-8")
    cat = load_catalog([path], examples_warning=False)
    return [d.format() for d in cat.diagnostics]


def test_plain_literals_are_fine(tmp_path: Path) -> None:
    assert diags(tmp_path, """
        - {args: [1, 2.5, "text", null, true, [1, [2]], {a: 1}], kwargs: {k: -1}, expect: {b: [c]}}
        - {args: ["lambda calculus is a topic", "evaluate the model"], expect: "import/export", hidden: true}
    """) == []


def test_python_tag_in_args_is_refused_with_its_position(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        - args: [!!python/object/apply:os.system [ls]]
          expect: 0
    """)
    path = tmp_path / "code.yaml"
    assert out == [f"{path}:9:16: YAML tag '!!python/object/apply:os.system' is not allowed "
                   "(plain values only)"]


def test_python_name_tag_in_expect_is_refused(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        - args: []
          expect: !!python/name:os.system ''
    """)
    assert out == [f"{tmp_path / 'code.yaml'}:10:17: YAML tag '!!python/name:os.system' "
                   "is not allowed (plain values only)"]


@pytest.mark.parametrize(("value", "col", "why"), [
    ("'!!python/object:os.system'", 16, "starts with '!!' (a YAML tag in disguise)"),
    ("'__import__(\"os\").system(\"ls\")'", 16, "contains a dunder name"),
    ("'eval(\"1+1\")'", 16, "calls a builtin that runs or reaches code"),
    ("'exec (payload)'", 16, "calls a builtin that runs or reaches code"),
    ("'lambda x: x'", 16, "contains a lambda"),
    ("'os.system(\"rm -rf ~\")'", 16, "calls the os module"),
    ("'subprocess.run'", 16, "mentions subprocess"),
    ("'import os'", 16, "contains an import statement"),
    ("'from os import system'", 16, "contains an import statement"),
])
def test_code_like_strings_are_refused(tmp_path: Path, value: str, col: int, why: str) -> None:
    out = diags(tmp_path, f"""
        - args: [{value}]
          expect: 1
    """)
    assert len(out) == 1
    assert out[0].startswith(f"{tmp_path / 'code.yaml'}:9:{col}: text '")
    assert out[0].endswith(f"looks like code ({why}); test values must be plain data and are "
                           "never evaluated")


def test_nested_code_in_kwargs_and_expect_points_at_the_value(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        - args: [1]
          kwargs:
            cfg: {steps: [1, "eval(x)"]}
          expect:
            - ok
            - "__import__('os')"
    """)
    path = tmp_path / "code.yaml"
    assert out == [
        f"{path}:11:28: text 'eval(x)' looks like code (calls a builtin that runs or reaches "
        "code); test values must be plain data and are never evaluated",
        f"{path}:14:13: text '__import__('os')' looks like code (contains a dunder name); test "
        "values must be plain data and are never evaluated",
    ]


def test_non_finite_numbers_are_refused(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        - args: [.inf]
          expect: .nan
    """)
    path = tmp_path / "code.yaml"
    assert out == [
        f"{path}:9:16: inf is not a finite number; tests compare plain numbers only (write a "
        "very large finite number or change the test)",
        f"{path}:10:17: nan is not a finite number; tests compare plain numbers only (write a "
        "very large finite number or change the test)",
    ]


def test_bad_keyword_argument_names(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        - args: []
          kwargs: {"not valid": 1, lambda: 2}
          expect: 0
    """)
    assert [o.split(": ", 1)[1] for o in out] == [
        "keyword argument name 'not valid' is not a valid Python parameter name",
        "keyword argument name 'lambda' is not a valid Python parameter name",
    ]


def test_only_hidden_tests_is_a_warning(tmp_path: Path) -> None:
    out = diags(tmp_path, """
        - {args: [1], expect: 1, hidden: true}
    """)
    assert out == [f"{tmp_path / 'code.yaml'}:9:7: warning: question 'cs-q' has only hidden "
                   "tests; add at least one visible test so the candidate can see what is expected"]


def test_a_refused_test_keeps_the_question_out_of_the_catalog(tmp_path: Path) -> None:
    path = tmp_path / "code.yaml"
    path.write_text(HEAD + "      - {args: ['exec(1)'], expect: 1}\n", encoding="utf-8")
    cat = load_catalog([path], examples_warning=False)
    assert "cs-q" not in cat.questions
    assert len(cat.errors) == 1


def test_code_like_is_about_code_not_words() -> None:
    assert code_like("lambda calculus") is None
    assert code_like("evaluate the model") is None
    assert code_like("import/export ratio") is None
    assert code_like("the os module") is None
    assert code_like("lambda: 0") == "contains a lambda"

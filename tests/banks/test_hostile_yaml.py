"""Hostile values in a bank: each is a FILE:LINE:COL error in its own file, never a crash, and
the other banks still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.banks import load_catalog

GOOD = """\
bank: good
round: ml-theory
questions:
  - id: q-good
    prompt: Explain overfitting.
    model_answer: It memorises noise.
"""


@pytest.mark.parametrize(("line", "message"), [
    ("version: " + "9" * 5000, "3:10: bad value '" + "9" * 40 + "…': a number with too many digits"),
    ("version: 0x" + "f" * 2000, "3:10: bad value '0x" + "f" * 38 + "…': a number with too many "
     "digits"),
    ("description: !!binary aGVsbG8=", "3:14: YAML tag '!!binary' is not allowed (plain values "
     "only)"),
    ("description: \"\\ud800\"", "3:17: YAML syntax error: found invalid Unicode character "
     "escape code"),
    ("description: \"a\x00b\"", "3:16: YAML error: character #x0000 is not allowed in YAML "
     "(control characters are not)"),
    ("time_limit: 2024-99-99", "3:13: 'time_limit' must be a whole number, got text "
     "('2024-99-99')"),
    ("time_limit: 2001-12-14t21:59:43.10-25:00", "3:13: 'time_limit' must be a whole number, got "
     "text ('2001-12-14t21:59:43.10-25:00')"),
    ("time_limit: 1e400", "3:13: 'time_limit' must be a whole number, got text ('1e400')"),
])
def test_a_hostile_value_is_a_positioned_error_and_the_rest_loads(
        tmp_path: Path, line: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"bank: bad\nround: ml-theory\n{line}\nquestions: []\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    cat = load_catalog([tmp_path], examples_warning=False)
    errors = [d.format() for d in cat.errors]
    assert errors == [f"{bad}:{message}"]
    assert "q-good" in cat.questions


def test_a_date_stays_the_text_the_author_wrote(tmp_path: Path) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text("bank: d\nround: ml-theory\nversion: 2024-99-99\nquestions: []\n")
    cat = load_catalog([path], examples_warning=False)
    assert cat.errors == []
    assert cat.files[0].bank is not None and cat.files[0].bank.version == "2024-99-99"


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_non_finite_weights_are_refused(tmp_path: Path, value: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(GOOD + f"    rubric:\n      criteria:\n        - id: c\n          keywords: [k]\n"
                           f"          weight: {value}\n")
    cat = load_catalog([path], examples_warning=False)
    [err] = cat.errors
    assert err.line == 11 and "weight must be" in err.message


def test_an_unreadable_folder_is_reported_not_fatal(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "good.yaml").write_text(GOOD)
    locked.chmod(0)
    try:
        if __import__("os").access(locked, __import__("os").R_OK):
            pytest.skip("root reads any folder; see tests/cli/test_hostile_cli.py for that case")
        cat = load_catalog([tmp_path / "good.yaml", locked], examples_warning=False)
        assert [d.message for d in cat.errors] == ["cannot read folder: Permission denied"]
        assert "q-good" in cat.questions
    finally:
        locked.chmod(0o755)

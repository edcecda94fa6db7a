"""`interview score`, `bank test`, `bank calibrate`, `rubric suggest` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from interview.banks import Rubric
from interview.cli import cli
from interview.paths import shipped_dir
from tests.scoring.conftest import BANK

# The shipped library plays no part in these commands (the fixture bank extends no shared
# rubric): leaving it out spares a cold parse of it per command (each test's bank folder is a
# new search path, so a new cache file).
pytestmark = pytest.mark.usefixtures("no_shipped_banks")

GOOD = "I would add weight decay and dropout, check a validation set, and use early stopping."


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    d = tmp_path / "banks"
    d.mkdir()
    (d / "ml-theory-fixture.yaml").write_text(BANK, encoding="utf-8")
    return d


def run(args: list[str], input: str | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, args, input=input, catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def test_score_readable_from_stdin(banks: Path) -> None:
    code, out, _ = run(["--banks", str(banks), "score", "mlt-fixture-overfit"], input=GOOD)
    assert code == 0
    assert "Score 100 / 100  STRONG" in out and "weight decay" in out and "Delivery" in out
    assert out.count("100 / 100") == 1  # the score is printed once


def test_score_json_from_file(banks: Path, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("I would not use dropout. Maybe a validation set.", encoding="utf-8")
    code, out, _ = run(["--banks", str(banks), "score", "mlt-fixture-overfit",
                        "--answer-file", str(f), "--json"])
    assert code == 0
    data = json.loads(out)
    assert data["score"] < 55
    crit = {c["id"]: c for c in data["criteria"]}
    assert crit["regularization"]["status"] == "missed" and crit["regularization"]["negated"]
    assert crit["validation"]["status"] == "hit"


def test_score_with_bank_option_and_auto_rubric(banks: Path) -> None:
    code, out, _ = run(["score", "mlt-fixture-auto", "--bank", str(banks / "ml-theory-fixture.yaml"),
                        "--json"], input="The step size of gradient descent.")
    assert code == 0 and json.loads(out)["rubric_source"] == "auto"


def test_score_unknown_question_is_one_line_error(banks: Path) -> None:
    res = CliRunner().invoke(cli, ["--banks", str(banks), "score", "mlt-fixture-overfi"],
                             input="x")
    assert res.exit_code != 0
    assert "did you mean mlt-fixture-overfit" in res.stderr


def test_score_missing_answer_file(banks: Path) -> None:
    res = CliRunner().invoke(cli, ["--banks", str(banks), "score", "mlt-fixture-overfit",
                                   "--answer-file", "/nonexistent/answer.txt"])
    assert res.exit_code == 2 and "cannot read" in res.stderr


def test_bank_test_passes_and_fails(banks: Path, tmp_path: Path) -> None:
    code, out, err = run(["--banks", str(banks), "bank", "test", str(banks)])
    assert code == 0 and "3 examples in 2 questions: 3 in band" in out + err
    bad = tmp_path / "bad"
    bad.mkdir()
    text = BANK.replace("expect: {min: 75, max: 100}", "expect: {min: 0, max: 10}")
    text = text.replace("fixture-ml", "fixture-bad")
    (bad / "ml-theory-bad.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(["bank", "test", str(bad)])
    assert code == 1
    assert "mlt-fixture-overfit example 1 (strong): expected 0-10, got 100.0" in out
    code, out, _ = run(["bank", "test", str(bad), "--json"])
    assert code == 1 and json.loads(out)["failed"] == 1


def test_bank_test_explain_shows_what_matched(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    text = BANK.replace("expect: {min: 75, max: 100}", "expect: {min: 0, max: 10}")
    (bad / "ml-theory-bad.yaml").write_text(text, encoding="utf-8")
    for flag in ("-v", "--explain"):
        code, out, _ = run(["bank", "test", str(bad), flag])
        assert code == 1
        lines = out.splitlines()
        head = lines.index("mlt-fixture-overfit example 1 (strong): expected 0-10, got 100.0")
        shown = "\n".join(lines[head + 1:head + 4])
        assert "✔ regularization 2/2: 'weight decay' -> 'weight decay' (100%)" in shown
        assert "✔ validation 1/1: 'validation set' -> 'validation set' (100%)" in shown
        assert "✔ early-stopping 1/1: 'early stopping' -> 'early stopping' (100%)" in shown
    # In-band examples are not explained.
    assert not any("weak" in line for line in out.splitlines())
    code, out, _ = run(["bank", "test", str(bad), "--explain", "--json"])
    failed = [r for r in json.loads(out)["results"] if not r["ok"]]
    assert failed and any("'dropout' -> 'dropout'" in line for line in failed[0]["explain"])


def test_score_text_shows_the_code_test_table(tmp_path: Path) -> None:
    pytest.importorskip("interview.coderun.render")
    bank = tmp_path / "code.yaml"
    bank.write_text(
        "bank: code\nround: coding-screen\nquestions:\n  - id: cs-add\n"
        "    prompt: Write add(a, b).\n    model_answer: I return a plus b in constant time.\n"
        "    entrypoint: add\n    tests:\n      - {name: small, args: [1, 2], expect: 3}\n"
        "      - {args: [2, 2], expect: 4}\n", encoding="utf-8")
    answer = tmp_path / "solution.py"
    answer.write_text("def add(a, b):\n    return a * b\n", encoding="utf-8")
    code, out, _ = run(["score", "cs-add", "--bank", str(bank), "--answer-file", str(answer)])
    assert code == 0
    assert "1/2 tests passed" in out
    assert "✘ small (add(1, 2))" in out and "✔ test 2 (add(2, 2))" in out
    assert "expected 3" in out


def test_bank_test_reports_broken_file(tmp_path: Path) -> None:
    d = tmp_path / "b"
    d.mkdir()
    (d / "ml-theory-broken.yaml").write_text("bank: x\nround: nope\n", encoding="utf-8")
    code, _, err = run(["bank", "test", str(d)])
    assert code == 1 and "cannot test" in err


def _graded(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    f = tmp_path / "graded.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return f


def test_bank_calibrate(banks: Path, tmp_path: Path) -> None:
    q = "mlt-fixture-overfit"
    rows = [
        {"question": q, "answer": GOOD, "grade": 95},
        {"question": q, "answer": "Add dropout and use a validation set.", "grade": 70},
        {"question": q, "answer": "Use dropout.", "grade": 40},
        {"question": q, "answer": "Train longer.", "grade": 5},
        {"question": "mlt-fixture-auto", "answer": "The step size of gradient descent.",
         "grade": 80},
        {"question": "mlt-fixture-auto", "answer": "No idea.", "grade": 0},
    ]
    f = _graded(tmp_path, rows)
    code, out, _ = run(["bank", "calibrate", str(banks), "--graded", str(f), "--json"])
    assert code == 0
    data = json.loads(out)
    assert data["n"] == 6 and data["pearson"] > 0.8 and data["spearman"] > 0.8
    assert data["mean_within_question_pearson"] is not None
    code, out, _ = run(["bank", "calibrate", str(banks), "--graded", str(f)])
    assert code == 0 and "Pearson r:" in out and "Questions that agree worst:" in out


def test_bank_calibrate_bad_file_names_the_line(banks: Path, tmp_path: Path) -> None:
    f = tmp_path / "g.jsonl"
    f.write_text('{"question": "q", "answer": "a", "grade": 1}\nnot json\n', encoding="utf-8")
    res = CliRunner().invoke(cli, ["bank", "calibrate", str(banks), "--graded", str(f)])
    assert res.exit_code == 1 and f"{f}:2: not valid JSON" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_rubric_suggest_prints_valid_yaml(tmp_path: Path) -> None:
    f = tmp_path / "model.txt"
    f.write_text("Dropout randomly zeroes activations during training, which acts as "
                 "regularization and reduces overfitting.", encoding="utf-8")
    code, out, _ = run(["rubric", "suggest", "--answer-file", str(f)])
    assert code == 0
    rub = Rubric.model_validate(yaml.safe_load(out)["rubric"])
    assert any("dropout" in k.lower() for c in rub.criteria for k in c.keywords)
    code, out2, _ = run(["rubric", "suggest"], input=f.read_text())
    assert code == 0 and out2 == out


def test_rubric_suggest_empty_input_is_an_error() -> None:
    res = CliRunner().invoke(cli, ["rubric", "suggest"], input="  \n")
    assert res.exit_code == 2 and "empty" in res.stderr


def test_score_from_the_cache_equals_a_cold_load(banks: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm `score` reads one bank and the shared rubrics from the cache: same report as
    with the cache off; a changed bank is read again."""
    # The shipped shared rubrics (not the whole library: no part here), then the test's bank.
    args = ["--banks", str(shipped_dir("rubrics")), "--banks", str(banks), "score",
            "mlt-fixture-overfit", "--json"]
    with monkeypatch.context() as m:
        m.setenv("INTERVIEW_CACHE_DIR", "off")
        cold = json.loads(run(args, input=GOOD)[1])
    run([*args[:4], "bank", "list"])  # fills the cache
    code, out, _ = run(args, input=GOOD)
    assert code == 0 and json.loads(out) == cold
    fixture = banks / "ml-theory-fixture.yaml"
    fixture.write_text(BANK.replace("mlt-fixture-overfit", "mlt-fixture-renamed"),
                       encoding="utf-8")
    res = CliRunner().invoke(cli, args, input=GOOD)
    assert res.exit_code != 0 and "no question 'mlt-fixture-overfit'" in res.stderr

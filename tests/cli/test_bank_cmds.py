"""`interview bank ...` through click's CliRunner, as a user would run them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.banks import ROUNDS
from interview.banks.schema import schema_text
from interview.cli import cli
from interview.paths import shipped_dir

GOOD = textwrap.dedent("""\
    bank: mine
    title: My bank
    round: ml-theory
    questions:
      - id: mine-1
        prompt: What is overfitting?
        model_answer: The model fits noise in the training data and generalizes poorly.
        examples:
          - answer: It memorises noise.
            expect: {min: 0, max: 100}
    """)

# The test's own banks only (INTERVIEW_NO_SHIPPED=1), where the shipped library plays no part:
# each test's bank folder is a new search path (a new cache file), so with the library each
# command would parse all of it cold. Starters (they extend shared rubrics) and the cache test
# keep the library.
only_mine = pytest.mark.usefixtures("no_shipped_banks")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    d = tmp_path / "banks"
    d.mkdir()
    (d / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (d / "broken.yaml").write_text("bank: broken\nround: ml-theory\nquestions: [\n", encoding="utf-8")
    return d


def test_every_command_has_help() -> None:
    for args in (["--help"], ["bank", "--help"], ["bank", "list", "--help"],
                 ["bank", "validate", "--help"], ["bank", "new", "--help"],
                 ["bank", "schema", "--help"], ["bank", "show", "--help"]):
        code, out = run(*args)
        assert code == 0 and "Usage:" in out, args


@only_mine
def test_list_json_shows_ok_and_broken(banks: Path) -> None:
    code, out = run("--banks", str(banks), "bank", "list", "--json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["mine"]["ok"] is True and rows["mine"]["questions"] == 1
    assert rows["mine"]["round"] == "ml-theory" and rows["mine"]["path"].endswith("mine.yaml")
    assert rows["broken"]["ok"] is False
    assert "broken.yaml:4:1: YAML syntax error" in rows["broken"]["error"]


@only_mine
def test_list_text(banks: Path) -> None:
    code, out = run("--banks", str(banks), "bank", "list")
    assert code == 0
    assert "mine" in out and "broken" in out and "YAML syntax error" in out


@only_mine
def test_validate_exit_codes(banks: Path) -> None:
    code, out = run("bank", "validate", str(banks / "mine.yaml"))
    assert code == 0, out
    assert "1 files, 1 questions: 0 errors, 0 warnings" in out
    code, out = run("bank", "validate", str(banks))
    assert code == 1
    assert "broken.yaml:4:1: YAML syntax error" in out


@only_mine
def test_validate_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    f = tmp_path / "w.yaml"
    f.write_text(GOOD.split("    examples:")[0], encoding="utf-8")
    assert run("bank", "validate", str(f))[0] == 0
    code, out = run("bank", "validate", "--strict", str(f))
    assert code == 1
    assert "w.yaml:5:9: warning: question 'mine-1' has no examples" in out


@only_mine
def test_validate_missing_path(tmp_path: Path) -> None:
    code, out = run("bank", "validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert out.strip() == f"interview: {tmp_path / 'nope.yaml'}: no such file or folder"


@only_mine
@pytest.mark.parametrize("round_", ROUNDS)
def test_new_writes_a_valid_starter(tmp_path: Path, round_: str) -> None:
    f = tmp_path / f"starter-{round_}.yaml"
    code, out = run("bank", "new", str(f), "--round", round_)
    assert code == 0, out
    text = f.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    # Valid with the shared rubrics it extends (the whole library: the next test).
    code, out = run("--banks", str(shipped_dir("rubrics")), "bank", "validate", "--strict",
                    str(f))
    assert code == 0, out
    # Refuses to overwrite.
    code, out = run("bank", "new", str(f), "--round", round_)
    assert code == 1 and "already exists" in out


def test_every_starter_is_valid_alongside_the_shipped_library(tmp_path: Path) -> None:
    files = [tmp_path / f"starter-{round_}.yaml" for round_ in ROUNDS]
    for f, round_ in zip(files, ROUNDS, strict=True):
        assert run("bank", "new", str(f), "--round", round_)[0] == 0
    code, out = run("bank", "validate", "--strict", *map(str, files))
    assert code == 0, out
    assert f"{len(ROUNDS)} files" in out


def test_schema_command_matches_models() -> None:
    code, out = run("bank", "schema")
    assert code == 0
    assert out == schema_text("bank")
    assert json.loads(out)["title"] == "interview question bank"


@only_mine
def test_show_effective_rubric(banks: Path) -> None:
    code, out = run("--banks", str(banks), "bank", "show", "mine-1")
    assert code == 0, out
    assert "derived automatically from the model answer" in out
    code, out = run("--banks", str(banks), "bank", "show", "mine-1", "--json")
    data = json.loads(out)
    assert data["effective_rubric"]["source"] == "auto" and data["effective_rubric"]["criteria"]


@only_mine
def test_show_unknown_question(banks: Path) -> None:
    code, out = run("--banks", str(banks), "bank", "show", "mine-2")
    assert code == 1
    assert out.strip() == "interview: no question 'mine-2' (did you mean mine-1?)"


@only_mine
def test_list_from_the_cache_equals_a_cold_parse(banks: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Duplicate and broken files included; an edited file is listed as it now is."""
    (banks / "dup.yaml").write_text(GOOD.replace("bank: mine", "bank: dup"), encoding="utf-8")
    args = ("--banks", str(banks), "bank", "list")
    warm = [run(*args), run(*args, "--json")]
    assert warm == [run(*args), run(*args, "--json")]  # the second run reads the cache
    assert "duplicate question id 'mine-1'" in warm[0][1] and "broken" in warm[0][1]
    with monkeypatch.context() as m:
        m.setenv("INTERVIEW_CACHE_DIR", "off")
        assert [run(*args), run(*args, "--json")] == warm
    (banks / "dup.yaml").write_text(GOOD.replace("bank: mine", "bank: dup")
                                    .replace("mine-1", "dup-1"), encoding="utf-8")
    code, out = run(*args, "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and rows["dup"]["ok"] and rows["dup"]["questions"] == 1

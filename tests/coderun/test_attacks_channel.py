"""Attacks on the results channel: candidate code that finds the harness's pipe and writes
to it. Every forgery fails every test; it never scores more than failing honestly; expected
values never enter the child. Runs under each sandbox kind (and as the ordinary user where
root can switch to it)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from interview.coderun import run_tests
from interview.scoring.report import TestSummary

from .conftest import fast, make_question
from .test_attacks import ROOT, TESTER, _tester_problem, attack

# ---------------------------------------------------------------- the results channel

FORGE = """
import json, os, sys
MODE = {mode!r}

def channel():
    frame = sys._getframe()
    while frame is not None:
        reporter = frame.f_locals.get("reporter")
        if reporter is not None and hasattr(reporter, "fd"):
            return reporter.fd
        frame = frame.f_back
    raise RuntimeError("no reporter")

def write(obj):
    data = obj if isinstance(obj, bytes) else (json.dumps(obj) + "\\n").encode()
    os.write(channel(), data)

def f():
    if MODE == "garbage":
        write(b"not json at all\\n")
    elif MODE == "partial":
        write(b'{{"kind": "res')
    elif MODE == "oversized":
        write(b'{{"kind": "result", "got": "' + b"9" * (8 << 20) + b'"}}\\n')
    elif MODE == "unknown":
        write({{"kind": "pass_everything"}})
    elif MODE == "extra_field":
        write({{"kind": "result", "index": 1, "status": "ok", "got": "3", "error": "",
               "seconds": 0, "expected": "3"}})
    elif MODE == "duplicate":
        write({{"kind": "result", "index": 1, "status": "ok", "got": "3", "error": "",
               "seconds": 0}})
    elif MODE == "out_of_order":
        write({{"kind": "result", "index": 1, "status": "ok", "got": "3", "error": "",
               "seconds": 0}})
        write({{"kind": "start", "index": 3}})
    elif MODE == "early_done":
        write({{"kind": "result", "index": 1, "status": "ok", "got": "3", "error": "",
               "seconds": 0}})
        write({{"kind": "done"}})
        os._exit(0)
    elif MODE == "bad_types":
        write({{"kind": "result", "index": "1", "status": "ok", "got": 3, "error": "",
               "seconds": "x"}})
    elif MODE == "deep_json":
        write({{"kind": "result", "index": 1, "status": "ok", "got": "[" * 100000,
               "error": "", "seconds": 0}})
        os._exit(0)
    return 0
"""
MODES = ["garbage", "partial", "oversized", "unknown", "extra_field", "duplicate",
         "out_of_order", "early_done", "bad_types", "deep_json"]


def _forge(mode: str, kind: str) -> TestSummary:
    question = make_question(entrypoint="f", tests=[
        {"args": [], "expect": 3}, {"args": [], "expect": 0}, {"args": [], "expect": 0,
                                                              "hidden": True}])
    return run_tests(textwrap.dedent(FORGE.format(mode=mode)), question, limits=fast(kind))


@pytest.mark.parametrize("mode", MODES)
def test_writing_to_the_results_channel_fails_every_test(mode: str, kind: str) -> None:
    summary = _forge(mode, kind)
    assert summary.total == 3
    assert summary.passed == 0, (mode, summary)
    if mode != "deep_json":  # a result nobody can read is an error; the rest are violations
        assert summary.outcome == "protocol_error", (mode, summary.outcome, summary.notice)
        assert "every test counts as failed" in summary.notice
    assert {r.status for r in summary.results} == {"error"} or mode == "deep_json"


def test_forging_as_the_ordinary_user_is_a_violation_too(kind: str) -> None:
    if (problem := _tester_problem()) is not None:
        pytest.skip(problem)
    run = attack(FORGE.format(mode="duplicate"), kind, TESTER, n_tests=3)
    assert run["violation"]


def test_an_attack_scores_no_more_than_failing_honestly(kind: str) -> None:
    from interview.coderun import combine
    from interview.scoring.report import ScoreReport

    rubric_only = ScoreReport(score=80.0, band="strong")
    honest = run_tests("def f():\n    return -1\n", make_question(
        entrypoint="f", tests=[{"args": [], "expect": 3}]), limits=fast(kind))
    forged = _forge("duplicate", kind)
    assert combine(rubric_only, forged).score <= combine(rubric_only, honest).score
    assert combine(rubric_only, forged).test_score == 0.0


@pytest.mark.slow
def test_interview_score_exits_cleanly_on_a_forged_channel(tmp_path: Path, kind: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_SANDBOX", kind)
    answer = tmp_path / "answer.py"
    answer.write_text(textwrap.dedent(FORGE.format(mode="garbage")).replace(
        "def f():", "def two_sum(nums, target):"))
    proc = subprocess.run(
        [sys.executable, "-m", "interview", "--data-dir", str(tmp_path / "d"), "score",
         "cs-two-sum", "--answer-file", str(answer), "--json"],
        capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)
    assert proc.returncode != 70, proc.stderr
    report = json.loads(proc.stdout)
    assert report["tests"]["passed"] == 0 and report["tests"]["total"] > 0
    assert report["tests"]["outcome"] == "protocol_error"


def test_expected_values_never_enter_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """The job on the child's stdin, its argv and its environment hold no expected value."""
    import interview.coderun.sandbox as sandbox_mod

    seen: list[str] = []
    real_popen = subprocess.Popen

    class Spy(real_popen):  # type: ignore[misc,valid-type]
        def __init__(self, args: Any, *a: Any, **kw: Any) -> None:
            seen.append(json.dumps([list(map(str, args)), kw.get("env")]))
            super().__init__(args, *a, **kw)

    real_dumps = json.dumps

    def dumps(obj: Any, *a: Any, **kw: Any) -> str:
        text = real_dumps(obj, *a, **kw)
        if isinstance(obj, dict) and "tests" in obj:
            seen.append(text)
        return text

    monkeypatch.setattr(sandbox_mod.subprocess, "Popen", Spy)
    monkeypatch.setattr(sandbox_mod.json, "dumps", dumps)
    secret = 918273645546372819
    question = make_question(entrypoint="f", tests=[
        {"args": [1], "expect": secret}, {"args": [2], "expect": {"k": secret}, "hidden": True}])
    summary = run_tests("def f(x):\n    return x\n", question)
    assert summary.total == 2
    assert any('"tests"' in text for text in seen) and any("_harness.py" in t for t in seen)
    assert all(str(secret) not in text for text in seen)

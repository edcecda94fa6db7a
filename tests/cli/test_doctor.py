"""`interview doctor`: the protections it reports are the ones a run really gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.coderun import isolation


def doctor(*args: str) -> list[dict[str, str]]:
    res = CliRunner().invoke(cli, ["doctor", "--json", *args])
    assert res.exit_code == 0, res.output
    data: list[dict[str, str]] = json.loads(res.stdout)
    return data


def by_name(checks: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {c["name"]: c for c in checks}


def test_bubblewrap_is_reported_with_its_namespaces() -> None:
    if (problem := isolation.bwrap_problem()) is not None:
        pytest.skip(f"bubblewrap cannot run here: {problem}")
    checks = by_name(doctor())
    assert checks["sandbox"] == {"name": "sandbox", "status": "ok", "detail": "bubblewrap"}
    assert "pid" in checks["namespaces"]["detail"] and "net" in checks["namespaces"]["detail"]
    assert checks["in the child"]["status"] == "ok"
    assert "seccomp (no sockets)" in checks["in the child"]["detail"]


def test_the_fallback_is_a_warning_and_says_what_applied(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_SANDBOX", "fallback")
    checks = by_name(doctor())
    assert checks["sandbox"]["status"] == "warn"
    assert checks["sandbox"]["detail"] == "fallback: INTERVIEW_SANDBOX=fallback"
    assert checks["namespaces"]["status"] == "warn"
    child = checks["in the child"]["detail"]
    assert "landlock" in child or "can read every file" in child


def test_file_permissions_are_checked(data_dir: Path) -> None:
    data_dir.chmod(0o755)
    checks = by_name(doctor("--no-probe"))
    assert checks["data dir"]["status"] == "warn"
    assert "0755" in checks["data dir"]["detail"]
    data_dir.chmod(0o700)
    assert by_name(doctor("--no-probe"))["data dir"]["status"] == "ok"


def test_plain_output_lists_every_check() -> None:
    res = CliRunner().invoke(cli, ["doctor", "--no-probe"])
    assert res.exit_code == 0
    for name in ("sandbox", "namespaces", "resource limits", "data dir", "database"):
        assert name in res.output

"""Hostile command lines: every one gets a clear one-line message and a fitting exit code,
never "internal error" (exit 70)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.coderun import isolation
from interview.coderun.sandbox import RUN_PREFIX, sweep_stale_runs

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = os.geteuid() == 0


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--banks", str(FIXTURES), *args], input=input)
    return res.exit_code, res.output


@pytest.mark.parametrize("args", [
    ("show", "99999999999999999999999"), ("show", "9223372036854775808"),
    ("export", "99999999999999999999"), ("practice", "--plain", "--resume", "2147483648"),
])
def test_huge_session_ids_are_not_found(args: tuple[str, ...]) -> None:
    code, out = run(*args)
    assert code == 3, out
    assert out.strip().startswith("interview: no session")


@pytest.mark.parametrize("args", [
    ("history", "--limit", "99999999999999999999"), ("history", "--limit", "0"),
    ("practice", "--plain", "--seed", "99999999999999999999", "-q", "mlt-fx-overfit"),
    ("practice", "--plain", "-n", "99999999999"),
])
def test_out_of_range_numbers_are_usage_errors(args: tuple[str, ...]) -> None:
    code, out = run(*args)
    assert code == 2, out
    assert "is not in the range" in out and "internal error" not in out


def test_rubric_suggest_caps_its_input(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("gradient descent with momentum " * 300_000)
    res = CliRunner().invoke(cli, ["rubric", "suggest", "--answer-file", str(big)])
    assert res.exit_code == 0
    assert "longer than 30,000 characters; only the start was used" in res.output


def _bwrap_or_skip() -> str:
    bwrap = shutil.which("bwrap")
    if bwrap is None or isolation.bwrap_problem() is not None:
        pytest.skip("needs bubblewrap to make a folder unreadable or read-only for root")
    return bwrap


def cli_as_unprivileged(*args: str, ro: Path | None = None,
                        input: str | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess where permissions bind: as root, inside a user namespace as a
    mapped uid without capabilities (bubblewrap); ``ro``: a folder mounted read-only."""
    cmd = [sys.executable, "-m", "interview", *args]
    if IS_ROOT or ro is not None:
        bwrap = _bwrap_or_skip()
        wrap = [bwrap, "--unshare-user", "--uid", "1000", "--gid", "1000", "--dev-bind", "/", "/"]
        if ro is not None:
            wrap += ["--ro-bind", str(ro), str(ro)]
        cmd = [*wrap, *cmd]
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEW_")}
    env["INTERVIEW_USER"] = "reader"
    env["INTERVIEW_NO_SHIPPED"] = "1"  # no part here; spares a cold parse of the library
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
                          check=False, input=input)


@pytest.mark.slow
def test_an_unreadable_data_dir_or_bank_folder_is_one_clear_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    (locked / "data").mkdir(parents=True)
    (locked / "banks").mkdir()
    locked.chmod(0)
    tmp_path.chmod(0o755)
    try:
        p = cli_as_unprivileged("--data-dir", str(locked / "data"), "history")
        assert p.returncode in (2, 4), p.stderr
        assert "internal error" not in p.stderr
        assert str(locked) in p.stderr and len(p.stderr.strip().splitlines()) <= 2
        banks = cli_as_unprivileged("--banks", str(locked / "banks"), "bank", "list")
        assert "internal error" not in banks.stderr
        assert f"{locked / 'banks'}:1:1: cannot read" in banks.stdout + banks.stderr
    finally:
        locked.chmod(0o755)


@pytest.mark.slow
def test_a_read_only_data_dir_still_allows_reading(tmp_path: Path) -> None:
    data = tmp_path / "data-ro"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("INTERVIEW_") or k == "INTERVIEW_CACHE_DIR"}  # the run's cache
    env["INTERVIEW_USER"] = "reader"
    env["INTERVIEW_NO_SHIPPED"] = "1"  # the shipped library plays no part here
    made = subprocess.run([sys.executable, "-m", "interview", "--data-dir", str(data), "--banks",
                           str(FIXTURES), "practice", "--plain", "-q", "mlt-fx-overfit",
                           "--seed", "1"], input="It memorises noise.\n.\n", env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    p = cli_as_unprivileged("--data-dir", str(data), "history", ro=data)
    assert p.returncode == 0, p.stderr
    assert "ml-theory" in p.stdout and "1 answer" in p.stdout, p.stdout
    p = cli_as_unprivileged("--data-dir", str(data), "show", "1", ro=data)
    assert p.returncode == 0 and "It memorises noise." in p.stdout, p.stderr
    p = cli_as_unprivileged("--data-dir", str(data), "--banks", str(FIXTURES), "practice",
                            "--plain", "-q", "mlt-fx-overfit", ro=data, input="x\n.\n")
    assert p.returncode == 4 and "read-only" in p.stderr and "saved" not in p.stdout


def test_stale_run_folders_of_a_killed_app_are_swept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"{RUN_PREFIX}{dead.pid}-abc"
    (gone / "work").mkdir(parents=True)
    (gone / "work" / "big.bin").write_bytes(b"x" * 1000)
    live = tmp_path / f"{RUN_PREFIX}{os.getpid()}-def"
    live.mkdir()
    old = tmp_path / f"{RUN_PREFIX}{os.getpid()}-old"
    old.mkdir()
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    other = tmp_path / "not-ours"
    other.mkdir()
    assert sweep_stale_runs(str(tmp_path)) == 2
    assert not gone.exists() and not old.exists()
    assert live.exists() and other.exists()

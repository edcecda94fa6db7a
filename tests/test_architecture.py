"""What the import contracts (pyproject's [tool.importlinter], `uv run lint-imports`) cannot
say: what is loaded at import time, and that importing has no side effects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import interview


def test_cli_import_does_not_load_textual_or_sqlalchemy() -> None:
    code = (
        "import sys, interview.cli\n"
        "print(sorted(m for m in ('textual', 'sqlalchemy', 'alembic') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_import_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "nowhere"
    code = (
        "import importlib, pkgutil, interview\n"
        "for m in pkgutil.walk_packages(interview.__path__, 'interview.'):\n"
        "    if 'migrations' in m.name or m.name.endswith('__main__') or '_harness' in m.name:\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
    )
    env = {"INTERVIEW_DATA_DIR": str(data), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert not data.exists()


@pytest.mark.parametrize("args", [["--version"], ["-m", "interview", "--version"]])
def test_entry_points(args: list[str]) -> None:
    cmd = [sys.executable, *args] if args[0] == "-m" else [sys.executable, "-m", "interview", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"interview, version {interview.__version__}"

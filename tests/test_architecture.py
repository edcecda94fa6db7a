"""The core never imports textual, and importing modules has no side effects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import interview

PACKAGE = Path(interview.__file__).parent
CORE = ["interview.banks", "interview.scoring", "interview.engine", "interview.store",
        "interview.coderun", "interview.config", "interview.paths"]


def _core_modules() -> list[str]:
    mods = []
    for pkg in CORE:
        base = PACKAGE / pkg.split(".", 1)[1]
        if base.is_dir():
            for f in sorted(base.rglob("*.py")):
                rel = f.relative_to(PACKAGE.parent).with_suffix("")
                if "migrations" in rel.parts and f.name != "__init__.py":
                    continue  # alembic scripts run under alembic, not as imports
                if f.name.startswith("_harness"):
                    continue  # a script run in a child process
                name = ".".join(rel.parts)
                mods.append(name.removesuffix(".__init__"))
        elif base.with_suffix(".py").is_file():
            mods.append(pkg)
    return mods


def test_core_imports_no_textual() -> None:
    mods = _core_modules()
    assert "interview.banks.loader" in mods
    code = (
        "import importlib, json, sys\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


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

"""The history database makes its own folder private, but never a shared folder such as /tmp."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from interview.paths import tighten_folder
from interview.store.db import open_engine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_database_in_a_sticky_shared_folder_leaves_the_folder_alone(tmp_path: Path) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    engine = open_engine(f"sqlite:///{shared / 'x.db'}")
    engine.dispose()
    assert _mode(shared) == 0o1777
    assert _mode(shared / "x.db") == 0o600


def test_an_own_data_folder_is_tightened(tmp_path: Path) -> None:
    own = tmp_path / "own-data"
    own.mkdir()
    own.chmod(0o755)
    engine = open_engine(f"sqlite:///{own / 'history.db'}")
    engine.dispose()
    assert _mode(own) == 0o700


def test_world_writable_and_home_folders_are_not_tightened(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    open_dir.chmod(0o777)
    tighten_folder(open_dir)
    assert _mode(open_dir) == 0o777
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    monkeypatch.setenv("HOME", str(home))
    tighten_folder(home)
    assert _mode(home) == 0o755

"""Every test runs with its data dir in tmp_path and no user configuration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(data))
    monkeypatch.setenv("INTERVIEW_USER", "tester")
    for var in ("INTERVIEW_BANKS", "INTERVIEW_DB_URL", "INTERVIEW_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    yield data


@pytest.fixture
def data_dir(_isolated_env: Path) -> Path:
    return _isolated_env

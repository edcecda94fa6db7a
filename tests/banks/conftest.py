"""Fixtures shared by the bank tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bank cache of the test's own (not the run's shared one), empty at the start."""
    d = tmp_path / "cache"
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(d))
    return d

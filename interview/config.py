"""Run-time settings shared by the CLI, the TUI and the tests (one factory for all)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import paths


def default_user() -> str:
    env = os.environ.get("INTERVIEW_USER")
    if env:
        return env
    try:
        return getpass.getuser() or "me"
    except Exception:  # no passwd entry, no env vars
        return "me"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    bank_dirs: tuple[Path, ...]
    db_url: str | None = None
    user: str = field(default_factory=default_user)

    @classmethod
    def build(
        cls,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        banks: tuple[str, ...] | list[str] = (),
        db_url: str | None = None,
        user: str | None = None,
        shipped_banks: bool = True,
    ) -> Settings:
        d = paths.data_dir(data_dir)
        return cls(
            data_dir=d,
            bank_dirs=tuple(paths.bank_paths(banks, d, shipped=shipped_banks)),
            db_url=db_url or os.environ.get("INTERVIEW_DB_URL") or None,
            user=user or default_user(),
        )

    @property
    def database_url(self) -> str:
        """--db / INTERVIEW_DB_URL, else SQLite at <data dir>/history.db."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'history.db'}"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

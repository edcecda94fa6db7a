"""Errors and warnings about bank files, each printable as one ``FILE:LINE:COL: message`` line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    path: Path
    line: int
    col: int
    message: str
    severity: Severity = "error"
    code: str = ""

    def format(self, *, relative_to: Path | None = None) -> str:
        shown = self.path
        if relative_to is not None:
            try:
                shown = self.path.resolve().relative_to(relative_to.resolve())
            except ValueError:
                shown = self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{shown}:{self.line}:{self.col}: {prefix}{self.message}"

    def __str__(self) -> str:
        return self.format()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

"""The TUI's remembered choices (the start form's last values and the theme), one small JSON
file in the data dir. Import-light: the app reads the theme here before its first frame."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..config import Settings

PREFS_FILE = "tui-settings.json"


@dataclass
class UiPrefs:
    """The start form's last choices and the theme, remembered between runs."""

    round: str = "ml-theory"
    bank: str = ""
    tags: str = ""
    difficulty: str = ""
    n: int = 3
    mode: str = "practice"
    timer: bool = True
    theme: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UiPrefs:
        prefs = cls()
        for f in fields(cls):
            value = data.get(f.name)
            default = getattr(prefs, f.name)
            if value is not None and type(value) is type(default):
                setattr(prefs, f.name, value)
        prefs.n = max(1, min(prefs.n, 50))
        return prefs


def _prefs_path(settings: Settings) -> Path:
    return settings.data_dir / PREFS_FILE


def load_prefs(settings: Settings) -> UiPrefs:
    """The remembered choices; defaults when the file is missing or unreadable."""
    try:
        data = json.loads(_prefs_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UiPrefs()
    return UiPrefs.from_dict(data) if isinstance(data, dict) else UiPrefs()


def save_prefs(settings: Settings, prefs: UiPrefs) -> None:
    """Write the choices atomically (a temp file renamed over the old one)."""
    path = _prefs_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(prefs), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)



def saved_theme(settings: Settings) -> str:
    """The remembered theme ("" when none), without building the other choices."""
    try:
        data = json.loads(_prefs_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme if isinstance(theme, str) else ""

"""The interviewer's varied lines, loaded from ``lines.yaml`` (data, not code)."""

from __future__ import annotations

import random
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

LINES_FILE = Path(__file__).with_name("lines.yaml")

REQUIRED_SECTIONS: tuple[str, ...] = (
    "greeting", "greeting_loop", "greeting_resume", "exam_notice", "first_question",
    "transition", "round_change", "ack_strong", "ack_pass", "ack_weak", "followup_lead",
    "followup_ack", "skip_ack", "skip_followup", "retry", "hint_lead", "over_time", "time_up",
    "closing_strong", "closing_pass", "closing_weak", "closing_early", "greeting_review",
    "review_cue", "review_cue_clean", "review_missing",
)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


@lru_cache(maxsize=4)
def load_lines(path: Path = LINES_FILE) -> dict[str, tuple[str, ...]]:
    """Sections of variants. Raises ValueError naming the file for a malformed file."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of sections to lists of lines")
    out: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{path}: section '{key}' must be a non-empty list of strings")
        out[str(key)] = tuple(value)
    missing = [s for s in REQUIRED_SECTIONS if s not in out]
    if missing:
        raise ValueError(f"{path}: missing sections: {', '.join(missing)}")
    return out


class Lines:
    """Picks a variant per moment with its own seeded RNG, filling placeholders."""

    def __init__(self, seed: int | None = None,
                 lines: dict[str, tuple[str, ...]] | None = None) -> None:
        self._lines = lines if lines is not None else load_lines()
        self._rng = random.Random(seed)
        self._last: dict[str, str] = {}

    def say(self, section: str, **values: object) -> str:
        variants = self._lines[section]
        choices = [v for v in variants if v != self._last.get(section)] or list(variants)
        text = self._rng.choice(choices)
        self._last[section] = text
        return string.Formatter().vformat(text, (), _Blank(values))

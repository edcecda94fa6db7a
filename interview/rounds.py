"""Round ids, names and default time limits. Import-light: no pydantic, so the CLI and the
first screen of the TUI start fast."""

from __future__ import annotations

ROUNDS: tuple[str, ...] = (
    "coding-screen",
    "ml-theory",
    "system-design",
    "behavioral",
    "portfolio",
)
ROUND_TITLES: dict[str, str] = {
    "coding-screen": "Coding screen",
    "ml-theory": "ML theory",
    "system-design": "System design",
    "behavioral": "Behavioral",
    "portfolio": "Portfolio walkthrough",
}
# Default time limit (seconds) per round, used when a question sets none.
ROUND_TIME_LIMITS: dict[str, int] = {
    "coding-screen": 1200,
    "ml-theory": 300,
    "system-design": 1500,
    "behavioral": 420,
    "portfolio": 600,
}
LOOP = "loop"
LOOP_TITLE = "Full loop (one of each)"
REVIEW = "review"
"""A review session: the questions due in the user's spaced-review queue."""
REVIEW_TITLE = "Review"


def round_title(round_id: str) -> str:
    if round_id == LOOP:
        return "Full loop"
    if round_id == REVIEW:
        return REVIEW_TITLE
    return ROUND_TITLES.get(round_id, round_id)

"""Round ids and names, kept import-light so the first screen paints without loading pydantic.

They mirror ``interview.banks.models.ROUNDS``/``ROUND_TITLES``; a test keeps them equal.
"""

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
LOOP = "loop"
LOOP_TITLE = "Full loop (one of each)"


def round_title(round_id: str) -> str:
    if round_id == LOOP:
        return "Full loop"
    return ROUND_TITLES.get(round_id, round_id)


def rounds_title(rounds: tuple[str, ...] | list[str]) -> str:
    """A session's rounds as one short name."""
    unique = list(dict.fromkeys(rounds))
    if len(unique) > 1:
        return "Full loop" if set(unique) == set(ROUNDS) else ", ".join(map(round_title, unique))
    return round_title(unique[0]) if unique else "—"

"""Round ids and names for the TUI (re-exported from the import-light ``interview.rounds``)."""

from __future__ import annotations

from ..rounds import LOOP, LOOP_TITLE, ROUND_TITLES, ROUNDS, round_title

__all__ = ["LOOP", "LOOP_TITLE", "ROUNDS", "ROUND_TITLES", "round_title", "rounds_title"]


def rounds_title(rounds: tuple[str, ...] | list[str]) -> str:
    """A session's rounds as one short name."""
    unique = list(dict.fromkeys(rounds))
    if len(unique) > 1:
        return "Full loop" if set(unique) == set(ROUNDS) else ", ".join(map(round_title, unique))
    return round_title(unique[0]) if unique else "—"

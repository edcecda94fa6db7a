"""Figures over answers that statistics and session summaries share (plain frozen values).

Kept apart from ``engine.types`` so that ``stats`` builds its figures without importing the
engine's value types (about 13 ms of a command that must take under 0.5 s).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CriterionMiss:
    id: str
    label: str
    count: int
    """How many times it was missed (in a session, or across history for stats)."""


@dataclass(frozen=True)
class TagScore:
    tag: str
    average: float
    count: int

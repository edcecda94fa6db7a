"""Score bands: the one definition of the thresholds every screen, filter and colour uses."""

from __future__ import annotations

from typing import Literal

Band = Literal["strong", "pass", "weak", "missing"]

BAND_THRESHOLDS: dict[str, float] = {"strong": 75.0, "pass": 55.0, "weak": 20.0, "missing": 0.0}
"""Documented band thresholds on the 0-100 scale (lower bounds)."""
PASS_THRESHOLD = BAND_THRESHOLDS["pass"]


def band_for(score: float) -> Band:
    if score >= BAND_THRESHOLDS["strong"]:
        return "strong"
    if score >= BAND_THRESHOLDS["pass"]:
        return "pass"
    if score >= BAND_THRESHOLDS["weak"]:
        return "weak"
    return "missing"

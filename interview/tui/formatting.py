"""Small text formatters shared by the screens."""

from __future__ import annotations

from datetime import UTC, datetime


def fmt_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


STATUS_STYLES = {"good": "$success", "warn": "$warning", "bad": "$error",
                 "muted": "$text-muted", "accent": "$accent", "plain": ""}
"""Presentation statuses (``interview.present``) as theme colours."""


def band_style(score: float) -> str:
    """The theme colour of a score's band (``BAND_THRESHOLDS`` via ``present``)."""
    from ..domain.bands import band_for
    from ..present import band_status

    return STATUS_STYLES[band_status(band_for(score))]


def fmt_countdown(seconds: float) -> str:
    """``mm:ss`` for a countdown: rounded up, so 0:00 means time is up. Durations use
    ``present.clock`` (rounded to the nearest second) instead."""
    s = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    sign = "-" if seconds < 0 else ""
    return f"{sign}{s // 60:02d}:{s % 60:02d}"


def fmt_when(stamp: datetime) -> str:
    """A stored (naive UTC) time in the local time zone."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")


def fmt_clock(seconds: float) -> str:
    """A duration (time used, time allowed): ``present.clock``, the one clock format."""
    from ..domain.words import clock

    return clock(seconds)

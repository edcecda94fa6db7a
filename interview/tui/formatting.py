"""Small text formatters shared by the screens."""

from __future__ import annotations

from datetime import UTC, datetime


def fmt_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def fmt_clock(seconds: float) -> str:
    """``mm:ss`` (rounded up while counting down, so 0:00 means time is up)."""
    s = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    sign = "-" if seconds < 0 else ""
    return f"{sign}{s // 60:02d}:{s % 60:02d}"


def fmt_when(stamp: datetime) -> str:
    """A stored (naive UTC) time in the local time zone."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")

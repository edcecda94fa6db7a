"""Turning exceptions into one-line messages for notifications."""

from __future__ import annotations

from ..domain.errors import InterviewError


def describe(exc: BaseException) -> str:
    """A user-facing line: service errors as they are, anything else named as an internal error."""
    if isinstance(exc, InterviewError):
        return str(exc)
    text = str(exc).strip().splitlines()
    detail = f": {text[0]}" if text else ""
    return f"internal error ({type(exc).__name__}{detail})"

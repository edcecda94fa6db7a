"""Errors the engine raises (defined in the domain, re-exported here)."""

from __future__ import annotations

from ..domain.errors import InterviewError, SessionStateError, SetupError

__all__ = ["InterviewError", "SessionStateError", "SetupError"]

"""Database errors with one-line messages."""

from __future__ import annotations

from ..domain.errors import InterviewError


class DatabaseError(InterviewError):
    """The database cannot be used: bad URL, unreachable, corrupt file, newer revision."""


class UnknownSessionError(InterviewError):
    """No session with that id (for this user, unless all users were asked for)."""

"""What the TUI's History table reads: every session as a plain row.

``Service.history`` builds a ``SessionRecord`` per session, with its times parsed; at 10,000
sessions that is about 0.12 s of CPU before anything is shown. The table needs neither: it
keeps the rows as the database returns them (``SessionRow``) and formats the few it draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.history_queries import SessionRow, rounds_of, stored_time

if TYPE_CHECKING:
    from .app import Service

__all__ = ["SessionRow", "history_rows", "rounds_of", "stored_time"]


def history_rows(svc: Service, *, all_users: bool = False,
                 limit: int | None = None) -> list[SessionRow]:
    """The sessions ``svc.history`` lists, newest first (``limit``: the newest ones)."""
    from ..store.history_queries import history_rows as query
    from .reading import history_reader

    with history_reader(svc) as conn:
        return query(conn, user=None if all_users else svc.user, limit=limit)

"""The connection history and statistics are read with (``Service._history_reader``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from .app import Service


@contextmanager
def history_reader(svc: Service) -> Iterator[Connection | sqlite3.Connection]:
    """For a SQLite history whose schema is current, the standard library's sqlite3 (no
    SQLAlchemy import: see store/sqlite_reader.py); otherwise the service's engine
    (``Service._reading``: opened and migrated on first use). Answers left in the journal
    are written first either way."""
    from ..store.sqlite_reader import open_reader

    svc._replay_journal()
    conn = open_reader(svc.settings.database_url)
    if conn is None:
        with svc._reading() as alchemy:
            yield alchemy
        return
    try:
        yield conn
    except sqlite3.Error as exc:
        from sqlalchemy.engine import make_url

        from ..store.db import describe_error
        from ..store.errors import DatabaseError

        raise DatabaseError(describe_error(exc, make_url(svc.settings.database_url))) \
            from None
    finally:
        conn.close()

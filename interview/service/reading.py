"""The connection history and statistics are read with (``Service._history_reader``), and
who the user is on a PostgreSQL database (``Service.user``), both without SQLAlchemy when
they can."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from ..store.pg_reader import PgReader
    from .app import Service


def _is_postgres(svc: Service) -> bool:
    return svc.settings.database_url.startswith("postgresql")


def _open_pg(svc: Service) -> PgReader | None:
    """A bare psycopg reader on a current PostgreSQL history (store/pg_reader.py): the one
    ``Service.user`` left behind, else a new one; None while the engine is open (its pooled
    connections are cheaper than a new one) or when the engine must be used. It also
    settles ``Service.user`` (the cohort role, see store/cohort.py)."""
    from ..store.pg_reader import open_reader

    with svc._db_lock:
        spare, svc._spare_reader = svc._spare_reader, None
        if spare is not None:
            return spare
        if svc._engine is not None:
            return None
    reader = open_reader(svc.settings.database_url)
    if reader is not None:
        with svc._db_lock:
            if svc._db_user is None:
                svc._db_user = reader.cohort_user or ""
    return reader


def cohort_user(svc: Service) -> str:
    """The role on a cohort database, else "" (``Service.user``): asked on a bare psycopg
    connection, which is kept for the read that usually follows, or else the engine's."""
    with svc._db_lock:
        if svc._engine is None:
            reader = _open_pg(svc)
            if reader is not None:
                if svc._spare_reader is None:
                    svc._spare_reader = reader
                else:
                    reader.close()
                return svc._db_user or ""
        from ..store.cohort import cohort_user as engine_cohort_user

        return engine_cohort_user(svc._db()) or ""


@contextmanager
def history_reader(svc: Service) -> Iterator[Connection | sqlite3.Connection | PgReader]:
    """For a SQLite history whose schema is current, the standard library's sqlite3; for a
    current PostgreSQL one, a bare psycopg connection (no SQLAlchemy import either way: see
    store/sqlite_reader.py and store/pg_reader.py); otherwise the service's engine
    (``Service._reading``: opened and migrated on first use). Answers left in the journal
    are written first either way."""
    svc._replay_journal()
    if _is_postgres(svc):
        pg = _open_pg(svc)
        if pg is None:
            with svc._reading() as alchemy:
                yield alchemy
            return
        yield from _pg_reading(svc, pg)
        return
    from ..store.sqlite_reader import open_reader

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


def history_text(svc: Service, round_: str | None, *, all_users: bool,
                 limit: int | None) -> tuple[str, int, int] | None:
    """``Service.history_text``: on a current PostgreSQL history read without SQLAlchemy,
    the ``history`` lines as the server writes them, how many, and how many sessions there
    are without the limit (store.history_queries.history_text);
    None anywhere else, or when some session needs Python's formatting."""
    if not _is_postgres(svc):
        return None
    from ..store.history_queries import history_text as server_text
    from ..store.pg_reader import PgReader

    with history_reader(svc) as conn:
        if not isinstance(conn, PgReader):
            return None
        return server_text(conn, user=None if all_users else svc.user, round_=round_,
                           limit=limit, with_user=all_users)


def _pg_reading(svc: Service, reader: PgReader) -> Iterator[PgReader]:
    import psycopg

    from ..store.errors import DatabaseError
    from ..store.pg_reader import describe

    try:
        yield reader
    except psycopg.Error as exc:
        raise DatabaseError(describe(exc, svc.settings.database_url)) from None
    finally:
        reader.close()

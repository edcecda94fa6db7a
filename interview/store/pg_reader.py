"""Reading a PostgreSQL history on a bare psycopg connection, without SQLAlchemy.

``history`` and ``stats`` only read, and importing SQLAlchemy costs more than such a command
may take. When the database URL is a plain ``postgresql+psycopg://`` URL and the schema is
current, the read queries (history_queries.py: plain SQL) run on a psycopg connection made
with exactly the arguments SQLAlchemy's dialect would pass (``connect_kwargs``), so it logs
in as the same role: on a cohort database, row-level security keys every policy on that
role (``current_user``, see cohort.py), and the engine path sets nothing else per
connection. Anything else returns None and the caller uses the engine, which migrates,
parses unusual URLs and reports bad ones as before (one line, no password).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote

from .errors import DatabaseError
from .revisions import JIT_OFF_FROM, head_revision

CONNECT_TIMEOUT = 10
"""Seconds; the engine passes the same (db.create_db_engine)."""

# SQLAlchemy's own URL grammar (sqlalchemy.engine.url._parse_url), matched in full.
_URL = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.X)


_OWN_KEYWORDS = {"autocommit", "prepare_threshold", "context", "row_factory",
                 "cursor_factory", "conninfo"}


def _parts(url: str) -> dict[str, Any] | None:
    """The parts of a ``postgresql+psycopg://`` URL as SQLAlchemy reads them (user,
    password and database unquoted, the port a number, the query single-valued); None for
    any other URL or one SQLAlchemy would read differently or reject."""
    if not url.startswith("postgresql+psycopg://") or not url.isprintable():
        return None
    m = _URL.fullmatch(url)
    if m is None:
        return None
    parts = m.groupdict()
    for key in ("username", "password", "database"):
        if parts[key] is not None:
            parts[key] = unquote(parts[key])
    port = parts["port"]
    if port and not (port.isascii() and port.isdigit()):
        return None  # the engine says "the port is not a number"
    parts["port"] = int(port) if port else None
    query: dict[str, str] = {}
    for key, value in parse_qsl(parts["query"] or ""):
        if key in query:
            return None  # several values: SQLAlchemy's multi-host forms
        query[key] = value
    # SQLAlchemy reads host/port options as host lists; a single host without ':' or ','
    # is passed through unchanged, anything else is left to it.
    if "port" in query or any(c in query.get("host", "") for c in ":,"):
        return None
    if _OWN_KEYWORDS & query.keys():
        return None  # psycopg.connect's own arguments, not connection options
    parts["query"] = query
    return parts


def url_password(url: str) -> str | None:
    """The password in a ``postgresql+psycopg://`` URL ("" when there is none), as
    SQLAlchemy's ``make_url(url).password`` reads it; None when this URL is not one
    ``connect_kwargs`` handles."""
    parts = _parts(url)
    if parts is None:
        return None
    return parts["password"] or ""


def connect_kwargs(url: str) -> dict[str, Any] | None:
    """``psycopg.connect`` keyword arguments for ``url``: what SQLAlchemy's psycopg dialect
    passes for it (``create_connect_args``) plus the engine's connect timeout. None when
    the URL is not a plain ``postgresql+psycopg://`` one this reads exactly as SQLAlchemy
    does."""
    parts = _parts(url)
    if parts is None:
        return None
    kwargs: dict[str, Any] = {}
    # URL.translate_connect_args: set (truthy) parts only.
    for part, key in (("ipv4host", "host"), ("ipv6host", "host"), ("database", "dbname"),
                      ("username", "user"), ("password", "password"), ("port", "port")):
        if parts[part]:
            kwargs[key] = parts[part]
    kwargs.update(parts["query"])
    kwargs["connect_timeout"] = CONNECT_TIMEOUT
    return kwargs


# SQLAlchemy's text() bind parameters (``:name``, not ``::type``), and what psycopg wants.
_BIND = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


@lru_cache(maxsize=64)
def _pyformat(sql: str) -> str:
    return _BIND.sub(r"%(\1)s", sql.replace("%", "%%"))


class PgReader:
    """A psycopg connection that runs history_queries' plain SQL (``:name`` parameters) as
    a SQLAlchemy ``text()`` would, rows as tuples. ``cohort_user`` is the connection's role
    on a cohort database (row-level security on), else None. Close it when done."""

    def __init__(self, conn: Any, cohort_user: str | None) -> None:
        self.conn = conn
        self.cohort_user = cohort_user

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        """A cursor over the rows of ``sql`` (``fetchall``/``fetchone``)."""
        return self.conn.execute(_pyformat(sql), params or {})

    def close(self) -> None:
        self.conn.close()


# The revision, the role, and whether row-level security is on (cohort.is_cohort), at once;
# on PostgreSQL 11 and later, JIT compilation is also turned off for the connection, as the
# engine does (db._postgres_session says why).
_CHECK = ("SELECT (SELECT version_num FROM alembic_version), current_user, "
          "(SELECT relrowsecurity AND relforcerowsecurity FROM pg_class "
          "WHERE relname = 'sessions' AND relkind = 'r' "
          "AND relnamespace = 'public'::regnamespace)")
_JIT_OFF = ", set_config('jit', 'off', false)"


def open_reader(url: str) -> PgReader | None:
    """A connection (autocommit: each query reads the latest committed rows, as in the
    engine's read-committed transactions) on a current PostgreSQL history, or None when
    the engine must be used instead (another URL, a schema to create or migrate).
    Raises ``DatabaseError`` when the server cannot be reached, worded as the engine
    words it."""
    kwargs = connect_kwargs(url)
    if kwargs is None:
        return None
    import psycopg

    try:
        conn = psycopg.connect(autocommit=True, **kwargs)
    except psycopg.Error as exc:
        raise DatabaseError(describe(exc, url)) from None
    except (TypeError, ValueError):  # an option psycopg refuses: the engine explains
        return None
    check = _CHECK + (_JIT_OFF if conn.info.server_version >= JIT_OFF_FROM else "")
    try:
        row = conn.execute(check).fetchone()
    except psycopg.Error:  # no schema yet, say: the engine creates it
        conn.close()
        return None
    if row is None or row[0] != head_revision():
        conn.close()
        return None
    return PgReader(conn, str(row[1]) if row[2] else None)


def describe(exc: BaseException, url: str) -> str:
    """The engine's one line for a failure (imports SQLAlchemy: errors only)."""
    from sqlalchemy.engine import make_url

    from .db import describe_error

    return describe_error(exc, make_url(url))

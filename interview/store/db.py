"""Opening the database: engine set-up, migrations, and clear one-line errors.

SQLite gets WAL, foreign keys, a busy timeout and ``BEGIN IMMEDIATE`` transactions (so two
programs writing at once wait for each other instead of failing). Migrations run on open.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from ..paths import tighten_folder
from .errors import DatabaseError
from .revisions import (
    BUSY_TIMEOUT_MS,
    JIT_OFF_FROM,
    MIGRATIONS_DIR,
    head_revision,
    known_revisions,
)

__all__ = ["BUSY_TIMEOUT_MS", "MIGRATIONS_DIR", "head_revision", "known_revisions"]

READ_ONLY_OPTION = "interview_read_only"
"""A connection execution option: its transactions only read (SQLite: a deferred BEGIN)."""


def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def alembic_revisions() -> list[str]:
    """Revision ids, oldest first, as Alembic sees them (imports Alembic: tests only)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def safe_url(url: str | URL) -> str:
    """The URL with any password hidden (also when it cannot be parsed)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError, TypeError):
        return _mask_password(str(url))


def _mask_password(text: str) -> str:
    """``scheme://user:secret@host`` -> ``scheme://user:***@host`` without parsing the rest."""

    return re.sub(r"(//[^/:@]*):[^@/]*@", r"\1:***@", text)


def _where(url: URL) -> str:
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return safe_url(url)


def create_db_engine(url_text: str) -> Engine:
    """An engine for ``url_text``; SQLite files get their folder created."""
    try:
        url = make_url(url_text)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        why = "the port is not a number; " if isinstance(exc, ValueError) else ""
        raise DatabaseError(f"bad database URL '{safe_url(url_text)}' ({why}"
                            "expected e.g. sqlite:///path/history.db or "
                            "postgresql+psycopg://user@host:5432/db)") from None
    backend = url.get_backend_name()
    kwargs: dict[str, Any] = {}
    readonly = False
    if backend == "sqlite":
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            path = Path(url.database).expanduser()
            try:
                is_dir = path.is_dir()
            except OSError as exc:  # a data dir we may not look into
                raise DatabaseError(f"{path.parent}: cannot open the folder "
                                    f"({exc.strerror or exc})") from None
            if is_dir:
                raise DatabaseError(f"{path}: is a folder, not a database file")
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise DatabaseError(f"{path.parent}: cannot create folder ({exc.strerror})") \
                    from None
            _private_file(path)
            if path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
                # A read-only data dir: SQLite cannot create its -wal/-shm files there, and
                # nothing can write the file, so open it read-only and immutable. Reading
                # (history, show, stats) works; writing says "read-only".
                kwargs["creator"] = _read_only_connect(path)
                readonly = True
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    elif backend == "postgresql":
        kwargs["pool_pre_ping"] = True
        if url.get_driver_name() in ("psycopg", "psycopg2", ""):
            kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError:
        raise DatabaseError(f"unsupported database URL '{safe_url(url)}': no driver for "
                            f"'{url.drivername}' (use sqlite:/// or postgresql+psycopg://)") \
            from None
    except (ArgumentError, ImportError, TypeError) as exc:
        raise DatabaseError(f"bad database URL '{safe_url(url)}': {exc}") from None
    if backend == "sqlite":
        _sqlite_pragmas(engine, readonly=readonly)
    elif backend == "postgresql":
        _postgres_session(engine)
    return engine




def _postgres_session(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # No JIT compilation: these queries are index lookups over at most some tens of
        # thousands of rows, and compiling one can cost more than it runs (240 ms of a
        # 360 ms cohort history of 10,000 sessions, once the planner's estimate passed
        # jit_above_cost).
        info = getattr(dbapi_conn, "info", dbapi_conn)  # psycopg 3, psycopg2
        if getattr(info, "server_version", 0) < JIT_OFF_FROM:
            return
        cur = dbapi_conn.cursor()
        try:
            cur.execute("SET jit = off")
        finally:
            cur.close()
        dbapi_conn.commit()


def _read_only_connect(path: Path) -> Any:
    import sqlite3
    from urllib.parse import quote

    wal = path.with_name(path.name + "-wal")
    # With a WAL left by a crash the newest rows live there: read it (SQLite can, given its
    # -shm file); without one nothing can change the file, so skip locking altogether.
    leftover = wal.exists() and wal.stat().st_size > 0
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("" if leftover else "&immutable=1")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)

    return connect


def _private_file(path: Path) -> None:
    """history.db readable by its owner only (0600; SQLite gives its -wal/-shm files the same
    mode) in a folder only its owner can enter (0700): create them so, or tighten what we
    own. Best effort (a read-only folder is fine)."""
    try:
        tighten_folder(path.parent)  # the data dir holds everyone's answers: owner only
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        elif path.stat().st_mode & 0o077 and path.stat().st_uid == os.geteuid():
            path.chmod(0o600)
    except OSError:
        pass


def _sqlite_pragmas(engine: Engine, *, readonly: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN (pysqlite's own handling is off).
        dbapi_conn.isolation_level = None
        if readonly:
            return
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            if engine.url.database not in (None, "", ":memory:"):
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Readers (``reading``) take no write lock: in WAL mode they never wait for each
        # other or for a writer.
        plain = readonly or conn.get_execution_options().get(READ_ONLY_OPTION, False)
        conn.exec_driver_sql("BEGIN" if plain else "BEGIN IMMEDIATE")


def describe_error(exc: BaseException, url: URL) -> str:
    """One line for a database failure."""
    msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = msg[0] if msg else type(exc).__name__
    where = _where(url)
    low = first.lower()
    if url.get_backend_name() == "sqlite":
        if "file is not a database" in low or "malformed" in low:
            return f"{where}: not a usable SQLite database (the file is corrupt or not a database)"
        if "unable to open" in low:
            return f"{where}: cannot open the database file"
        if "readonly" in low or "read-only" in low:
            return f"{where}: the database is read-only"
        if "locked" in low:
            return f"{where}: the database is locked by another program; try again"
    if "connection" in low or "connect" in low or "could not" in low or "timeout" in low:
        return f"cannot connect to the database at {where}: {first}"
    return f"database error ({where}): {first}"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def run_migrations(engine: Engine, target: str = "head") -> None:
    """Replay the migrations up to ``target`` with Alembic, in one transaction."""
    from alembic import command

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def migrate(engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target`` (default: the newest revision).

    A current schema costs one query and no Alembic import; a new, empty SQLite file gets the
    newest schema from the shipped script (fresh_schema.py); Alembic is imported only to
    upgrade. Refuses a database written by a newer program (an unknown revision) with a
    clear message.
    """
    url = engine.url
    try:
        rev = current_revision(engine)
        known = known_revisions()
        if rev is not None and rev not in known:
            raise DatabaseError(
                f"{_where(url)}: this database was written by a newer version of interview "
                f"(schema revision {rev}; this version knows up to {known[-1]}); "
                "upgrade interview to use it")
        if rev == known[-1] and target == "head":
            return
        if rev is None and target == "head" and url.get_backend_name() == "sqlite":
            from .fresh_schema import create_fresh

            if create_fresh(engine, known[-1]):
                return
        run_migrations(engine, target)
    except DatabaseError:
        raise
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise DatabaseError(describe_error(exc, url)) from None


def open_engine(url_text: str) -> Engine:
    """Create the engine, check it can connect, and migrate. Raises ``DatabaseError``."""
    engine = create_db_engine(url_text)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine

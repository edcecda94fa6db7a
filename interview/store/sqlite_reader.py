"""Reading a SQLite history with the standard library's ``sqlite3``, without SQLAlchemy.

``history`` and ``stats`` only read, and SQLAlchemy's import alone costs more than such a
command may take (0.3 s). When the history is a SQLite file whose schema is current, the
read queries (history_queries.py, plain SQL both kinds of connection run) go through a
``sqlite3`` connection instead. Anything else (no file yet, an older schema to migrate, a
folder it cannot open its files in, a server database) returns None, and the caller uses
the engine, which migrates and reports problems as before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote, unquote

from .revisions import BUSY_TIMEOUT_MS, head_revision


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL (None for anything else: memory,
    ``file:`` URIs, options after ``?``, other databases)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = unquote(url[len(prefix):])
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path).expanduser()


def open_reader(url: str) -> sqlite3.Connection | None:
    """A read-only connection in a read transaction (deferred: it takes no lock) on a
    current SQLite history, or None when the engine must be used instead. Close it when
    done."""
    path = sqlite_file(url)
    try:
        if path is None or not path.is_file():
            return None
    except OSError:  # a folder it may not look into: the engine says so clearly
        return None
    conn: sqlite3.Connection | None = None
    try:
        # Read-only: closing it never checkpoints the write-ahead log into the file, so
        # reading leaves the files as they were (Home's snapshot stays valid).
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute("BEGIN")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != head_revision():
            conn.close()
            return None
        return conn
    except sqlite3.Error:
        if conn is not None:
            conn.close()
        return None

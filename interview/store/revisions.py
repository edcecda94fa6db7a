"""The schema's revision chain, read from the migration files without importing Alembic or
SQLAlchemy (checking that a database is current stays cheap), and the connection settings
the ways of opening a history share (db.py, sqlite_reader.py, pg_reader.py)."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 15000
JIT_OFF_FROM = 110000
"""PostgreSQL 11 brought ``jit`` (turned off on our connections); older servers have no such
setting."""

_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:["']([\w.-]+)["']|None)""",
                            re.MULTILINE)


def known_revisions() -> list[str]:
    """Revision ids, oldest first, read from the migration files' ``revision`` and
    ``down_revision`` lines. A test checks this against Alembic's own view of the scripts."""
    parents: dict[str, str | None] = {}
    for f in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _REVISION_LINE.finditer(f.read_text()))
        if found.get("revision"):
            parents[str(found["revision"])] = found.get("down_revision")
    children = {p: r for r, p in parents.items()}
    order: list[str] = []
    rev = children.get(None)
    while rev is not None and rev not in order:
        order.append(rev)
        rev = children.get(rev)
    if len(order) != len(parents):
        raise RuntimeError(f"migration chain is not linear: {sorted(parents)}")
    return order


def head_revision() -> str:
    return known_revisions()[-1]

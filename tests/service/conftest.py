"""Service fixtures: every ``db_url`` test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.pgserver import get_server


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    server = get_server()
    if server is None:
        pytest.skip("no PostgreSQL server binaries (initdb/pg_ctl) installed")
    return server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db' / 'history.db'}"
    server = request.getfixturevalue("pg_server")
    return str(server.new_database())

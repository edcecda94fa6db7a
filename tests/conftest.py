"""Every test runs with its data dir in tmp_path and no user configuration."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.store.pgserver import get_server

_RUN_CACHE = "INTERVIEW_TESTS_RUN_CACHE"


def pytest_configure(config: pytest.Config) -> None:
    """One bank cache per test run, shared by the xdist workers (they inherit the variable
    from the controller; writes to it are atomic) and set before collection, so that what
    loads banks while collecting never reads or writes the user's cache."""
    if _RUN_CACHE not in os.environ:
        folder = tempfile.mkdtemp(prefix="interview-tests-cache-")
        os.environ[_RUN_CACHE] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ["INTERVIEW_CACHE_DIR"] = os.environ[_RUN_CACHE]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers per core (four at most beyond the cores). A third of a
    worker's time goes to waiting (subprocesses, sandbox time limits, Pilot's idle checks),
    and with the longest tests dealt first, four workers on a 2-core machine beat three in
    both of two paired fresh-clone runs (120 s against 140 s, 113 s against 120 s)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    return max(2, min(2 * cores, cores + 4))


def _expected_length(item: pytest.Item) -> int:
    """0 for the longest tests (marked ``slow``: whole sessions, real processes, sandboxes,
    snapshots), 1 for the other Pilot tests, 2 for the rest (mostly milliseconds each)."""
    if item.get_closest_marker("slow"):
        return 0
    return 1 if item.nodeid.startswith("tests/tui/") else 2


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On xdist workers, the longest tests are handed out first (pytest-xdist deals tests in
    collection order, after the groups of several tests): the run then ends on tests of a few
    milliseconds instead of one worker finishing a 10-second session test while the others
    wait. A single process keeps the files' order."""
    if hasattr(config, "workerinput"):
        items.sort(key=_expected_length)  # stable: each class keeps the files' order


@pytest.fixture(scope="session")
def _bank_cache_dir() -> Path:
    """The run's bank cache: warm after the first load of a set of folders, never the
    user's."""
    return Path(os.environ[_RUN_CACHE])


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  _bank_cache_dir: Path) -> Iterator[Path]:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(data))
    monkeypatch.setenv("INTERVIEW_USER", "tester")
    for var in ("INTERVIEW_BANKS", "INTERVIEW_DB_URL", "INTERVIEW_DEBUG", "INTERVIEW_NO_SHIPPED"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(_bank_cache_dir))
    yield data


@pytest.fixture(autouse=True)
def _schema_from_template(request: pytest.FixtureRequest,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh SQLite history gets the schema the migrations built once in this process
    (tests/schema_template.py); tests marked ``real_migrations`` run every migration."""
    if request.node.get_closest_marker("real_migrations"):
        return
    from interview.store import db
    from tests.schema_template import copying_migrate

    monkeypatch.setattr(db, "migrate", copying_migrate(db.migrate))


@pytest.fixture
def data_dir(_isolated_env: Path) -> Path:
    return _isolated_env


@pytest.fixture
def no_shipped_banks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the test's own banks (INTERVIEW_NO_SHIPPED=1): nothing to parse from the library."""
    monkeypatch.setenv("INTERVIEW_NO_SHIPPED", "1")


@pytest.fixture(scope="session")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """``history_db(sessions=N, users=[...])``: the URL of a private copy of a large history
    (benchmarks/history_fixture), built once per test run for all workers."""
    from tests.history_db import history_copy

    def make(*, sessions: int, users: list[str], seed: int = 7) -> str:
        return history_copy(tmp_path_factory, sessions=sessions, users=users, seed=seed)

    return make


# Every ``db_url`` test runs on SQLite and on a real PostgreSQL server (one per test run).
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

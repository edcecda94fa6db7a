"""A current PostgreSQL history is read on a bare psycopg connection (no SQLAlchemy import for
`history` and `stats`), connected exactly as the engine connects and giving exactly what the
engine's path gives; anything else goes through the engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from interview.cli import cli
from interview.config import Settings
from interview.service import Service
from interview.store import history_queries, pg_reader
from interview.store.db import create_db_engine, migrate, open_engine
from interview.store.errors import DatabaseError
from interview.store.pg_reader import PgReader, connect_kwargs, open_reader, url_password
from tests.history_db import fill_history

ROOT = Path(__file__).parents[2]

SAME = [
    "postgresql+psycopg://ada@/cohort?host=/run/pg",
    "postgresql+psycopg://ada:p%40ss%3Aw@db.example:5433/my%20db",
    "postgresql+psycopg://db.example/cohort",
    "postgresql+psycopg://ada@[::1]:5432/cohort?sslmode=require&application_name=iv",
    "postgresql+psycopg:///cohort",
    "postgresql+psycopg://",
    "postgresql+psycopg://ada:@h/db?connect_timeout=3",
    "postgresql+psycopg://ada@h:0/db?host=",
]
LEFT_TO_THE_ENGINE = [
    "postgresql://ada@h/db",  # the default driver depends on the SQLAlchemy version
    "postgresql+psycopg2://ada@h/db",
    "sqlite:///h.db",
    "postgresql+psycopg://alice:s3cret@host:notaport/x",
    "postgresql+psycopg//alice:s3cret@host/x",
    "postgresql+psycopg://ada@h/db?host=a,b",
    "postgresql+psycopg://ada@h/db?host=a:5432",
    "postgresql+psycopg://ada@h/db?host=a&host=b",
    "postgresql+psycopg://ada@h/db?port=5432",
    "postgresql+psycopg://ada@h/db?autocommit=false",
    "postgresql+psycopg://ada@h/db\n?sslmode=disable",
]


def _sqlalchemy_connect_args(url: str) -> dict[str, Any]:
    """What the engine passes to psycopg.connect for ``url`` (db.create_db_engine)."""
    u = make_url(url)
    dialect = u.get_dialect()()
    _, cparams = dialect.create_connect_args(u)
    cparams.pop("context", None)  # its adapters: psycopg's own, inet read as text
    return {**cparams, "connect_timeout": 10}


@pytest.mark.parametrize("url", SAME)
def test_it_connects_with_the_engines_arguments(url: str) -> None:
    assert connect_kwargs(url) == _sqlalchemy_connect_args(url)
    assert url_password(url) == (make_url(url).password or "")


@pytest.mark.parametrize("url", LEFT_TO_THE_ENGINE)
def test_other_urls_are_left_to_the_engine(url: str) -> None:
    assert connect_kwargs(url) is None and url_password(url) is None
    assert open_reader(url) is None


def test_placeholders_become_psycopgs() -> None:
    assert pg_reader._pyformat("SELECT 1 WHERE a = :user AND b::text LIKE '5%' AND c = :n") \
        == "SELECT 1 WHERE a = %(user)s AND b::text LIKE '5%%' AND c = %(n)s"


# -- on a real server -------------------------------------------------------------------------

USERS = ["tester", "bob", "cara"]


@pytest.fixture(scope="module")
def pg_history(pg_server: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = str(pg_server.new_database())
    fill_history(tmp_path_factory, url, sessions=150, users=USERS)
    return url


def _service(url: str, folder: Path, user: str = "tester") -> Service:
    return Service(Settings.build(db_url=url, user=user, data_dir=folder))


def _reads(svc: Service) -> list[Any]:
    return [svc.history(), svc.history(all_users=True), svc.history(round="ml-theory"),
            svc.history(limit=7, question_ids=False), svc.count_sessions(),
            svc.count_sessions(all_users=True), svc.unfinished_sessions(all_users=True),
            svc.stats(), svc.stats(all_users=True), svc.home_figures()]


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kind of connection each history query ran on."""
    kinds: list[str] = []
    real = history_queries._rows

    def rows(conn: Any, sql: str, params: Any = None) -> list[Any]:
        kinds.append("psycopg" if isinstance(conn, PgReader) else type(conn).__module__)
        return real(conn, sql, params)

    monkeypatch.setattr(history_queries, "_rows", rows)
    return kinds


@pytest.mark.postgres
def test_the_service_reads_the_same_on_both_paths(pg_history: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = _spy(monkeypatch)
    fast = _service(pg_history, tmp_path / "fast")
    got = _reads(fast)
    assert fast._engine is None and set(kinds) == {"psycopg"}
    kinds.clear()
    slow = _service(pg_history, tmp_path / "slow")
    slow.check_database()  # the engine is open: reads go through its pool
    want = _reads(slow)
    assert set(kinds) == {"sqlalchemy.engine.base"}
    assert got == want
    assert 0 < len(got[0]) < len(got[1]) == 150 and got[7].answers > 0
    assert got[8].weakest_tags
    # Both read only each snapshot's tags on PostgreSQL: the same as decoding it whole.
    monkeypatch.setattr(history_queries, "_postgres", lambda conn: False)
    assert [fast.stats(), fast.stats(all_users=True)] == got[7:9]
    fast.close()
    slow.close()


COMMANDS = [["history"], ["history", "--all"], ["history", "--all-users"],
            ["history", "--all", "--all-users"], ["history", "--json", "--round", "ml-theory"],
            ["stats"], ["stats", "--json"], ["stats", "--all-users"],
            ["stats", "--json", "--all-users"]]


@pytest.mark.postgres
def test_the_commands_print_the_same_on_both_paths(pg_history: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def run(args: list[str]) -> str:
        res = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "--db", pg_history,
                                       "--user", "tester", *args])
        assert res.exit_code == 0, res.output
        return res.output

    kinds = _spy(monkeypatch)
    fast = [run(c) for c in COMMANDS]
    assert set(kinds) == {"psycopg"}
    kinds.clear()
    monkeypatch.setattr(pg_reader, "open_reader", lambda url: None)
    assert [run(c) for c in COMMANDS] == fast
    assert set(kinds) == {"sqlalchemy.engine.base"}
    assert "Showing the latest 50 of" in fast[2] and "Most missed criteria" in fast[5]


@pytest.mark.postgres
def test_history_and_stats_run_without_sqlalchemy(pg_history: str, tmp_path: Path) -> None:
    code = ("import runpy, sys; sys.argv = ['interview', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('interview', run_name='__main__')\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print('sqlalchemy' in sys.modules)")
    for command in (["history"], ["history", "--all", "--all-users"], ["stats"],
                    ["stats", "--all-users"]):
        out = subprocess.run(
            [sys.executable, "-c", code, "--data-dir", str(tmp_path), "--db", pg_history,
             "--user", "tester", *command], capture_output=True, text=True, check=True,
            cwd=ROOT, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                           "INTERVIEW_CACHE_DIR": str(tmp_path / "cache")}).stdout
        assert out.rstrip().endswith("False"), (command, out)
        assert "finished" in out or "Round" in out, (command, out)


@pytest.mark.postgres
def test_an_empty_or_older_schema_goes_through_the_engine(pg_server: Any,
                                                          tmp_path: Path) -> None:
    url = str(pg_server.new_database())
    assert open_reader(url) is None  # no schema yet
    engine = create_db_engine(url)
    migrate(engine, "0007")
    engine.dispose()
    assert open_reader(url) is None  # not current: the engine's turn
    svc = _service(url, tmp_path)
    assert svc.history() == [] and svc.stats().answers == 0  # migrated on the way
    svc.close()
    reader = open_reader(url)
    assert reader is not None and reader.cohort_user is None  # no row-level security
    reader.close()


@pytest.mark.postgres
def test_a_connection_failure_reads_as_the_engines(pg_server: Any,
                                                   tmp_path: Path) -> None:
    url = f"postgresql+psycopg://postgres:s3cret-pw@/no_such_db?host={pg_server.socket_dir}"
    with pytest.raises(DatabaseError) as engine_error:
        open_engine(url)
    with pytest.raises(DatabaseError) as reader_error:
        open_reader(url)
    assert str(reader_error.value) == str(engine_error.value)
    assert "no_such_db" in str(reader_error.value) and "s3cret" not in str(reader_error.value)
    res = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "--db", url, "stats"])
    assert res.exit_code != 0 and "s3cret" not in res.output
    assert str(engine_error.value) in res.output


@pytest.mark.postgres
def test_both_paths_turn_jit_off_for_their_connections(pg_history: str) -> None:
    # A full cohort history (10,000 sessions) once spent 240 ms of its 360 ms compiling.
    from sqlalchemy import text

    engine = open_engine(pg_history)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW jit")).scalar() == "off"
    finally:
        engine.dispose()
    reader = open_reader(pg_history)
    assert reader is not None
    try:
        assert reader.execute("SHOW jit").fetchone() == ("off",)
    finally:
        reader.close()

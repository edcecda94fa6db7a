"""A current SQLite history is read with the standard library's sqlite3 (no SQLAlchemy
import for `history` and `stats`); anything else goes through the engine, which migrates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from interview.config import Settings
from interview.service import Service, SessionConfig
from interview.store.db import create_db_engine, migrate, open_engine
from interview.store.errors import DatabaseError
from interview.store.sqlite_reader import open_reader, sqlite_file
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
ROOT = Path(__file__).parents[2]


def test_only_plain_sqlite_file_urls_are_read_directly(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/h.db") == tmp_path / "h.db"
    assert sqlite_file("sqlite:///relative/h%20x.db") == Path("relative/h x.db")
    for url in ("sqlite://", "sqlite:///:memory:", "sqlite:///file:x?mode=ro&uri=true",
                "sqlite:///h.db?timeout=3", "postgresql+psycopg://u@h/db"):
        assert sqlite_file(url) is None, url
    assert open_reader(f"sqlite:///{tmp_path}/missing.db") is None
    assert not (tmp_path / "missing.db").exists()  # nothing created


def test_an_older_schema_is_migrated_by_the_engine_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    engine = create_db_engine(url)
    migrate(engine, "0007")
    engine.dispose()
    assert open_reader(url) is None  # not current: the engine's turn
    svc = Service(Settings.build(db_url=url, user="ada", data_dir=tmp_path))
    assert svc.history() == [] and svc.stats().answers == 0  # migrated on the way
    conn = open_reader(url)
    assert conn is not None
    conn.close()


def test_history_and_stats_read_without_sqlalchemy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    svc = Service(Settings.build(db_url=url, user="ada", data_dir=tmp_path,
                                 banks=[str(FIXTURES)], shipped_banks=False),
                  scorer=FakeScorer())
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0,
                                        seed=1))
    h.start()
    h.submit("It memorises noise.", elapsed=3)
    svc.close()
    for command in (["history"], ["history", "--all"], ["stats"]):
        code = ("import runpy, sys; sys.argv = ['interview', *sys.argv[1:]]\n"
                "try:\n    runpy.run_module('interview', run_name='__main__')\n"
                "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
                "print('sqlalchemy' in sys.modules)")
        out = subprocess.run(
            [sys.executable, "-c", code, "--data-dir", str(tmp_path), "--db", url, "--user",
             "ada", *command], capture_output=True, text=True, check=True, cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                 "INTERVIEW_CACHE_DIR": str(tmp_path / "cache")}).stdout
        assert out.rstrip().endswith("False"), (command, out)
        assert "1" in out  # the session is listed / counted


def test_a_broken_file_still_gets_the_engines_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    open_engine(f"sqlite:///{db}").dispose()
    db.write_bytes(b"not a database" * 100)
    assert open_reader(f"sqlite:///{db}") is None
    svc = Service(Settings.build(db_url=f"sqlite:///{db}", user="ada", data_dir=tmp_path))
    with pytest.raises(DatabaseError, match="not a usable SQLite database"):
        svc.history()

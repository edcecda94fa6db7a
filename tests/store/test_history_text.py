"""On PostgreSQL, ``history``'s lines are written by the server (history_queries.
history_text): the same text as Python's formatting of the same records, in any local time
zone, and the same as a SQLite history of the same sessions prints."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from interview.cli import cli
from interview.cli.session_cmds import _history_lines
from interview.config import Settings
from interview.service import Service
from interview.store import history_queries, local_offsets
from interview.store.db import open_engine
from interview.store.pg_reader import open_reader
from tests.history_db import fill_history, history_copy

USERS = ["tester", "bob", "cara"]

# POSIX rules work without the system's zone files; the names need them.
ZONES = ["UTC0", "EST5EDT,M3.2.0,M11.1.0", "<+0530>-5:30",
         "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "<-01>1<+00>0,M3.5.0/0,M10.5.0/1"]
NAMED = ["America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Europe/Dublin"]
if Path("/usr/share/zoneinfo/Europe/Dublin").exists():
    ZONES += NAMED


@pytest.fixture
def local_zone() -> Iterator[Any]:
    """Sets the process's local time zone (``TZ``) for one test, then restores it."""
    before = os.environ.get("TZ")

    def use(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def _epoch(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())  # type: ignore[misc]


@pytest.mark.parametrize("zone", ZONES)
def test_the_offsets_are_those_python_uses(zone: str, local_zone: Any) -> None:
    local_zone(zone)
    lo, hi = _epoch(2023, 1, 1), _epoch(2026, 1, 1)
    bounds, offsets = local_offsets.offsets_between(lo, hi)
    assert len(offsets) == len(bounds) + 1 and bounds == sorted(bounds)
    if zone in ("UTC0", "<+0530>-5:30"):
        assert not bounds
    elif zone in ("EST5EDT,M3.2.0,M11.1.0", "America/New_York"):
        assert len(bounds) == 6  # three springs and three autumns
    for i, b in enumerate(bounds):  # each change is found to the second
        assert local_offsets.gmtoff(b - 1) == offsets[i] != offsets[i + 1] \
            == local_offsets.gmtoff(b)
    step = 3607  # and between them the offset is the one datetime uses
    for t in range(lo, hi, step):
        i = sum(1 for b in bounds if b <= t)
        local = datetime.fromtimestamp(t, UTC).astimezone()
        assert local.utcoffset() == timedelta(seconds=offsets[i])


# -- on a real server -------------------------------------------------------------------------

ODD_SCORES = [None, -0.3, 0.5, 1.5, 2.5, 99.5, 100.0, 1e-9, 12.4999999]


@pytest.fixture(scope="module")
def odd_history(pg_server: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A cohort whose sessions start around daylight-saving changes and hold odd values:
    half-way scores, doubled or missing commas in ``rounds``, long ids and names."""
    url = str(pg_server.new_database())
    fill_history(tmp_path_factory, url, sessions=60, users=USERS)
    engine = open_engine(url)
    changes = [datetime(2025, 3, 9, 7), datetime(2025, 11, 2, 6), datetime(2025, 3, 30, 1),
               datetime(2025, 10, 26, 1), datetime(2024, 10, 5, 15, 30),
               datetime(2025, 4, 5, 15)]
    with engine.begin() as conn:
        sid = 0
        for change in changes:
            for delta in (-3600, -61, -1, 0, 59, 1800):
                sid += 1
                conn.execute(text("UPDATE sessions SET started_at = :t WHERE id = :id"),
                             {"t": change + timedelta(seconds=delta, microseconds=sid),
                              "id": sid})
        for i, score in enumerate(ODD_SCORES, start=40):
            conn.execute(text("UPDATE sessions SET score = :s WHERE id = :id"),
                         {"s": score, "id": i})
        conn.execute(text("UPDATE sessions SET rounds = ',,ml-theory,,behavioral,system-design,"
                          "coding-screen,portfolio,' WHERE id = 50"))
        conn.execute(text("UPDATE sessions SET rounds = '' WHERE id = 51"))
        conn.execute(text("UPDATE sessions SET mode = 'exäm' WHERE id = 52"))
        conn.execute(text("DELETE FROM session_questions WHERE session_id = 53"))
        conn.execute(text("UPDATE sessions SET id = 123456 WHERE id = 53"))
        conn.execute(text("UPDATE users SET name = 'zoë 名前' WHERE name = 'cara'"))
    engine.dispose()
    return url


def _python_text(svc: Service, **kw: Any) -> tuple[str, int, int]:
    text, shown = _history_lines(svc.history(question_ids=False, **kw),
                                 kw.get("all_users", False))
    count = {k: v for k, v in kw.items() if k != "limit"}
    return text, shown, svc.count_sessions(**count)


READS: list[dict[str, Any]] = [{}, {"all_users": True}, {"limit": 7}, {"limit": 1000},
                               {"all_users": True, "round": "ml-theory"},
                               {"round": "behavioral", "limit": 3}]


@pytest.mark.postgres
@pytest.mark.parametrize("zone", ZONES)
def test_the_server_writes_what_python_writes(odd_history: str, tmp_path: Path, zone: str,
                                              local_zone: Any) -> None:
    local_zone(zone)
    svc = Service(Settings.build(db_url=odd_history, user="tester", data_dir=tmp_path))
    for kw in READS:
        got = svc.history_text(**kw)
        assert got is not None, kw
        assert got == _python_text(svc, **kw), (zone, kw)
    everyone = svc.history_text(all_users=True)
    assert everyone is not None and everyone[1] == everyone[2] == 60
    assert "zoë 名前" in everyone[0] and "#123456 " in everyone[0]
    svc.close()


@pytest.mark.postgres
def test_values_the_server_would_write_otherwise_fall_back(odd_history: str,
                                                          tmp_path: Path) -> None:
    reader = open_reader(odd_history)
    assert reader is not None
    before = history_queries.history_text(reader, user=None, with_user=True)
    reader.execute("UPDATE sessions SET score = 'NaN' WHERE id = 44")
    try:
        assert history_queries.history_text(reader, user=None, with_user=True) is None
        svc = Service(Settings.build(db_url=odd_history, user="tester", data_dir=tmp_path))
        assert svc.history_text(all_users=True) is None
        res = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "--db", odd_history,
                                       "--user", "tester", "history", "--all", "--all-users"])
        assert res.exit_code == 0, res.output
        lines = res.output.splitlines()
        assert len(lines) == 60 and any(" nan  " in line for line in lines)
        svc.close()
    finally:
        reader.execute("UPDATE sessions SET score = 2.5 WHERE id = 44")
        assert history_queries.history_text(reader, user=None, with_user=True) == before
    # A connection that writes fewer digits of a double than it holds.
    reader.execute("SET extra_float_digits = -1")
    assert history_queries.history_text(reader, user=None, with_user=True) is None
    reader.execute("RESET extra_float_digits")
    assert history_queries.history_text(reader, user=None, with_user=True) == before
    reader.close()


@pytest.mark.postgres
def test_no_sessions_prints_the_same(pg_server: Any, tmp_path: Path) -> None:
    url = str(pg_server.new_database())
    open_engine(url).dispose()
    svc = Service(Settings.build(db_url=url, user="tester", data_dir=tmp_path))
    assert svc.history_text(all_users=True) == ("", 0, 0)
    svc.close()
    res = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "--db", url, "history"])
    assert res.output == "No sessions yet. Start one with: interview practice\n"


@pytest.mark.postgres
@pytest.mark.parametrize("zone", ["UTC0", "EST5EDT,M3.2.0,M11.1.0"])
def test_postgresql_prints_what_sqlite_prints(pg_server: Any, tmp_path: Path, zone: str,
                                              tmp_path_factory: pytest.TempPathFactory,
                                              local_zone: Any) -> None:
    local_zone(zone)
    sqlite = history_copy(tmp_path_factory, sessions=150, users=USERS)
    postgres = str(pg_server.new_database())
    fill_history(tmp_path_factory, postgres, sessions=150, users=USERS)
    svc = Service(Settings.build(db_url=postgres, user="tester", data_dir=tmp_path))
    assert svc.history_text(all_users=True) is not None  # the server writes it
    svc.close()
    for args in (["history", "--all", "--all-users"], ["history"], ["history", "--limit", "9"],
                 ["history", "--all-users", "--round", "coding-screen"]):
        out = []
        for url in (sqlite, postgres):
            res = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "--db", url,
                                           "--user", "tester", *args])
            assert res.exit_code == 0, res.output
            out.append(res.output)
        assert out[0] == out[1], args
        assert "answers" in out[0]

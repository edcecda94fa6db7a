"""History and stats queries at scale: aggregated in SQL, no bound parameter per row."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from interview.config import Settings
from interview.service import Service
from interview.store import history_queries

# The modules that use ``history_db`` run on one xdist worker: it builds the databases
# while the other worker runs other tests, instead of both waiting for the first build.
pytestmark = pytest.mark.xdist_group("history-db")


def test_the_history_db_group_holds_on_one_worker(request: pytest.FixtureRequest) -> None:
    """Under `--dist loadgroup`, pytest-xdist marks each grouped test's id with its group (and
    runs the group on one worker); some pytest releases silently undo that (see pyproject)."""
    if getattr(request.config.option, "loadgroup", False):  # set on xdist workers only
        assert request.node.nodeid.endswith("@history-db"), request.node.nodeid


@pytest.fixture(scope="module")
def big_history(history_db: Callable[..., str]) -> str:
    return history_db(sessions=300, users=["tester", "bob"])


def _limit_variables(svc: Service, limit: int) -> list[int]:
    """Lower SQLite's bound-variable limit on every connection; record the most bound."""
    seen: list[int] = []
    engine = svc._db()

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)

    @event.listens_for(engine, "before_cursor_execute")
    def _count(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen.append(len(parameters or ()))

    engine.dispose()
    return seen


def _through_sqlite3(monkeypatch: pytest.MonkeyPatch, limit: int) -> list[int]:
    """The sqlite3 read path with SQLite's bound-variable limit lowered on each connection;
    records each statement's bound parameters."""
    from interview.store import sqlite_reader

    real = sqlite_reader.open_reader
    seen: list[int] = []

    def limited(url: str) -> sqlite3.Connection | None:
        conn = real(url)
        if conn is not None:
            conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
        return conn

    monkeypatch.setattr(sqlite_reader, "open_reader", limited)
    original_rows = history_queries._rows

    def rows(conn: Any, sql: str, params: Any = None) -> list[Any]:
        if isinstance(conn, sqlite3.Connection):
            seen.append(len(params or ()))
        return original_rows(conn, sql, params)

    monkeypatch.setattr(history_queries, "_rows", rows)
    return seen


@pytest.mark.parametrize("path", ["sqlalchemy", "sqlite3"])
def test_stats_and_history_bind_a_handful_of_parameters(
        big_history: str, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = Service(Settings.build(db_url=big_history, user="tester"))
    if path == "sqlalchemy":
        from interview.store import sqlite_reader

        monkeypatch.setattr(sqlite_reader, "open_reader", lambda url: None)
        seen = _limit_variables(svc, 20)
    else:
        seen = _through_sqlite3(monkeypatch, 20)
    mine = svc.history()
    everyone = svc.history(all_users=True)
    assert 0 < len(mine) < len(everyone) == 300
    assert all(r.user == "tester" for r in mine)
    stats = svc.stats()
    assert stats.sessions == sum(1 for r in mine if r.answers or r.score is not None)
    assert stats.answers == sum(r.answers for r in mine)
    assert svc.stats(all_users=True).answers == sum(r.answers for r in everyone)
    unfinished = svc.unfinished_sessions()
    assert unfinished == [r for r in mine if r.status == "unfinished"]
    assert seen and max(seen) <= 5


def test_round_figures_are_means_of_best_scores(big_history: str) -> None:
    svc = Service(Settings.build(db_url=big_history, user="tester"))
    stats = svc.stats()
    ml = next(r for r in stats.rounds if r.round == "ml-theory")
    assert ml.sessions > 0 and ml.best is not None and ml.average is not None
    assert 0 <= ml.average <= ml.best <= 100
    assert len(ml.trend) == min(10, ml.sessions)
    # Cross-check one session's round score against its detail (best attempt per question).
    rec = next(r for r in reversed(svc.history()) if "ml-theory" in r.rounds and r.answers)
    detail = svc.session_detail(rec.id)
    bests = [q.best_score for q in detail.questions
             if q.round == "ml-theory" and q.best_score is not None]
    figures = history_queries.stats_rows
    with svc._reading() as conn:
        rows = figures(conn, user="tester")
    total, n = rows.round_scores[(rec.id, "ml-theory")]
    assert n == len(bests) and total == pytest.approx(sum(bests))
    assert stats.missed_criteria and stats.weakest_tags


def test_history_limit_and_round_filter(big_history: str, tmp_path: Path) -> None:
    svc = Service(Settings.build(db_url=big_history, user="tester"))
    full = svc.history("behavioral")
    assert full and all("behavioral" in r.rounds for r in full)
    assert svc.history("behavioral", limit=3) == full[:3]


@pytest.mark.parametrize("reader", ["_reading", "_history_reader"])
def test_reads_take_no_write_lock(big_history: str, reader: str) -> None:
    """A reader's transaction is deferred: a writer (another program) is not kept waiting,
    and neither is another reader (through the engine, and through sqlite3)."""
    svc = Service(Settings.build(db_url=big_history, user="tester"))
    path = big_history.removeprefix("sqlite:///")
    with getattr(svc, reader)() as conn:
        assert history_queries.count_sessions(conn, user="tester") > 0  # transaction open
        other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # "database is locked" if the reader held it
            other.execute("ROLLBACK")
        finally:
            other.close()
        assert svc.history(limit=1)  # a second reader meanwhile


def test_history_without_question_ids_and_the_count(big_history: str) -> None:
    svc = Service(Settings.build(db_url=big_history, user="tester"))
    full = svc.history()
    light = svc.history(question_ids=False)
    assert [r.questions for r in light] == [r.questions for r in full]
    assert all(r.question_ids == () for r in light)
    assert [r.id for r in light] == [r.id for r in full]
    assert svc.count_sessions() == len(full)
    assert svc.count_sessions("behavioral") == len(svc.history("behavioral"))
    assert svc.count_sessions(all_users=True) == 300


def test_stats_rows_are_reused_until_the_database_changes(
        big_history: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    url = f"sqlite:///{tmp_path / 'copy.db'}"
    shutil.copy(big_history.removeprefix("sqlite:///"), tmp_path / "copy.db")
    svc = Service(Settings.build(db_url=url, user="tester"))
    first = svc.stats()
    queries: list[str] = []
    real = history_queries.stats_rows

    def counted(conn: Any, *, user: str | None, tags: bool = True) -> history_queries.StatsRows:
        queries.append("stats" if tags else "stats without tags")
        return real(conn, user=user, tags=tags)

    monkeypatch.setattr(history_queries, "stats_rows", counted)
    assert svc.stats() == first and svc.home_figures().rounds == first.rounds
    untagged = svc.stats(tags=False)  # served by the rows kept, tags and all
    assert not queries  # no second stats query
    assert first.weakest_tags and untagged.weakest_tags == first.weakest_tags
    gone = svc.history(limit=1)[0]
    svc.delete_session(gone.id)  # a write through this service
    after = svc.stats()
    assert queries
    assert after.sessions == first.sessions - (1 if gone.answers or gone.score else 0)
    queries.clear()
    other = Service(Settings.build(db_url=url, user="tester"))  # another program writes
    other.delete_session(other.history(limit=1)[0].id)
    other.close()
    svc.stats()
    assert queries
    queries.clear()
    svc.delete_session(svc.history(limit=1)[0].id)
    lean = svc.stats(tags=False)  # the home screen's and History's: no tags, no decoding
    assert queries == ["stats without tags"] and lean.weakest_tags == ()
    full = svc.stats()
    assert queries == ["stats without tags", "stats"]  # rows without tags serve no tags
    assert (lean.rounds, lean.missed_criteria) == (full.rounds, full.missed_criteria)
    assert full.weakest_tags


def test_history_rows_are_the_history_as_stored(big_history: str) -> None:
    """The History table's rows: the same sessions, order and figures as ``history``, with
    the newest page picked without counting the rest."""
    from interview.service.history_table import history_rows, rounds_of, stored_time

    svc = Service(Settings.build(db_url=big_history, user="tester"))
    records = svc.history(question_ids=False)
    rows = history_rows(svc)
    assert [r.id for r in rows] == [r.id for r in records]
    for row, rec in zip(rows, records, strict=True):
        assert (stored_time(row.started_at), bool(row.finished), row.mode, rounds_of(row.rounds),
                row.score, row.answers, row.questions) == (
            rec.started_at, rec.status == "finished", rec.mode, rec.rounds, rec.score,
            rec.answers, rec.questions)
    assert history_rows(svc, limit=7) == rows[:7]
    assert len(history_rows(svc, all_users=True)) == 300


def test_home_figures_from_a_snapshot_that_still_holds_read_only_the_review_queue(
        big_history: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from interview.service.overview import database_stamp

    url = f"sqlite:///{tmp_path / 'copy.db'}"
    shutil.copy(big_history.removeprefix("sqlite:///"), tmp_path / "copy.db")
    settings = Settings.build(db_url=url, user="tester")
    figures = Service(settings).home_figures()
    painted = (figures, database_stamp(settings))
    queries: list[bool] = []
    real = history_queries.stats_rows

    def counted(conn: Any, *, user: str | None, tags: bool = True) -> history_queries.StatsRows:
        queries.append(tags)
        return real(conn, user=user, tags=tags)

    monkeypatch.setattr(history_queries, "stats_rows", counted)
    again = Service(settings).home_figures(painted)  # the next start, nothing in memory
    assert again == figures and not queries
    other = Service(settings)  # another program writes: the snapshot no longer holds
    gone = other.history(limit=1)[0]
    other.delete_session(gone.id)
    other.close()
    after = Service(settings).home_figures(painted)
    assert queries == [False]  # read again (without tags: Home shows none)
    assert after == Service(settings).home_figures()

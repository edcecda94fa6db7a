"""Nothing submitted is ever lost: the journal before the database, replay on the next start,
NUL bytes, a dead server, a missing table, a full disk; never "saved" when it was not."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.config import Settings
from interview.service import Service, SessionConfig
from interview.service.journal import (
    AnswerKeptError,
    AnswerLostError,
    Journal,
)
from interview.store.errors import DatabaseError
from interview.store.repository import Repository

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
ANSWER = ("Overfitting is when the model memorises noise in the training data; watch the "
          "validation error on a held-out set; regularisation helps.")
CONFIG = SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-bias"), max_followups=0, seed=1)


def make_service(data_dir: Path, db_url: str | None = None) -> Service:
    return Service(Settings.build(data_dir=data_dir, db_url=db_url, user="ada",
                                  banks=[str(FIXTURES)], shipped_banks=False))


@pytest.fixture
def svc(data_dir: Path, db_url: str) -> Iterator[Service]:
    s = make_service(data_dir, db_url)
    yield s
    s.close()


def answers(service: Service, session_id: int) -> list[str]:
    detail = service.session_detail(session_id)
    return [a.answer for q in detail.questions for a in q.attempts]


def test_an_answer_is_journaled_then_acknowledged(svc: Service, data_dir: Path) -> None:
    h = svc.start_session(CONFIG)
    h.start()
    h.submit(ANSWER, elapsed=5)
    journal = Journal(data_dir)
    assert journal.pending() == []
    assert answers(svc, h.id) == [ANSWER]
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    if journal.path.exists():
        assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600


def test_nul_bytes_are_replaced_and_saved(svc: Service) -> None:
    h = svc.start_session(CONFIG)
    h.start()
    h.submit("memorises noise\x00 in the training data", elapsed=5)
    assert answers(svc, h.id) == ["memorises noise\ufffd in the training data"]


def test_a_failed_write_keeps_the_answer_and_the_next_start_writes_it(
        svc: Service, data_dir: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    h = svc.start_session(CONFIG)
    h.start()

    def full_disk(self: Repository, *args: object, **kwargs: object) -> None:
        raise DatabaseError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(Repository, "save_progress", full_disk)
        with pytest.raises(AnswerKeptError, match=r"kept in .*journal\.jsonl and will be written"):
            h.submit(ANSWER, elapsed=5)
    assert svc.unsaved_answers() == 1
    assert Journal(data_dir).pending_count() == 1
    assert answers(svc, h.id) == []  # not in the database yet...
    later = make_service(data_dir, db_url)  # ...until the next start
    assert answers(later, h.id) == [ANSWER]
    assert Journal(data_dir).pending() == []
    later.close()


def test_journal_and_database_both_failing_is_reported_as_lost(
        svc: Service, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    h = svc.start_session(CONFIG)
    h.start()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    def db_fail(self: Repository, *args: object, **kwargs: object) -> None:
        raise DatabaseError("database or disk is full")

    monkeypatch.setattr(Journal, "_append", fail)
    monkeypatch.setattr(Repository, "save_progress", db_fail)
    with pytest.raises(AnswerLostError, match="No space left on device"):
        h.submit(ANSWER, elapsed=5)


def test_a_read_only_journal_does_not_stop_a_good_write(
        svc: Service, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    h = svc.start_session(CONFIG)
    h.start()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Journal, "_append", fail)
    h.submit(ANSWER, elapsed=5)
    assert answers(svc, h.id) == [ANSWER]
    assert svc.unsaved_answers() == 0


def test_a_missing_table_keeps_the_answer(svc: Service, data_dir: Path, db_url: str) -> None:
    h = svc.start_session(CONFIG)
    h.start()
    repo = svc.repository()
    with repo.engine.begin() as conn:
        for table in ("answer_notes", "disputes", "criterion_results", "attempts"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
    with pytest.raises(AnswerKeptError):
        h.submit(ANSWER, elapsed=5)
    assert Journal(data_dir).pending_count() == 1


def test_replay_is_per_database_and_keeps_the_newest_version(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "d")
    from interview.domain.attempt import Attempt

    def upd(answer: str) -> list[tuple[int, Attempt]]:
        return [(0, Attempt(attempt=1, answer=answer, skipped=False, score=1.0, report=None,
                            elapsed=1.0, time_limit=60))]

    journal.record("db-a", 1, upd("first"), None, 1.0)
    journal.record("db-a", 1, upd("second"), None, 1.0)
    journal.record("db-b", 1, upd("elsewhere"), None, 1.0)

    def texts(entries: list[dict[str, object]]) -> list[str]:
        return [a["attempt"]["answer"] for e in entries for a in e["attempts"]]  # type: ignore[attr-defined, index]

    assert texts(journal.pending("db-a")) == ["second"]
    assert texts(journal.pending("db-b")) == ["elsewhere"]
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o700
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600


def test_cli_never_says_saved_when_an_answer_is_only_in_the_journal(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_save = Repository.save_progress

    def full_disk(self: Repository, session_id: int, attempts: list[object],
                  **kwargs: object) -> None:
        if attempts:  # the disk fills up when the answer is written
            raise DatabaseError("database or disk is full")
        real_save(self, session_id, attempts, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(Repository, "save_progress", full_disk)
        res = CliRunner().invoke(cli, ["--banks", str(FIXTURES), "practice", "--plain", "-q",
                                       "mlt-fx-overfit", "--seed", "1"], input=f"{ANSWER}\n.\n")
    assert res.exit_code == 4, res.output  # EXIT_DATABASE
    assert "saved." not in res.output
    assert "kept in" in res.output and "will be written" in res.output
    res = CliRunner().invoke(cli, ["history", "--json"])  # the next start replays it
    assert res.exit_code == 0, res.output
    [rec] = json.loads(res.stdout)
    assert rec["answers"] == 1
    assert Journal(data_dir).pending() == []


def _block_database(url: str, allow: bool) -> None:
    """Make one database of the shared server unreachable (or reachable again): no new
    connections, existing ones terminated. What the app sees is a dead server."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    host = u.query["host"]
    with psycopg.connect(host=str(host), user="postgres", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{u.database}" ALLOW_CONNECTIONS {str(allow).lower()}')
        if not allow:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (u.database,))


@pytest.mark.postgres
def test_postgresql_going_away_mid_session_loses_nothing(pg_server: object,
                                                         data_dir: Path) -> None:
    url = pg_server.new_database()  # type: ignore[attr-defined]
    svc = make_service(data_dir, url)
    h = svc.start_session(CONFIG)
    h.start()
    _block_database(url, allow=False)
    try:
        with pytest.raises(AnswerKeptError):
            h.submit(ANSWER, elapsed=5)
    finally:
        _block_database(url, allow=True)
    svc.close()
    later = make_service(data_dir, url)
    assert answers(later, h.id) == [ANSWER]
    assert later.repository().replayed == (1, 0)  # type: ignore[attr-defined]
    later.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_postgresql_stopped_mid_session_cli_exits_non_zero_and_replays(
        pg_server: object, data_dir: Path, tmp_path: Path) -> None:
    """The real thing: pg_ctl stop while the CLI is between answers, pg_ctl start after."""
    server = pg_server
    url = server.new_database()  # type: ignore[attr-defined]
    datadir = server.root / "data"  # type: ignore[attr-defined]

    def pg_ctl(*args: str) -> None:
        cmd = server._cmd(str(server.bin_dir / "pg_ctl"), "-D", str(datadir), *args)  # type: ignore[attr-defined]
        subprocess.run(cmd, capture_output=True, timeout=60, check=True)

    svc = make_service(data_dir, url)
    h = svc.start_session(CONFIG)
    h.start()
    opts = (f"-k {server.root} -c listen_addresses='' -c fsync=off "  # type: ignore[attr-defined]
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
    pg_ctl("-m", "fast", "-w", "stop")
    try:
        with pytest.raises(AnswerKeptError):
            h.submit(ANSWER, elapsed=5)
    finally:
        pg_ctl("-o", opts, "-w", "-t", "60", "-l", str(server.root / "server.log"),  # type: ignore[attr-defined]
               "start")
    later = make_service(data_dir, url)
    assert answers(later, h.id) == [ANSWER]
    later.close()
    assert os.path.exists(Journal(data_dir).path)


def test_an_ack_never_cuts_away_another_program_s_pending_answer(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from interview.domain.attempt import Attempt

    def upd(i: int) -> list[tuple[int, Attempt]]:
        return [(i, Attempt(attempt=1, answer=f"a{i}", skipped=False, score=1.0, report=None,
                            elapsed=1.0, time_limit=60))]

    first, second = Journal(tmp_path), Journal(tmp_path)  # two programs, one data dir
    kept = second.record("db", 1, upd(0), None, 1.0)  # its database write has not happened yet

    def one(i: int) -> None:
        entry = first.record("db", 1, upd(i), None, 1.0)
        first.ack(entry["id"])

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, range(1, 41)))
    assert [e["id"] for e in second.pending()] == [kept["id"]]
    second.ack(kept["id"])
    assert first.pending() == [] and first.path.stat().st_size == 0

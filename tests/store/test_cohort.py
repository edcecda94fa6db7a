"""Cohort access on a real PostgreSQL server: roles, grants and row-level security.

A member reads and writes only their own rows, through the app and through raw SQL; a mentor
reads every row and changes none; the user is the connection's role.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.config import Settings
from interview.service import Service, SessionConfig, UnknownSessionError
from interview.store import cohort

pytestmark = pytest.mark.postgres

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
CONFIG = SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0, seed=1)
ANSWER = "It memorises noise in the training data; check the validation error."
_ids = itertools.count(1)


@dataclass
class Cohort:
    host: str
    db: str
    owner: str
    members: dict[str, str]  # role -> password

    def url(self, role: str) -> str:
        return f"postgresql+psycopg://{role}@/{self.db}?host={self.host}"

    def sql(self, role: str) -> psycopg.Connection:
        return psycopg.connect(host=self.host, user=role, dbname=self.db, autocommit=True)


def invoke(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.output


@pytest.fixture
def co(pg_server: object) -> Iterator[Cohort]:
    server = pg_server
    host = str(server.socket_dir)  # type: ignore[attr-defined]
    n = next(_ids)
    owner, db = f"cohort_owner_{n}", f"interview_cohort_{n}"
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as c:
        c.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
        c.execute(f'CREATE DATABASE "{db}" OWNER "{owner}"')
    cohort_ = Cohort(host, db, owner, {})
    code, out = invoke("--db", cohort_.url(owner), "cohort", "init")
    assert code == 0, out
    for name, mentor in ((f"ada_{n}", False), (f"bob_{n}", False), (f"mia_{n}", True)):
        args = ["--db", cohort_.url(owner), "cohort", "add", name] + (["--mentor"] if mentor else [])
        code, out = invoke(*args)
        assert code == 0, out
        cohort_.members[name] = out.splitlines()[1].strip()
    yield cohort_


def service(co: Cohort, role: str, user: str = "someone-else") -> Service:
    return Service(Settings.build(db_url=co.url(role), user=user, banks=[str(FIXTURES)],
                                  shipped_banks=False))


def answered_session(co: Cohort, role: str) -> int:
    svc = service(co, role)
    h = svc.start_session(CONFIG)
    h.start()
    h.submit(ANSWER, elapsed=5)
    svc.close()
    return h.id


def names(co: Cohort) -> tuple[str, str, str]:
    ada, bob, mia = co.members
    return ada, bob, mia


def test_init_turns_on_forced_row_level_security_everywhere(co: Cohort) -> None:
    with co.sql("postgres") as c:
        rows = dict(c.execute(
            "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class "
            "WHERE relname = ANY(%s)", ([r.table for r in cohort.RULES],)).fetchall())
    assert rows == {r.table: True for r in cohort.RULES}


def test_add_prints_a_generated_password_once_and_refuses_duplicates(co: Cohort) -> None:
    ada, _, _ = names(co)
    assert len(co.members[ada]) >= 20
    with co.sql("postgres") as c:
        assert c.execute("SELECT rolpassword IS NOT NULL, rolcanlogin FROM pg_authid "
                         "WHERE rolname = %s", (ada,)).fetchone() == (True, True)
    code, out = invoke("--db", co.url(co.owner), "cohort", "add", ada)
    assert code == 4 and "already exists" in out
    code, out = invoke("--db", co.url(co.owner), "cohort", "add", "Robert'); DROP TABLE x;--")
    assert code == 4 and "cannot be a cohort member's name" in out


def test_the_user_is_the_connection_role_not_user_option(co: Cohort) -> None:
    ada, _, _ = names(co)
    sid = answered_session(co, ada)
    svc = service(co, ada, user="bob")
    assert svc.user == ada
    [rec] = svc.history()
    assert rec.id == sid and rec.user == ada
    svc.close()


def test_a_member_sees_and_changes_only_their_own_rows_in_the_app(co: Cohort) -> None:
    ada, bob, _ = names(co)
    sid = answered_session(co, ada)
    svc = service(co, bob)
    assert svc.history(all_users=True) == []
    with pytest.raises(UnknownSessionError):
        svc.session_detail(sid, all_users=True)
    svc.close()


def test_a_member_sees_and_changes_only_their_own_rows_with_raw_sql(co: Cohort) -> None:
    ada, bob, _ = names(co)
    sid = answered_session(co, ada)
    answered_session(co, bob)
    with co.sql(bob) as c:
        assert c.execute("SELECT count(*) FROM users").fetchone() == (1,)
        assert c.execute("SELECT count(*) FROM sessions").fetchone() == (1,)
        assert c.execute("SELECT count(*) FROM attempts WHERE session_id = %s",
                         (sid,)).fetchone() == (0,)
        assert c.execute("UPDATE attempts SET score = 100 WHERE session_id = %s",
                         (sid,)).rowcount == 0
        assert c.execute("DELETE FROM sessions WHERE id = %s", (sid,)).rowcount == 0
        with co.sql("postgres") as su:
            ada_user = su.execute("SELECT id FROM users WHERE name = %s", (ada,)).fetchone()
            sq = su.execute("SELECT id FROM session_questions WHERE session_id = %s",
                            (sid,)).fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO sessions (user_id, started_at, updated_at, mode, round, "
                      "rounds, config, seed, app_version) VALUES (%s, now(), now(), 'practice', "
                      "'ml-theory', ',ml-theory,', '{}', 1, 'x')", ada_user)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO users (name, created_at) VALUES (%s, now())", (ada + "x",))
        own = c.execute("SELECT id FROM sessions").fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # into ada's question
            c.execute("INSERT INTO attempts (session_id, session_question_id, attempt_no, answer,"
                      " skipped, score, band, hints_used, hint_penalty, elapsed, time_limit, "
                      "over_time, followups, concluded, created_at, updated_at) VALUES "
                      "(%s, %s, 9, 'x', false, 1, 'weak', 0, 0, 1, 60, false, '[]', true, now(), "
                      "now())", (own[0], sq[0]))
    with co.sql(ada) as c:  # ada's data is untouched
        assert c.execute("SELECT answer FROM attempts").fetchall() == [(ANSWER,)]


def test_members_cannot_change_shared_question_snapshots(co: Cohort) -> None:
    ada, bob, _ = names(co)
    answered_session(co, ada)
    with co.sql(bob) as c:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE question_snapshots SET data = '{}'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("DELETE FROM question_snapshots")


def test_a_mentor_reads_everyone_and_changes_no_answer(co: Cohort) -> None:
    ada, bob, mia = names(co)
    sid_a = answered_session(co, ada)
    sid_b = answered_session(co, bob)
    svc = service(co, mia)
    assert {r.id for r in svc.history(all_users=True)} == {sid_a, sid_b}
    assert svc.session_detail(sid_a, all_users=True).questions[0].attempts[0].answer == ANSWER
    svc.close()
    with co.sql(mia) as c:
        assert c.execute("SELECT count(*) FROM attempts").fetchone() == (2,)
        for statement in ("UPDATE attempts SET score = 0", "DELETE FROM sessions",
                          "UPDATE sessions SET mode = 'exam'",
                          "INSERT INTO users (name, created_at) VALUES ('x', now())"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(statement)


def test_the_bare_psycopg_reader_keeps_row_level_security(co: Cohort) -> None:
    """`history` and `stats` read without SQLAlchemy (store/pg_reader.py) as the same role,
    so each member still sees only their own rows, and everything reads as the engine's."""
    from interview.cli.session_cmds import _history_lines
    from interview.store import history_queries
    from interview.store.pg_reader import PgReader

    ada, bob, mia = names(co)
    sids = {ada: answered_session(co, ada), bob: answered_session(co, bob)}
    real = history_queries._rows
    kinds: list[bool] = []

    def rows(conn: object, sql: str, params: object = None) -> list[object]:
        kinds.append(isinstance(conn, PgReader))
        return real(conn, sql, params)  # type: ignore[arg-type]

    def reads(svc: Service) -> list[object]:
        return [svc.user, svc.history(), svc.history(all_users=True), svc.stats(),
                svc.stats(all_users=True), svc.count_sessions(all_users=True)]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(history_queries, "_rows", rows)
        for role, seen in ((ada, {sids[ada]}), (bob, {sids[bob]}), (mia, set(sids.values()))):
            fast = service(co, role)
            got = reads(fast)
            assert fast._engine is None and kinds and all(kinds), role
            assert got[0] == role and {r.id for r in got[2]} == seen
            for everyone in (False, True):  # the lines PostgreSQL writes keep the policies
                listed = fast.history_text(all_users=everyone)
                assert listed is not None and listed[:2] == _history_lines(
                    fast.history(all_users=everyone, question_ids=False), everyone)
                assert listed[1] == len(seen if everyone else {sids.get(role)} - {None})
            kinds.clear()
            slow = service(co, role)
            slow.check_database()  # the engine's connection, as before
            assert reads(slow) == got
            assert kinds and not any(kinds)
            kinds.clear()
            fast.close()
            slow.close()


def test_the_policy_set_is_data_one_entry_per_table() -> None:
    rule = cohort.TableRule("mentor_notes", "author = current_user", member=("SELECT",),
                            mentor_write=("INSERT", "UPDATE"), mentor_own="author = current_user")
    statements = "\n".join(cohort.policy_statements("owner", "db"))
    assert "mentor_notes" not in statements
    original = cohort.RULES
    try:
        cohort.RULES = (*original, rule)
        statements = "\n".join(cohort.policy_statements("owner", "db"))
    finally:
        cohort.RULES = original
    assert 'ALTER TABLE "mentor_notes" FORCE ROW LEVEL SECURITY' in statements
    assert 'GRANT INSERT, UPDATE ON "mentor_notes" TO "interview_mentor"' in statements
    assert not any("UPDATE" in s and "interview_mentor" in s and '"attempts"' in s
                   and "GRANT" in s for s in cohort.policy_statements("owner", "db"))


def test_doctor_reports_the_cohort_role(co: Cohort) -> None:
    ada, _, _ = names(co)
    code, out = invoke("--db", co.url(ada), "doctor", "--no-probe", "--json")
    assert code == 0, out
    checks = {c["name"]: c for c in __import__("json").loads(out)}
    assert checks["cohort"]["status"] == "ok"
    assert f"'{ada}' (member)" in checks["cohort"]["detail"]


def test_a_password_in_db_is_warned_about_and_never_shown(co: Cohort) -> None:
    ada, _, _ = names(co)
    secret = "hunter2-" + co.members[ada][:8]
    url = f"postgresql+psycopg://{ada}:{secret}@/no_such_db_{ada}?host={co.host}"
    res = CliRunner().invoke(cli, ["--db", url, "history"])
    assert res.exit_code != 0
    assert "warning: the database URL holds a password" in res.output
    assert secret not in res.output


def test_the_password_is_hidden_from_the_process_title() -> None:
    secret = "s3cret-hunter22"
    code = ("import sys; from interview.cli.cohort_cmds import hide_in_cmdline; "
            "ok = hide_in_cmdline(sys.argv[1]); "
            "print(ok, open('/proc/self/cmdline', 'rb').read())")
    proc = subprocess.run([sys.executable, "-c", code, f"postgresql://u:{secret}@h/db"],
                          capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout.startswith("True")
    assert secret not in proc.stdout


def test_review_cards_are_private_to_their_member_and_read_only_to_mentors(
        co: Cohort) -> None:
    ada, bob, mia = names(co)
    answered_session(co, ada)
    answered_session(co, bob)
    svc = service(co, ada)
    [card] = svc.reviews().all()  # written by the app, through row-level security
    assert card.question_id == "mlt-fx-overfit"
    svc.close()
    with co.sql(bob) as c:
        assert c.execute("SELECT count(*) FROM review_cards").fetchone() == (1,)
        assert c.execute("UPDATE review_cards SET reviews = 99 WHERE user_id <> "
                         "(SELECT id FROM users)").rowcount == 0
    with co.sql(mia) as c:
        assert c.execute("SELECT count(*) FROM review_cards").fetchone() == (2,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE review_cards SET reviews = 0")

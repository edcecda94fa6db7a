"""Cohort access on PostgreSQL, with PostgreSQL's own machinery: roles, grants and row-level
security keyed on ``current_user``.

``init(url)`` (run by the database owner) migrates the schema, creates a member role and a
mentor role, grants each what it may do, and puts policies on every table holding user data,
with ROW LEVEL SECURITY enabled and forced. ``add(url, name, mentor=...)`` creates a login role
with a generated password. A member reads and writes only their own rows (through the app or
raw SQL); a mentor reads everyone's, and writes only what the rules list as mentor-writable:
notes and overrides (``answer_notes``, under their own name), the resolution of disputes
(``disputes``, under their own name), the stored session score an override changes
(``sessions.score``), the derived per-question summaries an override or an accepted dispute
recomputes (``question_summaries``, ``missed_summaries``: summaries.py) and their own
``users`` row. A member reads the notes on their own
answers and files disputes on them, only as pending (``member_check``): accepting one is a
mentor's UPDATE.

The policy set is data: ``RULES``. Each rule names a table, the SQL predicate that selects a
member's own rows, and what members and mentors may do with it.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from .db import create_db_engine, describe_error, migrate
from .errors import DatabaseError

MEMBER = "interview_member"
MENTOR = "interview_mentor"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_RESERVED = {MEMBER, MENTOR, "public", "postgres", "pg_monitor", "none", "all"}


@dataclass(frozen=True)
class TableRule:
    table: str
    own: str
    """SQL predicate: the rows that belong to ``current_user`` (a member sees only these)."""
    member: tuple[str, ...] = ("SELECT", "INSERT", "UPDATE", "DELETE")
    member_check: str | None = None
    """SQL predicate new or changed member rows must meet (default: ``own``)."""
    mentor_read: bool = True
    mentor_write: tuple[str, ...] = ()
    """Besides SELECT; e.g. ("INSERT", "UPDATE") for a notes table, or a column grant such as
    "UPDATE (score)". Rows mentors write must satisfy ``mentor_own`` (default: any row)."""
    mentor_own: str = "true"
    shared: bool = False
    """Content shared by everyone (question snapshots): readable by all, insertable by
    members, never changed by them."""


_OWN_USER = "(SELECT id FROM users WHERE name = current_user)"
_OWN_ATTEMPT = "attempt_id IN (SELECT id FROM attempts)"
RULES: tuple[TableRule, ...] = (
    TableRule("users", "name = current_user", member=("SELECT", "INSERT"),
              mentor_write=("INSERT",), mentor_own="name = current_user"),
    TableRule("sessions", f"user_id IN {_OWN_USER}", mentor_write=("UPDATE (score)",)),
    TableRule("session_questions", "session_id IN (SELECT id FROM sessions)"),
    TableRule("attempts", "session_id IN (SELECT id FROM sessions) AND session_question_id IN "
                          "(SELECT id FROM session_questions)"),
    TableRule("criterion_results", "attempt_id IN (SELECT id FROM attempts)"),
    TableRule("question_snapshots", "true", member=("SELECT", "INSERT"), shared=True),
    TableRule("review_cards", f"user_id IN {_OWN_USER}"),
    TableRule("answer_notes", _OWN_ATTEMPT, member=("SELECT",),
              mentor_write=("INSERT", "UPDATE"),
              mentor_own=f"author_id IN {_OWN_USER} AND author_name = current_user"),
    TableRule("disputes", _OWN_ATTEMPT, member=("SELECT", "INSERT"),
              member_check=f"{_OWN_ATTEMPT} AND status = 'pending' AND resolved_by IS NULL "
                           "AND resolved_at IS NULL AND resolver_name IS NULL",
              mentor_write=("UPDATE",),
              mentor_own="resolver_name IS NULL OR resolver_name = current_user"),
    # Derived per-question summaries (summaries.py): a mentor's override or dispute
    # resolution recomputes the member's rows, so mentors replace them too.
    TableRule("question_summaries", f"user_id IN {_OWN_USER}",
              member_check=f"user_id IN {_OWN_USER} AND session_id IN (SELECT id FROM sessions)",
              mentor_write=("INSERT", "DELETE")),
    TableRule("missed_summaries", f"user_id IN {_OWN_USER}",
              member_check=f"user_id IN {_OWN_USER} AND session_question_id IN "
                           "(SELECT id FROM session_questions)",
              mentor_write=("INSERT", "DELETE")),
)
READ_ONLY_TABLES = ("alembic_version",)


def check_name(name: str) -> str:
    if not _NAME.match(name) or name in _RESERVED or name.startswith("pg_"):
        raise DatabaseError(
            f"'{name}' cannot be a cohort member's name: use lowercase letters, digits and '_' "
            "(starting with a letter or '_', at most 63), not a reserved role")
    return name


def _q(name: str) -> str:
    """A safe identifier (names are checked against _NAME, or are our own constants)."""
    return '"' + name.replace('"', '""') + '"'


def _ensure_role(conn: Connection, role: str) -> None:
    conn.exec_driver_sql(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {_q(role)} NOLOGIN; END IF; END $$")


def policy_statements(owner: str, dbname: str) -> list[str]:
    """Every statement ``init`` runs after the migrations (idempotent)."""
    out = [f"REVOKE ALL ON DATABASE {_q(dbname)} FROM PUBLIC",
           f"GRANT CONNECT ON DATABASE {_q(dbname)} TO {_q(MEMBER)}, {_q(MENTOR)}",
           "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
           f"GRANT USAGE ON SCHEMA public TO {_q(MEMBER)}, {_q(MENTOR)}",
           f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_q(MEMBER)}, "
           f"{_q(MENTOR)}"]
    for table in READ_ONLY_TABLES:
        out.append(f"REVOKE ALL ON {_q(table)} FROM PUBLIC")
        out.append(f"GRANT SELECT ON {_q(table)} TO {_q(MEMBER)}, {_q(MENTOR)}")
    for rule in RULES:
        t = _q(rule.table)
        out += [f"REVOKE ALL ON {t} FROM PUBLIC, {_q(MEMBER)}, {_q(MENTOR)}",
                f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
                f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY"]
        for name in ("owner_all", "member_own", "member_read", "member_insert", "mentor_read",
                     "mentor_write"):
            out.append(f"DROP POLICY IF EXISTS {name} ON {t}")
        out.append(f"CREATE POLICY owner_all ON {t} TO {_q(owner)} USING (true) WITH CHECK (true)")
        out.append(f"GRANT {', '.join(rule.member)} ON {t} TO {_q(MEMBER)}")
        if rule.shared:
            out.append(f"CREATE POLICY member_read ON {t} FOR SELECT TO {_q(MEMBER)} USING (true)")
            if "INSERT" in rule.member:
                out.append(f"CREATE POLICY member_insert ON {t} FOR INSERT TO {_q(MEMBER)} "
                           "WITH CHECK (true)")
        else:
            out.append(f"CREATE POLICY member_own ON {t} TO {_q(MEMBER)} USING ({rule.own}) "
                       f"WITH CHECK ({rule.member_check or rule.own})")
        if rule.mentor_read:
            out.append(f"GRANT SELECT ON {t} TO {_q(MENTOR)}")
            out.append(f"CREATE POLICY mentor_read ON {t} FOR SELECT TO {_q(MENTOR)} "
                       "USING (true)")
        if rule.mentor_write:
            out.append(f"GRANT {', '.join(rule.mentor_write)} ON {t} TO {_q(MENTOR)}")
            out.append(f"CREATE POLICY mentor_write ON {t} TO {_q(MENTOR)} "
                       f"USING ({rule.mentor_own}) WITH CHECK ({rule.mentor_own})")
    return out


def reapply_policies(conn: Connection) -> None:
    """Run ``policy_statements`` again for the database's owner (a migration that adds a
    table to ``RULES`` calls this on a cohort database, so members and mentors can use it
    at once)."""
    owner, dbname = conn.exec_driver_sql(
        "SELECT pg_get_userbyid(datdba), datname FROM pg_database "
        "WHERE datname = current_database()").one()
    for statement in policy_statements(str(owner), str(dbname)):
        conn.exec_driver_sql(statement)


def _postgres_only(url: str) -> None:
    if not url.startswith("postgresql"):
        raise DatabaseError("cohorts need a PostgreSQL database: pass --db "
                            "postgresql+psycopg://OWNER@HOST/DBNAME (the password from ~/.pgpass, "
                            "PGPASSWORD or a service file)")


def init(url: str) -> list[str]:
    """Create or update the schema, the roles and the policies. Run by the database owner.
    Returns what was set up, one line each."""
    _postgres_only(url)
    engine = create_db_engine(url)
    try:
        migrate(engine)
        with engine.begin() as conn:
            owner = str(conn.exec_driver_sql("SELECT current_user").scalar_one())
            dbname = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
            is_owner = conn.exec_driver_sql(
                "SELECT pg_get_userbyid(datdba) = current_user OR "
                "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
                "FROM pg_database WHERE datname = current_database()").scalar_one()
            if not is_owner:
                raise DatabaseError(f"'{owner}' does not own database '{dbname}': run "
                                    "`interview cohort init` as its owner")
            _ensure_role(conn, MEMBER)
            _ensure_role(conn, MENTOR)
            for statement in policy_statements(owner, dbname):
                conn.exec_driver_sql(statement)
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(describe_error(exc, engine.url)) from None
    finally:
        engine.dispose()
    return [f"roles {MEMBER} and {MENTOR}",
            f"row-level security (enabled and forced) on {', '.join(r.table for r in RULES)}",
            f"owner '{owner}' keeps full access; members see only their own rows (and file "
            "disputes on them); mentors read every row and write only notes, overrides and "
            "dispute resolutions"]


def add(url: str, name: str, *, mentor: bool = False) -> str:
    """Create login role ``name`` in the member (or mentor) role; returns its new password."""
    _postgres_only(url)
    check_name(name)
    password = secrets.token_urlsafe(18)
    group = MENTOR if mentor else MEMBER
    engine = create_db_engine(url)
    try:
        with engine.begin() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                                  {"n": name}).first()
            if exists:
                raise DatabaseError(f"a role named '{name}' already exists")
            if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                                {"n": group}).first():
                raise DatabaseError("run `interview cohort init` first (no cohort roles yet)")
            conn.exec_driver_sql(
                f"CREATE ROLE {_q(name)} LOGIN PASSWORD '{password}' IN ROLE {_q(group)}")
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(describe_error(exc, engine.url)) from None
    finally:
        engine.dispose()
    return password


def is_cohort(conn: Connection) -> bool:
    """True when the database is under cohort access control (init has run)."""
    row = conn.exec_driver_sql(
        "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class "
        "WHERE relname = 'sessions' AND relkind = 'r' "
        "AND relnamespace = 'public'::regnamespace").first()
    return bool(row and row[0])


def cohort_user(engine: Engine) -> str | None:
    """The connection's role on a cohort database (it is the user: --user cannot change it);
    None on a database without cohort access control."""
    try:
        with engine.connect() as conn:
            if not is_cohort(conn):
                return None
            return str(conn.exec_driver_sql("SELECT current_user").scalar_one())
    except Exception as exc:
        raise DatabaseError(describe_error(exc, engine.url)) from None


def connection_role(conn: Connection) -> tuple[str, str]:
    """(current_user, "owner" | "mentor" | "member" | "other")."""
    user = str(conn.exec_driver_sql("SELECT current_user").scalar_one())
    member = conn.exec_driver_sql(
        f"SELECT pg_has_role(current_user, '{MEMBER}', 'MEMBER'), "
        f"pg_has_role(current_user, '{MENTOR}', 'MEMBER')").first() \
        if conn.exec_driver_sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{MEMBER}'").first() \
        else None
    owner = conn.exec_driver_sql(
        "SELECT pg_get_userbyid(datdba) = current_user FROM pg_database "
        "WHERE datname = current_database()").scalar_one()
    if owner:
        return user, "owner"
    if member is not None and member[1]:
        return user, "mentor"
    if member is not None and member[0]:
        return user, "member"
    return user, "other"


def describe_role(url: str) -> tuple[str, str]:
    """(status, detail) for ``interview doctor``."""
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            user, role = connection_role(conn)
            cohort = is_cohort(conn)
    except Exception as exc:
        return "warn", f"could not check: {describe_error(exc, engine.url)}"
    finally:
        engine.dispose()
    if not cohort:
        return "warn", (f"connected as '{user}'; no row-level security: anyone who can log in "
                        "reads and writes every row (run `interview cohort init` as the owner)")
    return "ok", f"connected as '{user}' ({role}); row-level security on every user-data table"

"""`interview cohort ...`: shared PostgreSQL access with roles and row-level security."""

from __future__ import annotations

import sys

import click

from .common import AppContext, CliError, pass_app

EXIT_DATABASE = 4


@click.group("cohort")
def cohort() -> None:
    """Set up a shared PostgreSQL database for a cohort: every member sees only their own
    sessions, mentors read everyone's. Passwords come from libpq's own sources (~/.pgpass,
    PGPASSWORD, a service file), never from --db."""


def _url(app: AppContext) -> str:
    url = app.settings.db_url
    if not url or not url.startswith("postgresql"):
        raise CliError("cohorts need a PostgreSQL database: pass --db "
                       "postgresql+psycopg://OWNER@HOST/DBNAME (or set INTERVIEW_DB_URL)", 2)
    return url


@cohort.command("init")
@pass_app
def init_cmd(app: AppContext) -> None:
    """Create or update the schema, the member and mentor roles, and the row-level security
    policies. Run it as the database's owner (again after upgrading interview)."""
    from ..store import cohort as co
    from ..store.errors import DatabaseError

    try:
        done = co.init(_url(app))
    except DatabaseError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from None
    click.echo("Cohort database ready:")
    for line in done:
        click.echo(f"  {line}")
    click.echo("Add people with `interview cohort add NAME` (or `--mentor`).")


@cohort.command("add")
@click.argument("name")
@click.option("--mentor", is_flag=True, help="Reads everyone's sessions; changes none.")
@pass_app
def add_cmd(app: AppContext, name: str, mentor: bool) -> None:
    """Create login role NAME with a generated password, shown once."""
    from ..store import cohort as co
    from ..store.errors import DatabaseError

    try:
        password = co.add(_url(app), name, mentor=mentor)
    except DatabaseError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from None
    kind = "mentor" if mentor else "member"
    click.echo(f"Created {kind} '{name}'. Password (shown once, store it now):")
    click.echo(f"  {password}")
    click.echo("They connect with --db postgresql+psycopg://" + name + "@HOST/DBNAME and the "
               "password in ~/.pgpass (HOST:PORT:DBNAME:" + name + ":PASSWORD, mode 0600) or "
               "PGPASSWORD.")


def register(cli: click.Group) -> None:
    cli.add_command(cohort)


# -- a password in --db -------------------------------------------------------------------------

def check_db_password(db_url: str | None) -> None:
    """Warn about a password in the database URL and hide it from the process title."""
    if not db_url or "@" not in db_url:  # no user part, so no password (and no SQLAlchemy
        return                           # import: `history` and `stats` read without it)
    from ..store.pg_reader import url_password

    password = url_password(db_url)  # a plain postgresql+psycopg:// URL, read without
    if password is None:             # SQLAlchemy (as `history` and `stats` connect)
        try:
            from sqlalchemy.engine import make_url

            password = make_url(db_url).password
        except Exception:
            return
    if not password:
        return
    click.echo("interview: warning: the database URL holds a password, which other users can "
               "see in the process list; put it in ~/.pgpass, PGPASSWORD or a service file",
               err=True)
    hide_in_cmdline(str(password))


def hide_in_cmdline(secret: str) -> bool:
    """Overwrite ``secret`` with '*' in this process's command line as the kernel shows it
    (/proc/<pid>/cmdline, ps). Linux only; best effort. True when it was found and hidden."""
    if len(secret) < 4 or not sys.platform.startswith("linux"):
        return False
    try:
        with open("/proc/self/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        start, end = int(fields[45]), int(fields[46])  # arg_start, arg_end (fields 48, 49)
        needle = secret.encode()
        from urllib.parse import quote

        variants = {needle, quote(secret, safe="").encode()}
        with open("/proc/self/mem", "r+b", buffering=0) as mem:
            mem.seek(start)
            args = mem.read(end - start)
            hidden = args
            for v in variants:
                hidden = hidden.replace(v, b"*" * len(v))
            if hidden == args:
                return False
            mem.seek(start)
            mem.write(hidden)
        return True
    except (OSError, ValueError, IndexError):
        return False


__all__ = ["check_db_password", "cohort", "hide_in_cmdline", "register"]

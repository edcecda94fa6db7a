"""The `interview` command line (click). With no subcommand it opens the TUI."""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from .common import AppContext, CliError, pass_app

__all__ = ["AppContext", "CliError", "cli", "main", "pass_app"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="interview")
@click.option("--data-dir", type=click.Path(file_okay=False), envvar="INTERVIEW_DATA_DIR",
              help="Where history.db and exports live [env: INTERVIEW_DATA_DIR].")
@click.option("--banks", "banks", multiple=True, type=click.Path(),
              help="Extra folder (or file) of banks/rubrics; repeatable [env: INTERVIEW_BANKS].")
@click.option("--db", "db_url", envvar="INTERVIEW_DB_URL", metavar="URL",
              help="SQLAlchemy database URL (default: SQLite in the data dir) [env: INTERVIEW_DB_URL].")
@click.option("--user", metavar="NAME", envvar="INTERVIEW_USER",
              help="Whose sessions these are (default: the OS user) [env: INTERVIEW_USER].")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, banks: tuple[str, ...], db_url: str | None,
        user: str | None) -> None:
    """A terminal mock-interview coach for machine-learning-engineer interviews.

    Run with no command to open the app. Use the commands below from scripts.
    """
    from .cohort_cmds import check_db_password

    check_db_password(db_url)
    scorer = ctx.obj.scorer if isinstance(ctx.obj, AppContext) else None
    ctx.obj = AppContext.create(data_dir=data_dir, banks=banks, db_url=db_url, user=user,
                                scorer=scorer)
    if ctx.invoked_subcommand is None:
        from .tui_cmd import launch_tui

        launch_tui(ctx)


def _register() -> None:
    from . import (
        bank_cmds,
        cohort_cmds,
        doctor_cmd,
        mentor_cmds,
        review_cmd,
        score_cmds,
        session_cmds,
        transfer_cmds,
    )

    for module in (bank_cmds, score_cmds, session_cmds, review_cmd, transfer_cmds, doctor_cmd,
                   cohort_cmds, mentor_cmds):
        module.register(cli)


_register()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: user errors are one line and a non-zero exit."""
    try:
        rv = cli.main(args=argv, prog_name="interview", standalone_mode=False)
        if isinstance(rv, int) and rv:
            sys.exit(rv)
    except click.exceptions.Abort:
        click.echo("interview: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interview: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: keep it to one line unless asked
        if os.environ.get("INTERVIEW_DEBUG"):
            raise
        click.echo(f"interview: internal error: {type(exc).__name__}: {exc} "
                   "(set INTERVIEW_DEBUG=1 for a traceback)", err=True)
        sys.exit(70)

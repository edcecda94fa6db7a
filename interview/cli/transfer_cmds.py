"""Export and import: one session as Markdown or JSON, or the whole history as JSON Lines
to move it between databases (``export --all --format jsonl`` / ``import FILE``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..domain.words import plural
from .common import AppContext, CliError, pass_app
from .session_cmds import EXIT_USAGE, make_service, parse_session_id, service_errors


@click.command("export")
@click.argument("session_id", required=False)
@click.option("--all", "all_sessions", is_flag=True,
              help="Every session (yours, or everyone's with --all-users), for import.")
@click.option("--format", "-f", "fmt", type=click.Choice(["md", "json", "jsonl"]), default=None,
              help="md or json for one session (default md); jsonl with --all.")
@click.option("-o", "--output", metavar="PATH|-", default=None,
              help="File to write, or - for standard output (default: <data dir>/exports/"
                   "session-ID.FORMAT; standard output with --all).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--all-users", is_flag=True, help="Allow other users' sessions.")
@pass_app
def export_cmd(app: AppContext, session_id: str | None, all_sessions: bool, fmt: str | None,
               output: str | None, force: bool, all_users: bool) -> None:
    """Write a session as Markdown (for a mentor) or JSON, or the whole history as JSON Lines.

    \b
    interview export 12                       # exports/session-12.md
    interview export 12 -f json -o - | jq .   # to standard output
    interview export --all -f jsonl -o history.jsonl
    interview --db postgresql+psycopg://... import history.jsonl
    """
    from ..service.transfer import open_output

    if all_sessions == (session_id is not None):
        raise CliError("give a SESSION_ID, or --all for the whole history", EXIT_USAGE)
    fmt = fmt or ("jsonl" if all_sessions else "md")
    if all_sessions and fmt != "jsonl":
        raise CliError("--all writes JSON Lines: use --format jsonl", EXIT_USAGE)
    if not all_sessions and fmt == "jsonl":
        raise CliError("--format jsonl is for --all (use md or json for one session)",
                       EXIT_USAGE)
    svc = make_service(app)
    with service_errors():
        if all_sessions:
            from ..service.transfer import export_history

            if output is None or output == "-":
                n = export_history(svc, sys.stdout, all_users=all_users)
            else:
                with open_output(Path(output), force=force) as fh:
                    n = export_history(svc, fh, all_users=all_users)
                click.echo(f"{plural(n, 'session')} written to {output}", err=True)
            return
        assert session_id is not None
        sid = parse_session_id(session_id)
        if output is None:  # the usual place, as before
            click.echo(str(svc.export(sid, fmt, None, all_users=all_users)))  # type: ignore[arg-type]
            return
        from ..service.export import detail_to_json, detail_to_markdown

        detail = svc.session_detail(sid, all_users=all_users)
        text = (detail_to_markdown(detail) if fmt == "md"
                else json.dumps(detail_to_json(detail), indent=2, ensure_ascii=False) + "\n")
        if output == "-":
            click.echo(text, nl=False)
            return
        with open_output(Path(output), force=force) as fh:
            fh.write(text)
        click.echo(output)


@click.command("import")
@click.argument("file", metavar="FILE|-")
@click.option("--as-new", is_flag=True,
              help="Import sessions already present again, as new sessions.")
@pass_app
def import_cmd(app: AppContext, file: str, as_new: bool) -> None:
    """Import a history written by `interview export --all --format jsonl`.

    Every line is checked before anything is written. Sessions already in this database
    (same user, start time and seed) are skipped unless --as-new is given.
    """
    from ..service.transfer import import_history

    with service_errors():
        result = import_history(make_service(app), file, as_new=as_new)
    click.echo(f"{plural(result.imported, 'session')} imported, {result.skipped} already present "
               "(skipped)")
    if notice := result.skipped_notice():
        click.echo(notice, err=True)


def register(cli: click.Group) -> None:
    for cmd in (export_cmd, import_cmd):
        cli.add_command(cmd)

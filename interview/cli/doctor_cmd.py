"""`interview doctor`: which protections are active (sandbox, limits, files, database)."""

from __future__ import annotations

import click

from ..domain.words import plural
from .common import AppContext, echo_json, pass_app

MARK = {"ok": "ok  ", "warn": "WARN", "info": "    "}


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--no-probe", is_flag=True, help="Do not start a test run to measure the sandbox.")
@pass_app
def doctor(app: AppContext, as_json: bool, no_probe: bool) -> None:
    """Report which protections are active: the code sandbox (kind, namespaces), resource
    limits, permissions of the data dir and database, the database kind and cohort role,
    and answers waiting in the journal."""
    from ..service.doctor import run_checks

    checks = run_checks(app.settings, probe_sandbox=not no_probe)
    if as_json:
        echo_json([{"name": c.name, "status": c.status, "detail": c.detail} for c in checks])
        return
    width = max(len(c.name) for c in checks)
    for c in checks:
        click.echo(f"{MARK[c.status]}  {c.name.ljust(width)}  {c.detail}")
    warnings = sum(1 for c in checks if c.status == "warn")
    click.echo(f"\n{plural(warnings, 'warning')}." if warnings else "\nAll protections active.")


def register(cli: click.Group) -> None:
    cli.add_command(doctor)

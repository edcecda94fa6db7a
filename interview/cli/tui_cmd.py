"""Opening the TUI from the click CLI (`interview --data-dir ...` with no subcommand)."""

from __future__ import annotations

import click


def launch_tui(ctx: click.Context) -> None:
    from ..tui.app import run_app

    run_app(ctx.obj.settings)

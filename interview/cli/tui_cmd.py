"""Opening the TUI. Until the app exists this shows the CLI's help."""

from __future__ import annotations

import click


def launch_tui(ctx: click.Context) -> None:
    try:
        from ..tui.app import run_app  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("interview.tui"):
            click.echo(ctx.get_help())
            return
        raise
    run_app(ctx.obj.settings)

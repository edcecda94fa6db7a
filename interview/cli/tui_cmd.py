"""Opening the TUI from the click CLI: the app (`interview` with no subcommand), or the app
straight into a session (`interview practice` in a terminal, without --plain)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..service import SessionConfig


def launch_tui(ctx: click.Context) -> None:
    from ..tui.app import run_app

    run_app(ctx.obj.settings)


def launch_practice(ctx: click.Context, config: SessionConfig | None,
                    resume: int | None) -> None:
    from ..tui.practice import run_practice

    run_practice(ctx.obj.settings, config=config, resume=resume)

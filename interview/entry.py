"""The console-script entry point.

With no arguments it opens the TUI straight away, without importing click and every
command module, so the first screen paints sooner. Anything else goes to the click CLI.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        import os

        from .config import Settings
        from .tui.app import run_app

        try:
            run_app(Settings.build())
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as exc:  # a bug: one line unless asked for the traceback
            if os.environ.get("INTERVIEW_DEBUG"):
                raise
            print(f"interview: internal error: {type(exc).__name__}: {exc} "
                  "(set INTERVIEW_DEBUG=1 for a traceback)", file=sys.stderr)
            sys.exit(70)
        return
    from .cli import main as cli_main

    cli_main(args)

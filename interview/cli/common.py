"""Shared CLI plumbing: the context object every command receives, and user-facing errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..config import Settings

if TYPE_CHECKING:
    from ..banks import Catalog

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """A user-facing error: printed as one line (``interview: message``), exit ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it a ClassVar

    def show(self, file: Any = None) -> None:
        click.echo(f"interview: {self.format_message()}", err=True, file=file)


@dataclass
class AppContext:
    settings: Settings
    _catalog: Catalog | None = field(default=None, repr=False)

    @classmethod
    def create(cls, *, data_dir: str | None = None, banks: tuple[str, ...] = (),
               db_url: str | None = None, user: str | None = None) -> AppContext:
        return cls(Settings.build(data_dir=data_dir, banks=banks, db_url=db_url, user=user))

    def catalog(self, extra: tuple[str, ...] | list[str] = ()) -> Catalog:
        """All banks on the search path, plus ``extra`` files or folders."""
        from ..banks import load_catalog

        if extra:
            missing = [p for p in extra if not os.path.exists(p)]
            if missing:
                raise CliError(f"{missing[0]}: no such file or folder", 2)
            return load_catalog([*self.settings.bank_dirs, *map(Path, extra)])
        if self._catalog is None:
            self._catalog = load_catalog(list(self.settings.bank_dirs))
        return self._catalog


pass_app = click.make_pass_decorator(AppContext)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))

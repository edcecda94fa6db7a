"""Shared CLI plumbing: the context object every command receives, and user-facing errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..config import Settings

if TYPE_CHECKING:
    from ..engine.scorer import Scorer
    from ..service import Service
    from ..service.library_api import Library

EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_DATABASE = 4

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
    scorer: Scorer | None = None
    """The sessions' scorer (None: the service's grader). Tests pass a fixed fake one as
    ``CliRunner.invoke(..., obj=AppContext(..., scorer=...))``; the options still apply."""
    _service: Service | None = field(default=None, repr=False)

    @classmethod
    def create(cls, *, data_dir: str | None = None, banks: tuple[str, ...] = (),
               db_url: str | None = None, user: str | None = None,
               scorer: Scorer | None = None) -> AppContext:
        return cls(Settings.build(data_dir=data_dir, banks=banks, db_url=db_url, user=user),
                   scorer=scorer)

    def service(self) -> Service:
        """The one service of this command (its catalog is loaded once, when first used)."""
        if self._service is None:
            from ..service import Service

            self._service = Service(self.settings, scorer=self.scorer)
        return self._service

    def library(self, extra: Sequence[str] = ()) -> Library:
        """The banks on the search path, plus ``extra`` files or folders."""
        from ..service.library_api import Library

        with service_errors():
            return Library(self.service(), extra)


@contextmanager
def service_errors() -> Iterator[None]:
    """Service errors -> one-line CliError with a fitting exit code."""
    # The service's error classes, from the small modules that define them (the service
    # package re-exports them with its records, which `score` and `history` do not need).
    from ..domain.errors import InterviewError as ServiceError
    from ..domain.errors import SetupError
    from ..service.library_api import MissingPathError
    from ..store.errors import DatabaseError, UnknownSessionError

    try:
        yield
    except UnknownSessionError as exc:
        raise CliError(str(exc), EXIT_NOT_FOUND) from None
    except DatabaseError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from None
    except (SetupError, MissingPathError) as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except ServiceError as exc:
        raise CliError(str(exc), 1) from None


pass_app = click.make_pass_decorator(AppContext)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))

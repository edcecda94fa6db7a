"""Package exports imported on first use (PEP 562), so that importing one small module of a
package does not import all of it. The first screen and the history commands rely on this."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any


def lazy_exports(package: str, namespace: dict[str, Any],
                 where: dict[str, Iterable[str]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``where`` maps a relative module to the
    names it provides; a name is imported on first access and then kept in ``namespace``."""
    lookup = {name: module for module, names in where.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = lookup.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value
        return value

    return __getattr__

"""Build an expensive test input once per test run, shared by every pytest-xdist worker.

The first worker to ask builds it under a file lock in the run's shared temporary folder
(the parent of each worker's basetemp); the others wait for it and reuse it. Whatever is
built this way must be treated as read-only: copy it before changing it.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest


def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by all workers of this test run (and only this run)."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    shared = root / "shared-builds"
    shared.mkdir(exist_ok=True)
    return shared


@contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock`` (created if missing), across processes."""
    with open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], None]) -> Path:
    """``build(path)`` once per run; returns ``path`` (a file or folder named ``name``)."""
    safe = re.sub(r"[^\w.-]", "_", name)
    shared = run_dir(tmp_path_factory)
    target = shared / safe
    done = shared / f"{safe}.done"
    with exclusive(shared / f"{safe}.lock"):
        if not done.exists():
            build(target)
            done.touch()
    return target


def _encode(obj: Any) -> Any:
    if isinstance(obj, datetime):
        return {"__datetime__": obj.isoformat()}
    raise TypeError(f"cannot store {type(obj).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if set(obj) == {"__datetime__"}:
        return datetime.fromisoformat(obj["__datetime__"])
    return obj


def json_once(tmp_path_factory: pytest.TempPathFactory, name: str,
              compute: Callable[[], Any]) -> Any:
    """``compute()`` once per run (plain data and datetimes, stored as JSON), then read back."""
    def build(path: Path) -> None:
        path.write_text(json.dumps(compute(), default=_encode), encoding="utf-8")

    path = build_once(tmp_path_factory, name, build)
    return json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)

"""Which files are bank (or shared rubric) files: every YAML file under the search folders.

Kept apart from the loader so that a listing read from the cache needs no YAML or pydantic.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

BANK_SUFFIXES = (".yaml", ".yml")


def discover(dirs: Iterable[Path]) -> list[Path]:
    """Every YAML file under the given folders (or the files themselves), sorted, once each.

    A file reached twice (the same folder given twice, a symlink) is listed once."""
    seen: set[tuple[int, int] | str] = set()
    out: list[Path] = []
    for d in dirs:
        d = Path(d)
        try:
            if d.is_file():
                candidates: Iterable[Path] = [d]
            elif d.is_dir() and os.access(d, os.R_OK | os.X_OK):
                candidates = _yaml_files(d)
            elif d.is_dir():
                candidates = [d]  # unreadable: load_file reports it, with its path
            else:
                continue
        except OSError:
            candidates = [d]
        for p in candidates:
            key: tuple[int, int] | str
            try:
                st = p.stat()
                key = (st.st_dev, st.st_ino)
            except OSError:  # unreadable: kept, so that load_file reports it with its path
                key = str(p.absolute())
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def _suffix(name: str) -> str:
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _yaml_files(root: Path) -> list[Path]:
    """YAML files under ``root`` in path order (symlinked folders are not followed)."""
    found: list[tuple[list[str], str]] = []
    base = str(root)
    for folder, _dirs, names in os.walk(base):
        rel = os.path.relpath(folder, base)
        parts = [] if rel == "." else rel.split(os.sep)
        for name in names:
            if _suffix(name) in BANK_SUFFIXES:
                full = os.path.join(folder, name)
                if os.path.isfile(full):
                    found.append(([*parts, name], full))
    found.sort(key=lambda item: item[0])
    return [Path(full) for _, full in found]

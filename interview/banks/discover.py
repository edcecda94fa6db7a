"""Which files are bank (or shared rubric) files: every YAML file under the search folders.

Kept apart from the loader so that a listing read from the cache needs no YAML or pydantic.
"""

from __future__ import annotations

import os
import stat
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
                candidates: Iterable[tuple[Path, tuple[int, int] | None]] = [(d, None)]
            elif d.is_dir() and os.access(d, os.R_OK | os.X_OK):
                candidates = _yaml_files(d)
            elif d.is_dir():
                candidates = [(d, None)]  # unreadable: load_file reports it, with its path
            else:
                continue
        except OSError:
            candidates = [(d, None)]
        for p, known in candidates:
            key: tuple[int, int] | str
            if known is not None:
                key = known
            else:
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


def _yaml_files(root: Path) -> list[tuple[Path, tuple[int, int]]]:
    """YAML files under ``root`` in path order (symlinked folders are not followed), each
    with its (device, inode) from the one ``stat`` that also says it is a file."""
    found: list[tuple[list[str], str, tuple[int, int]]] = []
    base = str(root)
    for folder, _dirs, names in os.walk(base):
        rel = os.path.relpath(folder, base)
        parts = [] if rel == "." else rel.split(os.sep)
        for name in names:
            if _suffix(name) in BANK_SUFFIXES:
                full = os.path.join(folder, name)
                try:
                    st = os.stat(full)
                except (OSError, ValueError):
                    continue  # as os.path.isfile: gone, a broken link, or not a file
                if stat.S_ISREG(st.st_mode):
                    found.append(([*parts, name], full, (st.st_dev, st.st_ino)))
    found.sort(key=lambda item: item[0])
    return [(Path(full), key) for _, full, key in found]

"""The fallback runner's temporary folders: how much the code wrote there, and sweeping the
folders of runs whose app was killed before it could clean up."""

from __future__ import annotations

import os
import shutil
import tempfile
import time

from . import isolation

RUN_PREFIX = "interview-run-"
STALE_SECONDS = 3600.0


def sweep_stale_runs(directory: str | None = None) -> int:
    """Remove the temporary directories of runs whose app is gone (killed before it could
    clean up) or that are over an hour old. Returns how many were removed."""
    base = directory or tempfile.gettempdir()
    removed = 0
    try:
        entries = list(os.scandir(base))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(RUN_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        if info.st_uid != os.geteuid() and not isolation.is_root():
            continue
        pid_text = entry.name[len(RUN_PREFIX):].split("-", 1)[0]
        owner_alive = pid_text.isdigit() and _pid_exists(int(pid_text))
        if owner_alive and now - info.st_mtime < STALE_SECONDS:
            continue  # a run in progress (no run lasts an hour)
        shutil.rmtree(entry.path, ignore_errors=True)
        removed += 1
    return removed


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def tree_bytes(path: str, cap: int) -> int:
    """Bytes used under ``path`` (stops counting past ``cap``)."""
    total = 0
    stack = [path]
    while stack and total <= cap:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_blocks * 512
            except OSError:
                continue
    return total

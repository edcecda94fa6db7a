"""Starting the harness: under bubblewrap (the harness files handed over through pipes, so no
path of the project is visible inside) or, in the fallback, as a plain ``python -P -s`` child in
the run's temporary folder. Standard library only."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from . import isolation
from .limits import Limits
from .procs import track

HARNESS_DIR = Path(__file__).resolve().parent


PYTHON_FLAGS = ("-P", "-s")
"""``-I`` without ``-E``: no script folder or user site-packages on the path, but the
environment is read, so that ``PYTHONHASHSEED`` applies (the environment is ours entirely:
``scrubbed_env``)."""


def scrubbed_env(home: str) -> dict[str, str]:
    """The child's whole environment: nothing of the user's leaks through."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        # One hash seed: the order of a set of strings (and so a tie broken by it) is the
        # same on every run. Read from here because the child runs without -E (see
        # PYTHON_FLAGS): this environment is all it has.
        "PYTHONHASHSEED": "0",
        "HOME": home,
        "TMPDIR": home,
    }


def _pipe_with(data: bytes) -> int:
    """A pipe's read end already holding ``data`` (which must fit in the pipe's buffer)."""
    r, w = os.pipe()
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(w, view):]
    finally:
        os.close(w)
    return r


def spawn(job: dict[str, Any], tmp: str | None, w_fd: int,
           limits: Limits) -> tuple[subprocess.Popen[bytes], int | None, list[int]]:
    """Start the child: (process, fd where bwrap reports its namespace's init, fds to close)."""
    exe, _ = isolation.runtime_paths()
    if tmp is not None:  # fallback
        work = os.path.join(tmp, "work")
        proc = subprocess.Popen(
            [exe, *PYTHON_FLAGS, os.path.join(tmp, "harness", "_harness.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=work, env=scrubbed_env(work), pass_fds=(w_fd,), close_fds=True,
            start_new_session=True,
        )
        track(proc.pid)
        return proc, None, []
    data = {name: _pipe_with((HARNESS_DIR / name).read_bytes())
            for name in isolation.HARNESS_FILES}
    info_r, info_w = os.pipe()
    argv = isolation.bwrap_argv(tmp_mb=limits.tmp_mb, info_fd=info_w, data_fds=data)
    for key, value in scrubbed_env("/tmp").items():
        argv += ["--setenv", key, value]
    argv += ["--", exe, *PYTHON_FLAGS, f"{isolation.SANDBOX_DIR}/_harness.py"]
    try:
        proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd="/", env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            pass_fds=(w_fd, info_w, *data.values()), close_fds=True, start_new_session=True,
        )
    except BaseException:
        os.close(info_r)
        raise
    finally:
        os.close(info_w)
        for fd in data.values():
            os.close(fd)
    track(proc.pid)
    return proc, info_r, [info_r]


def read_init_pid(info_fd: int | None, proc: subprocess.Popen[bytes]) -> int | None:
    """The pid (in our namespace) of the sandbox's pid-namespace init, from bwrap's info fd."""
    if info_fd is None:
        return None
    buf = b""
    end = time.monotonic() + 5
    os.set_blocking(info_fd, False)
    while time.monotonic() < end:
        try:
            chunk = os.read(info_fd, 4096)
        except BlockingIOError:
            chunk = None
        if chunk:
            buf += chunk
            with contextlib.suppress(ValueError):
                pid = json.loads(buf).get("child-pid")
                return pid if isinstance(pid, int) else None
        elif chunk == b"" or proc.poll() is not None:
            break
        time.sleep(0.002)
    return None

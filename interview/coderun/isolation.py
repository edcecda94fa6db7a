"""Which isolation the code runner uses, and the bubblewrap command line for it.

On Linux with bubblewrap (``bwrap``) the child runs in new pid, ipc, uts, network and mount
namespaces (and a new user namespace when we are not root), sees only the Python runtime, the
harness and a private size-limited tmpfs ``/tmp``, and dies with the app. When bwrap is missing
or cannot create namespaces, the runner falls back to a plain child process (see sandbox.py)
and says so.

``INTERVIEW_SANDBOX`` picks the kind: ``auto`` (default: bwrap when it works), ``bwrap`` (bwrap
or refuse to run code) or ``fallback``.

Standard library only: the sandbox layer is loadable without the app's dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

HARNESS_FILES = ("_harness.py", "_harness_sql.py", "_harness_confine.py")
HERE = Path(__file__).resolve().parent
SANDBOX_DIR = "/sandbox"  # where the harness appears inside bwrap
NAMESPACES = ("user", "pid", "ipc", "uts", "net", "mount")
ENV_VAR = "INTERVIEW_SANDBOX"


@dataclass(frozen=True)
class Protection:
    """What protects the user from the code under test, for notices and ``interview doctor``."""

    kind: str  # "bwrap" or "fallback"
    namespaces: tuple[str, ...] = ()
    reason: str = ""  # why bwrap is not used (fallback only)
    root: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        if self.kind == "bwrap":
            return ("bubblewrap sandbox: new " + ", ".join(self.namespaces) + " namespaces; only "
                    "the Python runtime and the harness are visible; private /tmp")
        return ("no sandbox (" + self.reason + "): the code runs as a plain child process with "
                "resource limits" + ("" if not self.root else ", as a private unprivileged uid")
                + "; it is not isolated from files the " + ("sandbox uid" if self.root else "user")
                + " can read")


_probe_lock = threading.Lock()
_probe_cache: dict[str, str | None] = {}


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def runtime_paths() -> tuple[str, list[str]]:
    """(the Python interpreter to run, the directories it needs), all resolved."""
    exe = os.path.realpath(sys.executable)
    base = getattr(sys, "_base_executable", None) or sys.executable
    if os.path.dirname(exe) != os.path.dirname(os.path.realpath(base)):
        exe = os.path.realpath(base)
    dirs = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.base_exec_prefix)}
    if not any(exe.startswith(d.rstrip("/") + "/") for d in dirs):
        dirs.add(os.path.dirname(exe))
    return exe, sorted(dirs)


def _system_dirs() -> list[tuple[str, str]]:
    """(kind, path) for the shared libraries the interpreter links: dirs or symlinks."""
    out: list[tuple[str, str]] = []
    for path in ("/usr/lib", "/usr/lib64", "/usr/lib32", "/lib", "/lib64", "/lib32"):
        if os.path.islink(path):
            out.append(("symlink", path))
        elif os.path.isdir(path):
            out.append(("dir", path))
    return out


def _ancestors(path: str) -> list[str]:
    out = []
    parent = os.path.dirname(path)
    while parent not in ("/", ""):
        out.append(parent)
        parent = os.path.dirname(parent)
    return list(reversed(out))


def bwrap_argv(*, tmp_mb: int, info_fd: int | None = None,
               data_fds: dict[str, int] | None = None) -> list[str]:
    """The bwrap command line up to (not including) the command it runs.

    ``data_fds`` maps each harness file name to a readable fd holding its text (bwrap copies
    it into the sandbox), so no path of the project is visible inside.
    """
    bwrap = shutil.which("bwrap") or "bwrap"
    root = is_root()
    argv = [bwrap]
    if not root:
        # Unprivileged: the user namespace is what allows the others. As root we keep the
        # real privileges for the mounts and the harness drops to a private uid instead.
        argv += ["--unshare-user", "--disable-userns"]
    argv += ["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net",
             "--unshare-cgroup-try", "--die-with-parent", "--new-session",
             "--hostname", "sandbox"]
    if root:
        argv += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    _, runtime = runtime_paths()
    binds = sorted({*runtime, *(p for k, p in _system_dirs() if k == "dir")}, key=len)
    bound: list[str] = []
    made: set[str] = set()
    for path in binds:
        if any(path == b or path.startswith(b.rstrip("/") + "/") for b in bound):
            continue  # already visible through a parent
        for parent in _ancestors(path):
            if parent not in made and not any(parent == b or parent.startswith(b + "/")
                                              for b in bound):
                argv += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        argv += ["--ro-bind", path, path]
        bound.append(path)
    for kind, path in _system_dirs():
        if kind == "symlink" and not any(path.startswith(b + "/") for b in bound):
            argv += ["--symlink", os.readlink(path), path]
    argv += ["--perms", "0755", "--dir", SANDBOX_DIR]
    for name, fd in (data_fds or {}).items():
        argv += ["--perms", "0444", "--ro-bind-data", str(fd), f"{SANDBOX_DIR}/{name}"]
    argv += ["--proc", "/proc", "--dev", "/dev",
             "--perms", "01777", "--size", str(tmp_mb * 1024 * 1024), "--tmpfs", "/tmp",
             "--chdir", "/tmp", "--clearenv"]
    if info_fd is not None:
        argv += ["--info-fd", str(info_fd)]
    return argv


def landlock_paths(work: str, harness: str) -> dict[str, object]:
    """What the fallback child may read (the runtime, shared libraries, its harness) and
    write (its working directory): the Landlock rules the harness applies to itself."""
    _, runtime = runtime_paths()
    # /proc/self: the child's own process only (opened by the child, it is its own pid).
    read = sorted({*runtime, *(p for k, p in _system_dirs()), harness, "/proc/self"})
    files = {"/dev/null": True, "/dev/zero": False, "/dev/urandom": False,
             "/dev/random": False}
    return {"read": read, "write": [work], "files": files}


def requested_kind() -> str:
    value = os.environ.get(ENV_VAR, "auto").strip().lower()
    return value if value in {"auto", "bwrap", "fallback"} else "auto"


def bwrap_problem() -> str | None:
    """None when bwrap can create our sandbox here; else why not. Probed once per process."""
    with _probe_lock:
        if "bwrap" in _probe_cache:
            return _probe_cache["bwrap"]
        _probe_cache["bwrap"] = problem = _probe()
        return problem


def _probe() -> str | None:
    if not sys.platform.startswith("linux"):
        return f"bubblewrap is Linux-only (this is {sys.platform})"
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    exe, _ = runtime_paths()
    try:
        proc = subprocess.run(
            [*bwrap_argv(tmp_mb=1), "--", exe, "-I", "-S", "-c", "print('ok')"],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bwrap could not start: {exc}"
    if proc.returncode != 0 or proc.stdout.strip() != b"ok":
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = err[-1] if err else f"exit code {proc.returncode}"
        return f"bwrap cannot create namespaces here ({detail[:200]})"
    return None


def reset_probe() -> None:
    """Forget the probe's result (tests)."""
    with _probe_lock:
        _probe_cache.clear()


def current(kind: str | None = None) -> Protection:
    """The protection a run gets now: ``kind`` (or INTERVIEW_SANDBOX) resolved against what
    this machine allows."""
    want = kind or requested_kind()
    root = is_root()
    if want == "fallback":
        return Protection("fallback", reason=f"{ENV_VAR}=fallback", root=root)
    problem = bwrap_problem()
    if problem is None:
        notes = ("as root: the code runs as a private unprivileged uid, which then enters a "
                 "user namespace of its own",) if root else ()
        return Protection("bwrap", NAMESPACES, root=root, notes=notes)
    return Protection("fallback", reason=problem, root=root)

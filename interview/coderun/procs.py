"""Processes of the sandbox: the private uid a root run drops to, and finding and killing
what is left. Standard library only."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import threading
import time

NOBODY = 65534
# Private uids for sandboxed runs, each run its own: its process count (RLIMIT_NPROC) starts
# at zero and every process it leaves behind can be found and killed afterwards.
SANDBOX_UIDS = (62_000, 64_999)

_uid_lock = threading.Lock()
_uids_in_use: set[int] = set()


def _proc_uid_and_state(pid: str) -> tuple[int, str] | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            uid, state = -1, "?"
            for line in fh:
                if line.startswith("State:"):
                    state = line.split()[1]
                elif line.startswith("Uid:"):
                    uid = int(line.split()[1])
                    break
            return uid, state
    except (OSError, ValueError, IndexError):
        return None


def pids_of_uid(uid: int) -> list[int]:
    """Live (non-zombie) processes whose real uid is ``uid``; empty where /proc is missing."""
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    out = []
    for name in names:
        if not name.isdigit():
            continue
        info = _proc_uid_and_state(name)
        if info is not None and info[0] == uid and info[1] not in {"Z", "X"}:
            out.append(int(name))
    return out


def alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    info = _proc_uid_and_state(str(pid))
    return info is not None and info[1] not in {"Z", "X"}


def kill_uid(uid: int) -> None:
    """SIGKILL every process of the (private) sandbox uid, until none is left."""
    for _ in range(100):
        pids = pids_of_uid(uid)
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.005)


def wait_gone(pid: int, seconds: float = 2.0) -> bool:
    """Wait until ``pid`` (for instance a pid namespace's init) has gone; True if it has."""
    end = time.monotonic() + seconds
    while alive(pid):
        if time.monotonic() > end:
            return False
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.005)
    return True


def pick_uid() -> int:
    import grp
    import pwd

    taken = {p.pw_uid for p in pwd.getpwall()} | {g.gr_gid for g in grp.getgrall()}
    with _uid_lock:
        for _ in range(200):
            uid = random.randint(*SANDBOX_UIDS)
            if uid in taken or uid in _uids_in_use or pids_of_uid(uid):
                continue
            _uids_in_use.add(uid)
            return uid
    return NOBODY


def release_uid(uid: int | None) -> None:
    with _uid_lock:
        _uids_in_use.discard(uid if uid is not None else -1)


# Orphans: without a pid namespace or a private uid (the fallback, not root), a process the
# code starts with setsid() and a double fork leaves the process group. The app becomes a
# child subreaper (Linux), so such orphans are re-parented to it; after each run every child
# of ours that is not a run's own child process is killed and reaped.

_spawned_lock = threading.Lock()
_spawned: set[int] = set()
_subreaper = False


def become_subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux); once."""
    global _subreaper
    if _subreaper:
        return True
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        _subreaper = libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        _subreaper = False
    return _subreaper


def track(pid: int, add: bool = True) -> None:
    """Record (or forget) a child process the runner started itself."""
    with _spawned_lock:
        (_spawned.add if add else _spawned.discard)(pid)


def now_ticks() -> float:
    """The current time in the units of /proc/<pid>/stat's start time (clock ticks since
    boot); 0 where /proc is missing."""
    try:
        with open("/proc/uptime", encoding="ascii") as fh:
            return float(fh.read().split()[0]) * os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _children(since: float) -> list[int]:
    """Our children that started at or after ``since`` (ticks)."""
    me = str(os.getpid())
    out = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            started = float(fields[19])
        except (OSError, IndexError, ValueError):
            continue
        if fields[1] == me and started >= since:
            out.append(int(name))
    return out


def kill_orphans(since: float) -> list[int]:
    """SIGKILL and reap our children that no run started and that appeared after ``since``
    (ticks): orphans of a run, re-parented to us. Returns the pids still alive afterwards."""
    if not _subreaper:
        return []
    since -= 1  # tick granularity
    for _ in range(50):
        with _spawned_lock:
            known = set(_spawned)
        strays = [pid for pid in _children(since) if pid not in known]
        if not strays:
            return []
        for pid in strays:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, os.WNOHANG)
        time.sleep(0.005)
    with _spawned_lock:
        known = set(_spawned)
    return [pid for pid in _children(since) if pid not in known and alive(pid)]

"""Start the harness in a contained child process and collect what it reports.

The parent side of the runner: an empty temporary working directory, a scrubbed
environment, a new session (process group), an unprivileged uid when we are root, bounded
reads of the child's output and of its results pipe, a wall-clock deadline (whole run and
per test) and, at the end, SIGKILL for the whole group and every process of the sandbox uid.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .limits import Limits

HARNESS = Path(__file__).with_name("_harness.py")
NOBODY = 65534
# Private uids for sandboxed runs, each run its own: its process count (RLIMIT_NPROC) starts
# at zero and every process it leaves behind can be found and killed afterwards.
SANDBOX_UIDS = (62_000, 64_999)

Stop = Literal["timeout", "test_timeout", "output", "results", "cancelled", "spawn"]

_uid_lock = threading.Lock()
_uids_in_use: set[int] = set()


@dataclass
class ChildRun:
    """What happened in one child process."""

    events: list[dict[str, Any]] = field(default_factory=list)
    output: str = ""
    output_bytes: int = 0
    stopped: Stop | None = None
    returncode: int | None = None
    seconds: float = 0.0
    running_index: int | None = None  # the test (-1: loading) running when the child stopped
    sandbox_uid: int | None = None
    error: str = ""

    @property
    def killed_by(self) -> int | None:
        """The signal that ended the child, unless we sent it."""
        if self.returncode is not None and self.returncode < 0 and self.stopped is None:
            return -self.returncode
        return None


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


def _kill_uid(uid: int) -> None:
    """SIGKILL every process of the (private) sandbox uid, until none is left."""
    for _ in range(100):
        pids = pids_of_uid(uid)
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.005)


def _pick_uid() -> int:
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


def _release_uid(uid: int | None) -> None:
    with _uid_lock:
        _uids_in_use.discard(uid if uid is not None else -1)


def scrubbed_env(home: str) -> dict[str, str]:
    """The child's whole environment: nothing of the user's leaks through."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": home,
        "TMPDIR": home,
    }


def rlimits(limits: Limits, n_tests: int) -> dict[str, Any]:
    cpu = limits.cpu_limit(n_tests)
    memory = limits.memory_mb * 1024 * 1024
    files = limits.file_mb * 1024 * 1024
    return {
        "cpu": [cpu, cpu + 1],  # SIGXCPU at the soft limit, SIGKILL at the hard one
        "as": [memory, memory],
        "nproc": [limits.max_processes, limits.max_processes],
        "fsize": [files, files],
        "nofile": [limits.open_files, limits.open_files],
        "core": [0, 0],
    }


def run_child(job: dict[str, Any], limits: Limits, n_tests: int, *,
              cancel: threading.Event | None = None) -> ChildRun:
    """Run the harness on ``job`` (code, entrypoint, tests) under ``limits``. Never raises for
    anything the candidate's code does."""
    run = ChildRun()
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    tmp = tempfile.mkdtemp(prefix="interview-run-")
    uid: int | None = None
    try:
        job = dict(job)
        job["rlimits"] = rlimits(limits, n_tests)
        job["per_test_seconds"] = limits.per_test_seconds
        job["max_timeouts"] = limits.max_timeouts
        job["max_result_bytes"] = limits.result_bytes
        job["parent_pid"] = os.getpid()
        if is_root:
            uid = _pick_uid()
            run.sandbox_uid = uid
            job["drop_to"] = [[uid, uid], [NOBODY, NOBODY]] if uid != NOBODY else [[NOBODY, NOBODY]]
            os.chown(tmp, uid, uid)
            os.chmod(tmp, 0o700)
        _communicate(run, job, limits, n_tests, tmp, cancel)
        if uid is not None and uid != NOBODY:
            _kill_uid(uid)
    finally:
        _release_uid(uid)
        shutil.rmtree(tmp, ignore_errors=True)
    return run


def _communicate(run: ChildRun, job: dict[str, Any], limits: Limits, n_tests: int, tmp: str,
                 cancel: threading.Event | None) -> None:
    r_fd, w_fd = os.pipe()
    job["result_fd"] = w_fd
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", str(HARNESS)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=tmp, env=scrubbed_env(tmp), pass_fds=(w_fd,), close_fds=True,
            start_new_session=True,
        )
    except OSError as exc:
        os.close(r_fd)
        os.close(w_fd)
        run.stopped, run.error = "spawn", f"could not start Python: {exc}"
        return
    os.close(w_fd)
    assert proc.stdin is not None and proc.stdout is not None
    payload = memoryview(json.dumps(job).encode("utf-8"))
    in_fd, out_fd = proc.stdin.fileno(), proc.stdout.fileno()
    for fd in (in_fd, out_fd, r_fd):
        os.set_blocking(fd, False)
    sel = selectors.DefaultSelector()
    sel.register(in_fd, selectors.EVENT_WRITE)
    sel.register(out_fd, selectors.EVENT_READ)
    sel.register(r_fd, selectors.EVENT_READ)
    shown: list[bytes] = []
    shown_len = 0
    results = bytearray()
    deadline = started + limits.run_seconds(n_tests)
    test_deadline: float | None = None
    exited_at: float | None = None
    max_results = limits.result_bytes * 2 + 64 * 1024 * (n_tests + 4)
    try:
        while sel.get_map():
            now = time.monotonic()
            if cancel is not None and cancel.is_set():
                run.stopped = "cancelled"
                break
            if now >= deadline:
                run.stopped = "timeout"
                break
            if test_deadline is not None and now >= test_deadline:
                run.stopped = "test_timeout"
                break
            if exited_at is None and proc.poll() is not None:
                exited_at = now  # leftovers may hold the pipes open: give them a moment only
                deadline = min(deadline, now + 0.25)
            wait = min(deadline, test_deadline or deadline) - now
            for key, _ in sel.select(max(0.0, min(wait, 0.1))):
                fd = key.fd
                if fd == in_fd:
                    try:
                        n = os.write(fd, payload[:65536])
                    except BlockingIOError:
                        continue
                    except (BrokenPipeError, OSError):
                        payload = payload[:0]
                        n = 0
                    payload = payload[n:]
                    if not payload:
                        sel.unregister(fd)
                        proc.stdin.close()
                    continue
                try:
                    data = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not data:
                    sel.unregister(fd)
                    continue
                if fd == out_fd:
                    run.output_bytes += len(data)
                    if shown_len < limits.shown_output_chars * 4:
                        shown.append(data)
                        shown_len += len(data)
                    if run.output_bytes > limits.output_bytes:
                        run.stopped = "output"
                else:
                    results += data
                    if len(results) > max_results:
                        run.stopped = "results"
                    test_deadline = _take_events(run, results, limits, test_deadline)
            if run.stopped:
                break
    finally:
        sel.close()
        _kill_group(proc)
        if run.stopped not in {"results"}:
            _drain(r_fd, results, max_results)
            _take_events(run, results, limits, None, final=True)
        os.close(r_fd)
        proc.stdout.close()
        if not proc.stdin.closed:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        run.returncode = proc.returncode
        run.seconds = time.monotonic() - started
        text = b"".join(shown).decode("utf-8", errors="replace")
        run.output = text


def _drain(fd: int, buf: bytearray, cap: int) -> None:
    while len(buf) <= cap:
        try:
            data = os.read(fd, 65536)
        except (BlockingIOError, OSError):
            return
        if not data:
            return
        buf += data


def _take_events(run: ChildRun, buf: bytearray, limits: Limits, test_deadline: float | None,
                 *, final: bool = False) -> float | None:
    """Move complete JSON lines from ``buf`` into ``run.events``; track the running test."""
    while True:
        nl = buf.find(b"\n")
        if nl < 0:
            break
        line = bytes(buf[:nl])
        del buf[: nl + 1]
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if not isinstance(event, dict):
            continue
        run.events.append(event)
        kind = event.get("kind")
        if kind == "start":
            index = event.get("index")
            run.running_index = index if isinstance(index, int) else None
            if not final:
                test_deadline = time.monotonic() + limits.per_test_seconds + limits.grace_seconds
        elif kind in {"result", "load_error"}:
            run.running_index = None
            test_deadline = None
    return test_deadline


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the child's whole process group (its session), then reap the child."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # SIGKILL cannot be ignored
        proc.wait(timeout=5)

"""Start the harness in a contained child process and collect what it reports.

The parent side of the runner. With bubblewrap (isolation.py) the child runs in its own
namespaces with a private /tmp and nothing of the user's files in view; otherwise (the
fallback) in an empty temporary directory holding a copy of the harness. Either way: a
scrubbed environment, a new session, an unprivileged uid when we are root, bounded reads of
the child's output and of its results pipe (checked message by message: channel.py), a
wall-clock deadline (whole run and per test) and, at the end, SIGKILL for everything the
child started: its pid namespace, its process group, every process of the sandbox uid.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import isolation
from .channel import check_event, check_sequence
from .limits import Limits
from .procs import (
    NOBODY,
    become_subreaper,
    kill_orphans,
    kill_uid,
    now_ticks,
    pick_uid,
    pids_of_uid,
    release_uid,
    track,
    wait_gone,
)
from .rundir import RUN_PREFIX, sweep_stale_runs, tree_bytes
from .spawn import read_init_pid, spawn

__all__ = ["RUN_PREFIX", "ChildRun", "pids_of_uid", "run_child", "sweep_stale_runs"]

HARNESS_DIR = Path(__file__).resolve().parent
_swept = False

Stop = Literal["timeout", "test_timeout", "output", "results", "cancelled", "spawn", "protocol",
               "tmp"]


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
    violation: str = ""  # why the results channel was not trusted ("" when it was)
    protection: isolation.Protection | None = None
    leftover: list[int] = field(default_factory=list)  # pids still alive after cleanup

    @property
    def killed_by(self) -> int | None:
        """The signal that ended the child, unless we sent it."""
        if self.returncode is None or self.stopped is not None:
            return None
        if self.returncode < 0:
            return -self.returncode
        # bwrap reports its command's death by a signal as 128 + the signal number.
        if (self.protection is not None and self.protection.kind == "bwrap"
                and 128 < self.returncode < 128 + 65):
            return self.returncode - 128
        return None


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
    """Run the harness on ``job`` (code or query, tests) under ``limits``. Never raises for
    anything the candidate's code does."""
    run = ChildRun()
    protection = isolation.current(limits.sandbox)
    run.protection = protection
    root = isolation.is_root()
    tmp: str | None = None
    uid: int | None = None
    started = now_ticks()
    if (limits.sandbox or isolation.requested_kind()) == "bwrap" and protection.kind != "bwrap":
        run.stopped = "spawn"
        run.error = f"bubblewrap is required ({isolation.ENV_VAR}=bwrap) but {protection.reason}"
        return run
    global _swept
    if not _swept:  # once per process; the fallback also sweeps before each run
        _swept = True
        sweep_stale_runs()
    try:
        job = dict(job)
        job["rlimits"] = rlimits(limits, n_tests)
        job["per_test_seconds"] = limits.per_test_seconds
        job["max_timeouts"] = limits.max_timeouts
        job["max_result_bytes"] = limits.result_bytes
        job["parent_pid"] = 0 if protection.kind == "bwrap" else os.getpid()
        if root:
            uid = pick_uid()
            run.sandbox_uid = uid
            job["drop_to"] = [[uid, uid], [NOBODY, NOBODY]] if uid != NOBODY else [[NOBODY, NOBODY]]
        if protection.kind == "bwrap":
            job["userns"] = root  # bwrap adds the user namespace itself when not root
            _communicate(run, job, limits, n_tests, None, cancel)
        else:
            sweep_stale_runs()
            tmp = tempfile.mkdtemp(prefix=f"{RUN_PREFIX}{os.getpid()}-")
            os.mkdir(os.path.join(tmp, "harness"), 0o755)
            os.mkdir(os.path.join(tmp, "work"), 0o700)
            for name in isolation.HARNESS_FILES:  # run a copy: nothing points into the app
                shutil.copyfile(HARNESS_DIR / name, os.path.join(tmp, "harness", name))
            if uid is None:  # no private uid to find leftovers by: adopt them instead
                become_subreaper()
            if uid is not None:
                os.chown(os.path.join(tmp, "work"), uid, uid)
                os.chmod(tmp, 0o755)
            job["landlock"] = isolation.landlock_paths(os.path.join(tmp, "work"),
                                                       os.path.join(tmp, "harness"))
            _communicate(run, job, limits, n_tests, tmp, cancel)
    finally:
        if uid is not None and uid != NOBODY:
            kill_uid(uid)
            run.leftover += pids_of_uid(uid)
        elif protection.kind != "bwrap":
            run.leftover += kill_orphans(started)
        release_uid(uid)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return run


def _communicate(run: ChildRun, job: dict[str, Any], limits: Limits, n_tests: int,
                 tmp: str | None, cancel: threading.Event | None) -> None:
    r_fd, w_fd = os.pipe()
    job["result_fd"] = w_fd
    started = time.monotonic()
    indices = [int(t["index"]) for t in job.get("tests", [])]
    language = str(job.get("language", "python"))
    try:
        proc, info_fd, to_close = spawn(job, tmp, w_fd, limits)
    except OSError as exc:
        os.close(r_fd)
        os.close(w_fd)
        run.stopped, run.error = "spawn", f"could not start Python: {exc}"
        return
    os.close(w_fd)
    init_pid = read_init_pid(info_fd, proc)
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
    line_cap = 6 * limits.result_bytes + 64 * 1024
    max_results = 8 * limits.result_bytes + 64 * 1024 * (n_tests + 4)
    next_tmp_check = started + 0.2
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
            if tmp is not None and now >= next_tmp_check:
                next_tmp_check = now + 0.2
                if tree_bytes(tmp, limits.tmp_mb * 1024 * 1024) > limits.tmp_mb * 1024 * 1024:
                    run.stopped = "tmp"
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
                    test_deadline = _take_events(run, results, limits, test_deadline,
                                                 indices=indices, language=language,
                                                 line_cap=line_cap)
            if run.stopped:
                break
    finally:
        sel.close()
        _kill_group(proc)
        track(proc.pid, add=False)
        if init_pid is not None and not wait_gone(init_pid):
            run.leftover.append(init_pid)
        if run.stopped not in {"results", "protocol"}:
            _drain(r_fd, results, max_results)
            _take_events(run, results, limits, None, final=True, indices=indices,
                         language=language, line_cap=line_cap)
            if (results and not run.violation and run.stopped is None
                    and proc.returncode is not None and proc.returncode >= 0):
                run.violation = "a message cut off at the end of the run"
        os.close(r_fd)
        for fd in to_close:
            with contextlib.suppress(OSError):
                os.close(fd)
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
                 *, final: bool = False, indices: list[int] | None = None,
                 language: str = "python", line_cap: int = 1 << 24) -> float | None:
    """Move complete JSON lines from ``buf`` into ``run.events``, checking each against what
    the harness can send (channel.py); track the running test. A violation stops the run."""
    while not run.violation:
        nl = buf.find(b"\n")
        if nl < 0:
            if len(buf) > line_cap:
                _violate(run, "an oversized message")
            break
        if nl > line_cap:
            _violate(run, "an oversized message")
            break
        line = bytes(buf[:nl])
        del buf[: nl + 1]
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            _violate(run, "a message that is not valid JSON")
            break
        problem = check_event(event, limits.result_bytes)
        if problem is None:
            run.events.append(event)
            problem = check_sequence(run.events, indices or [], language)
        if problem is not None:
            _violate(run, problem)
            break
        kind = event.get("kind")
        if kind == "start":
            run.running_index = event["index"]
            if not final:
                test_deadline = time.monotonic() + limits.per_test_seconds + limits.grace_seconds
        elif kind in {"result", "load_error"}:
            run.running_index = None
            test_deadline = None
    return test_deadline


def _violate(run: ChildRun, reason: str) -> None:
    run.violation = reason
    if run.stopped is None:
        run.stopped = "protocol"


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the child's whole process group (its session), then reap the child."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # SIGKILL cannot be ignored
        proc.wait(timeout=5)

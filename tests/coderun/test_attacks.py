"""Attacks on the sandbox, each one a test: candidate code that snoops, escapes, floods or forges.

Every attack runs under each sandbox kind (bubblewrap, and the fallback with Landlock and
seccomp) as the user running the tests and, when that is root, again as the ordinary user
``tester`` (through ``runuser`` and tests/coderun/asuser.py, which loads only the sandbox
layer and so runs on the system Python). A kind or user that cannot run here is skipped with
the reason.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import textwrap
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interview.coderun import isolation
from interview.coderun.sandbox import run_child
from tests.shared import exclusive

from .conftest import IS_ROOT, fast

ROOT = Path(__file__).resolve().parents[2]
ASUSER = Path(__file__).with_name("asuser.py")
BANK = next(iter(sorted((ROOT / "question_banks").glob("*.yaml"))), None)
TESTER = "tester"


def _tester_python() -> str | None:
    """A Python 3.11+ the ordinary user can run (ours may live under /root)."""
    for cand in ("/usr/bin/python3", "/usr/local/bin/python3", "/usr/bin/python3.11",
                 "/usr/bin/python3.12", "/usr/bin/python3.13"):
        if os.path.exists(cand) and os.access(cand, os.X_OK):
            probe = subprocess.run([cand, "-c", "import sys; print(sys.version_info >= (3, 11))"],
                                   capture_output=True, text=True, check=False)
            if probe.stdout.strip() == "True":
                return cand
    return None


@contextlib.contextmanager
def one_tester_run_at_a_time() -> Iterator[None]:
    """Whatever runs as ``tester`` runs one at a time, machine-wide (see
    ``wait_until_tester_is_idle``)."""
    with exclusive(Path(tempfile.gettempdir()) / "interview-tests-tester-uid.lock"):
        yield


def _processes_of(uid: int) -> list[int]:
    """Every process whose real uid is ``uid``, zombies included."""
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        with contextlib.suppress(OSError, StopIteration, ValueError, IndexError):
            status = Path(f"/proc/{pid}/status").read_text()
            line = next(ln for ln in status.splitlines() if ln.startswith("Uid:"))
            if int(line.split()[1]) == uid:
                found.append(int(pid))
    return found


def wait_until_tester_is_idle(timeout: float = 15.0) -> list[int]:
    """Wait until ``tester`` has no process left; returns those still there at the timeout.

    Without namespaces the fallback's process limit (RLIMIT_NPROC, 4) counts every process
    of the real uid, zombies too until they are reaped. A ``tester`` process from elsewhere
    (the other xdist worker, another test run) or the zombie bwrap a bubblewrap run as
    ``tester`` leaves to be reaped by pid 1 (which can take seconds) made the attack's own
    forks fail: test_no_process_outlives_the_run, fallback as tester, was flaky so."""
    uid = pwd.getpwnam(TESTER).pw_uid
    deadline = time.monotonic() + timeout
    while (left := _processes_of(uid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@functools.cache
def _tester_problem() -> str | None:
    if not IS_ROOT:
        return "only root can run the attacks as another user"
    if shutil.which("runuser") is None:
        return "runuser is not installed"
    try:
        pwd.getpwnam(TESTER)
    except KeyError:
        return f"no user '{TESTER}'"
    if _tester_python() is None:
        return "no Python 3.11+ the ordinary user can run"
    with one_tester_run_at_a_time():
        probe = subprocess.run(["runuser", "-u", TESTER, "--", "test", "-r", str(ASUSER)],
                               check=False)
    if probe.returncode != 0:
        return f"'{TESTER}' cannot read the project"
    return None


@pytest.fixture(params=["self", TESTER])
def user(request: pytest.FixtureRequest) -> str:
    if request.param == TESTER and (problem := _tester_problem()) is not None:
        pytest.skip(problem)
    return str(request.param)


def job_for(code: str, n_tests: int = 1) -> dict[str, Any]:
    return {"code": textwrap.dedent(code), "alternatives": [], "entrypoint": "f",
            "tests": [{"index": i, "args": "[]", "kwargs": "{}"} for i in range(1, n_tests + 1)]}


def attack(code: str, kind: str, user: str, *, env: dict[str, str] | None = None,
           n_tests: int = 1) -> dict[str, Any]:
    """Run ``code`` (defining ``f()``) in the sandbox; what came back, as a dict."""
    job = job_for(code, n_tests)
    if user == "self":
        import dataclasses

        run = run_child(job, fast(kind), n_tests)
        return {"events": run.events, "output": run.output, "violation": run.violation,
                "leftover": run.leftover, "stopped": run.stopped,
                "sandbox_uid": run.sandbox_uid,
                "kind": run.protection.kind if run.protection else None,
                "asdict": dataclasses.asdict(run)}
    python = _tester_python()
    assert python is not None
    extra = [f"{k}={v}" for k, v in (env or {}).items()]
    with one_tester_run_at_a_time():
        if kind == "fallback":
            busy = wait_until_tester_is_idle()
            assert not busy, f"processes of {TESTER} that would count against the limit: {busy}"
        proc = subprocess.run(
            ["runuser", "-u", TESTER, "--", "env", "-i", "PATH=/usr/bin:/bin", *extra, python,
             str(ASUSER), str(ROOT), kind],
            input=json.dumps(job), capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    out["kind"] = out["protection"]["kind"] if out["protection"] else None
    return out


def observed(run: dict[str, Any]) -> dict[str, Any]:
    """The JSON object the attack printed."""
    lines = [ln for ln in run["output"].splitlines() if ln.startswith("{")]
    assert lines, run
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# ------------------------------------------------------------------------------- snooping

SNOOP = """
import json, os, sys
SECRET = {secret!r}
PATHS = {paths!r}

def read(path):
    try:
        if os.path.isdir(path):
            return "LISTED " + repr(sorted(os.listdir(path))[:5])
        with open(path, "rb") as fh:
            data = fh.read(4096)
        return "READ " + ("SECRET" if SECRET.encode() in data else repr(data[:30]))
    except BaseException as exc:
        return type(exc).__name__

def f():
    seen = {{p: read(p) for p in PATHS}}
    here = os.path.dirname(os.path.abspath(sys.argv[0]))
    for rel in ("..", "../..", "../../question_banks", "../../../question_banks"):
        seen["argv0/" + rel] = read(os.path.normpath(os.path.join(here, rel)))
    procs = {{}}
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except BaseException as exc:
        pids = []
        procs["/proc"] = type(exc).__name__
    for pid in pids[:400]:
        for what in ("environ", "cmdline", "mem"):
            got = read(f"/proc/{{pid}}/{{what}}")
            if got.startswith("READ SECRET") or (what == "mem" and got.startswith("READ")):
                procs[f"{{pid}}/{{what}}"] = got
    seen["proc"] = procs
    seen["ppid"] = os.getppid()
    print(json.dumps(seen))
    return 1
"""


def test_candidate_code_sees_no_bank_no_data_no_home_no_app_process(
        kind: str, user: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "attack-secret-" + uuid.uuid4().hex
    monkeypatch.setenv("INTERVIEW_ATTACK_SECRET", secret)
    data = tmp_path / "appdata"  # a data dir as the app leaves it: 0700, history.db 0600
    data.mkdir(mode=0o700)
    db = data / "history.db"
    db.write_text(f"SQLite format 3 {secret}")
    db.chmod(0o600)
    if user == TESTER:
        pw = pwd.getpwnam(TESTER)
        for p in (tmp_path, data, db):
            os.chown(p, pw.pw_uid, pw.pw_gid)
        tmp_path.chmod(0o755)
        tmp_path.parent.chmod(0o755)  # pytest's base dir is private: let tester reach tmp_path
    home = os.path.expanduser("~") if user == "self" else f"/home/{TESTER}"
    paths = [str(p) for p in (BANK, ROOT / "question_banks", ROOT / "pyproject.toml", data, db)
             if p is not None]
    paths += [home, os.path.join(home, ".bashrc"), "/etc/passwd", "/etc/shadow",
              "/var/run/postgresql"]
    run = attack(SNOOP.format(secret=secret, paths=paths), kind, user,
                 env={"INTERVIEW_ATTACK_SECRET": secret})
    assert run["kind"] == kind
    seen = observed(run)
    leaked = {k: v for k, v in seen.items()
              if isinstance(v, str) and (v.startswith("READ") or v.startswith("LISTED"))}
    # Directories above the harness copy list only the harness (fallback: its temp dir).
    leaked = {k: v for k, v in leaked.items() if not k.startswith("argv0/..") or "yaml" in v}
    # bwrap shows the directories leading to the Python runtime (say /root/.pyenv), empty.
    _, runtime = isolation.runtime_paths()
    skeleton = {f"LISTED {[Path(r).relative_to(home).parts[0]]!r}" for r in runtime
                if r.startswith(home.rstrip("/") + "/")}
    leaked = {k: v for k, v in leaked.items() if not (k == home and v in skeleton)}
    assert leaked == {}
    assert seen["proc"] == {} or set(seen["proc"]) == {"/proc"}


# ------------------------------------------------------------------------------- sockets

SOCKETS = """
import ctypes, json, os
UNIX_PATH = {unix_path!r}
TCP_PORT = {tcp_port!r}

def f():
    seen = {{}}
    try:
        import socket
    except BaseException as exc:
        socket = None
        seen["import"] = type(exc).__name__
    if socket is not None:
        for name, family, addr in (("unix", socket.AF_UNIX, UNIX_PATH),
                                   ("tcp", socket.AF_INET, ("127.0.0.1", TCP_PORT))):
            try:
                s = socket.socket(family, socket.SOCK_STREAM)
                s.settimeout(0.5)
                s.connect(addr)
                seen[name] = "CONNECTED"
            except BaseException as exc:
                seen[name] = type(exc).__name__
    libc = ctypes.CDLL(None, use_errno=True)
    for name, family in (("raw_unix", 1), ("raw_inet", 2), ("raw_netlink", 16)):
        fd = libc.socket(family, 1 if family != 16 else 3, 0)
        seen[name] = "OPENED" if fd >= 0 else ctypes.get_errno()
    print(json.dumps(seen))
    return 1
"""


class _Listener:
    """A unix and a TCP listener on the host: a stand-in for a local PostgreSQL."""

    def __init__(self, directory: Path) -> None:
        directory.chmod(0o755)
        self.unix_path = str(directory / ".s.PGSQL.5432")
        self.unix = socket.socket(socket.AF_UNIX)
        self.unix.bind(self.unix_path)
        os.chmod(self.unix_path, 0o777)
        self.unix.listen(5)
        self.tcp = socket.socket(socket.AF_INET)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(5)
        self.port = self.tcp.getsockname()[1]
        self.accepted = 0
        self._stop = False
        self._threads = [threading.Thread(target=self._accept, args=(s,), daemon=True)
                         for s in (self.unix, self.tcp)]
        for t in self._threads:
            t.start()

    def _accept(self, sock: socket.socket) -> None:
        sock.settimeout(0.1)
        while not self._stop:
            with contextlib.suppress(OSError):
                conn, _ = sock.accept()
                self.accepted += 1
                conn.close()

    def close(self) -> None:
        self._stop = True
        for t in self._threads:
            t.join(1)
        self.unix.close()
        self.tcp.close()


def test_candidate_code_opens_no_socket(kind: str, user: str, tmp_path: Path) -> None:
    sockdir = tmp_path / "pg"
    sockdir.mkdir()
    tmp_path.chmod(0o755)
    tmp_path.parent.chmod(0o755)
    listener = _Listener(sockdir)
    try:
        run = attack(SOCKETS.format(unix_path=listener.unix_path, tcp_port=listener.port),
                     kind, user)
    finally:
        listener.close()
    seen = observed(run)
    assert listener.accepted == 0
    assert "CONNECTED" not in seen.values() and "OPENED" not in seen.values(), seen


# --------------------------------------------------------------------- leftovers and floods

LINGER = """
import ctypes, os, time
MARK = {mark!r}

def f():
    libc = ctypes.CDLL(None)
    if os.fork() == 0:  # one child, one grandchild: within the process limit
        os.setsid()  # leave the process group
        if os.fork() == 0:  # and the parent: a daemon
            libc.prctl(15, MARK.encode(), 0, 0, 0)  # PR_SET_NAME: findable in /proc
            time.sleep(30)
        os._exit(0)
    time.sleep(0.3)
    print("forked")
    return 1
"""


def _named(mark: str) -> list[int]:
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            state = next((ln.split()[1] for ln in status.splitlines()
                          if ln.startswith("State:")), "Z")
            if Path(f"/proc/{pid}/comm").read_text().strip() == mark and state not in "ZX":
                found.append(int(pid))  # a zombie waiting to be reaped is dead
    return found


def test_no_process_outlives_the_run(kind: str, user: str) -> None:
    mark = "atk" + uuid.uuid4().hex[:10]
    run = attack(LINGER.format(mark=mark), kind, user)
    # The attack ran: f() returned after forking. (Its printed "forked" can be missing from
    # the output when the daemon holds the output pipe until the run is stopped.)
    assert "forked" in run["output"] or any(
        e.get("kind") == "result" and e.get("status") == "ok" for e in run["events"])
    assert run["leftover"] == []
    assert _named(mark) == []


FILL_TMP = """
import json, os, tempfile
def f():
    written, error = 0, ""
    chunk = b"x" * (1 << 20)
    try:
        for i in range(400):  # up to 400 MB, 8 MB per file
            with open(os.path.join(tempfile.gettempdir(), f"fill{i}"), "wb") as fh:
                for _ in range(8):
                    fh.write(chunk)
                    written += len(chunk)
    except BaseException as exc:
        error = type(exc).__name__
    print(json.dumps({"written": written, "error": error}))
    return 1
"""


def test_filling_tmp_stops_at_the_limit(kind: str, user: str) -> None:
    run = attack(FILL_TMP, kind, user)
    limit = 64 << 20  # Limits.tmp_mb
    if run["stopped"] == "tmp":  # the fallback's watcher stopped it first
        return
    seen = observed(run)
    assert seen["error"] in {"OSError", "MemoryError"}
    assert seen["written"] <= limit + (8 << 20)


KILL_ALL = """
import os, signal
def f():
    refused = 0
    for pid in [os.getppid(), 1] + [int(p) for p in os.listdir("/proc") if p.isdigit()][:300]:
        try:
            os.kill(pid, 0)  # only probing: a real signal could hit the test run itself
        except OSError:
            refused += 1
    print("refused", refused)
    os.kill(-1, signal.SIGKILL)  # every process this uid may signal
    return 1
"""


def test_killing_every_process_reaches_only_the_sandbox(kind: str, user: str) -> None:
    # Survived if we get here; as the ordinary user, the driver survives to print its JSON.
    run = attack(KILL_ALL, kind, user)
    assert run["leftover"] == []


FORK_BOMB = """
import os
def f():
    for _ in range(12):
        try:
            os.fork()
        except OSError:
            pass
    return 1
"""


def test_fork_bomb_is_contained(kind: str, user: str) -> None:
    run = attack(FORK_BOMB, kind, user)
    assert run["leftover"] == []
    assert not run["violation"]


NAMESPACES_SEEN = """
import json, os
def f():
    status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines()
                  if ":" in line)
    print(json.dumps({"ns": {n: os.readlink(f"/proc/self/ns/{n}")
                             for n in ("user", "pid", "ipc", "uts", "net", "mnt")},
                      "caps": [status[k].strip() for k in ("CapPrm", "CapEff", "CapBnd")],
                      "uid": os.getuid()}))
    return 1
"""


def test_bubblewrap_puts_the_code_in_new_namespaces_without_capabilities(user: str) -> None:
    if (problem := isolation.bwrap_problem()) is not None:
        pytest.skip(f"bubblewrap cannot run here: {problem}")
    seen = observed(attack(NAMESPACES_SEEN, "bwrap", user))
    ours = {n: os.readlink(f"/proc/self/ns/{n}") for n in seen["ns"]}
    assert {n for n in seen["ns"] if seen["ns"][n] == ours[n]} == set()  # all six are new
    assert seen["caps"][:2] == ["0000000000000000"] * 2
    assert seen["uid"] != 0

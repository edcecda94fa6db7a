"""The child side of the code runner. Run as ``python -P -s _harness.py``; never imported by the app.

It reads one JSON job from stdin, then, before any candidate code runs:

* applies resource limits to itself (CPU, address space, processes, file size, open files);
* points stdin at /dev/null, so a candidate reading input gets end-of-file at once;
* preloads the standard modules a solution usually needs, then (when started as root) drops
  to an unprivileged uid/gid so the process limit is enforced and nothing private is readable;
* asks the kernel to kill it if the parent dies.

Then it compiles the candidate's code as ``solution.py``, calls the entrypoint once per test
case with arguments decoded from JSON (never evaluated), and reports one JSON line per event on
a dedicated pipe (``result_fd``), separate from the candidate's stdout. The parent compares
results with the expected values, which are never sent here.

Only the standard library is used, and nothing from the ``interview`` package.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sys
import time
from typing import Any

RANDOM_SEED = 0

PRELOAD = (
    "abc", "array", "base64", "bisect", "calendar", "cmath", "collections", "collections.abc",
    "contextlib", "copy", "csv", "dataclasses", "datetime", "decimal", "difflib", "enum",
    "fnmatch", "fractions", "functools", "glob", "graphlib", "hashlib", "heapq", "io",
    "itertools", "json", "keyword", "math", "numbers", "operator", "pathlib", "pprint", "queue",
    "random", "re", "secrets", "shutil", "statistics", "string", "struct", "tempfile",
    "textwrap", "threading", "time", "traceback", "types", "typing", "unicodedata", "uuid",
    "weakref", "zlib",
)

RLIMIT_NAMES = {
    "cpu": "RLIMIT_CPU", "as": "RLIMIT_AS", "nproc": "RLIMIT_NPROC", "fsize": "RLIMIT_FSIZE",
    "nofile": "RLIMIT_NOFILE", "core": "RLIMIT_CORE",
}


SANDBOXED = False  # True once privileges are dropped: unlisted modules may be unreadable


class TestTimeout(BaseException):
    """Raised by SIGALRM when one test runs past its time."""

    __test__ = False


class Reporter:
    """Writes JSON lines to the results pipe, whatever the candidate did to sys.stdout."""

    def __init__(self, fd: int, max_bytes: int) -> None:
        self.fd = fd
        self.max_bytes = max_bytes
        self._dumps = json.dumps
        self._write = os.write
        self._pid = os.getpid()

    def send(self, **event: Any) -> None:
        if os.getpid() != self._pid:
            os._exit(0)  # a process the candidate forked has reached the harness: it stops here
        data = (self._dumps(event, ensure_ascii=True) + "\n").encode("ascii")
        view = memoryview(data)
        while view:
            n = self._write(self.fd, view)
            view = view[n:]


def _set_limits(limits: dict[str, Any]) -> None:
    import resource

    for key, value in limits.items():
        name = RLIMIT_NAMES.get(key)
        if name is None or value is None or not hasattr(resource, name):
            continue
        which = getattr(resource, name)
        soft, hard = (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))
        resource.setrlimit(which, (soft, hard))


def _drop_privileges(ids: list[list[int]]) -> tuple[int, int]:
    """Become the first uid/gid pair the kernel accepts. Returns it; raises when none works."""
    last: OSError | None = None
    for uid, gid in ids:
        try:
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
        except OSError as exc:
            last = exc
            continue
        if os.getuid() == 0 or os.geteuid() == 0:
            raise OSError("still root after dropping privileges")
        return uid, gid
    raise OSError(f"could not drop privileges: {last}")


class _Prctl:
    """no_new_privs (setuid binaries stay powerless) and a parent-death signal. Best effort:
    ctypes is loaded while the standard library is still readable."""

    def __init__(self) -> None:
        try:
            import ctypes

            self.libc: Any = ctypes.CDLL(None, use_errno=True)
        except Exception:
            self.libc = None

    def no_new_privs(self) -> None:
        if self.libc is not None:
            self.libc.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS

    def die_with_parent(self, parent_pid: int) -> None:
        # Set after changing uid, which clears it.
        if self.libc is not None:
            self.libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        if parent_pid and os.getppid() != parent_pid:
            os._exit(3)  # the parent is already gone


def _describe_exception(exc: BaseException, filename: str) -> str:
    """``Type: message (line N)``, pointing at the last line of the candidate's own code."""
    import traceback

    name = type(exc).__name__
    try:
        text = str(exc)
    except Exception:
        text = "<unprintable message>"
    if isinstance(exc, RecursionError):
        text = text or "maximum recursion depth exceeded"
    if isinstance(exc, MemoryError):
        text = text or "ran out of memory"
    line = None
    try:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
    except Exception:
        pass
    where = f" (line {line})" if line else ""
    if (isinstance(exc, ModuleNotFoundError) and SANDBOXED
            and (exc.name or "").split(".")[0] in sys.stdlib_module_names):
        where += ("; the sandbox can import only common standard modules: "
                  + ", ".join(m for m in PRELOAD if "." not in m))
    message = f"{name}: {text}" if text else name
    return f"{message[:1000]}{where}"


def _encode_result(value: Any) -> str:
    """JSON text for a returned value: tuples become lists, sets sorted lists; else an error."""

    def default(obj: Any) -> Any:
        if isinstance(obj, (set, frozenset)):
            try:
                return sorted(obj)
            except TypeError:
                return list(obj)
        if hasattr(obj, "tolist") and callable(obj.tolist):  # numpy arrays and scalars
            return obj.tolist()
        raise TypeError(
            f"returned a value of type {type(obj).__name__}, which is not a plain value "
            "(number, string, bool, None, list, tuple, dict)"
        )

    return json.dumps(value, default=default, allow_nan=True, ensure_ascii=False)


def _find_callable(namespace: dict[str, Any], name: str) -> Any:
    func = namespace.get(name)
    if callable(func) and not isinstance(func, type):
        return func
    # LeetCode style: a class Solution with the method.
    cls = namespace.get("Solution")
    if isinstance(cls, type) and callable(getattr(cls, name, None)):
        return getattr(cls(), name)
    return None


def _defined_functions(namespace: dict[str, Any]) -> list[str]:
    return sorted(
        k for k, v in namespace.items()
        if not k.startswith("__") and callable(v) and getattr(v, "__module__", "") == "solution"
    )


def _report_compile_error(reporter: Reporter, exc: BaseException) -> None:
    if isinstance(exc, SyntaxError):
        detail = f"{type(exc).__name__}: {exc.msg}"
        if exc.lineno:
            detail += f" (line {exc.lineno}"
            detail += f", column {exc.offset})" if exc.offset else ")"
        text = (exc.text or "").rstrip("\n")
        reporter.send(kind="syntax_error", error=detail, line=exc.lineno or 0, text=text[:300])
    else:
        reporter.send(kind="syntax_error", error=f"{type(exc).__name__}: {exc}", line=0, text="")


def _load_part(name: str) -> Any:
    """A part of the harness next to this file, loaded by path (``-P`` keeps this directory
    off sys.path): ``_harness_sql.py`` (SQL questions), ``_harness_confine.py`` (Landlock,
    seccomp)."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"_harness_{name}.py")
    spec = importlib.util.spec_from_file_location(f"_harness_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _confine(job: dict[str, Any]) -> list[str]:
    """Landlock (when the parent asks: the fallback runner) and the no-sockets seccomp
    filter. What could not be applied is reported in ``ready`` rather than failing: the
    parent decides what to tell the candidate."""
    confine = _load_part("confine")
    done: list[str] = []
    if job.get("userns"):  # root under bubblewrap: a user namespace of our own, or no run
        done.append(confine.user_namespace())
    paths = job.get("landlock")
    if paths:
        try:
            done.append(confine.landlock(paths["read"], paths["write"], paths["files"]))
        except (OSError, AttributeError) as exc:
            done.append(f"no landlock ({exc})")
    try:
        done.append(confine.no_sockets())
    except (OSError, AttributeError) as exc:
        done.append(f"no seccomp ({exc})")
    return done


def main() -> None:
    global SANDBOXED
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    os.environ.pop("PWD", None)  # set by bubblewrap's --chdir; the scrubbed set stays exact
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as we do
    sys.dont_write_bytecode = True
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
        sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]

    result_fd = int(job["result_fd"])
    os.set_inheritable(result_fd, False)
    reporter = Reporter(result_fd, int(job.get("max_result_bytes", 1 << 20)))

    for module in PRELOAD:
        with contextlib.suppress(Exception):
            __import__(module)
    sql = _load_part("sql") if job.get("language") == "sql" else None
    try:
        prctl = _Prctl()
        prctl.no_new_privs()
        _set_limits(job.get("rlimits", {}))
        user = None
        if job.get("drop_to"):
            user = _drop_privileges(job["drop_to"])
            SANDBOXED = True
        confined = _confine(job)
        prctl.die_with_parent(int(job.get("parent_pid", 0)))
    except Exception as exc:
        reporter.send(kind="sandbox_error", error=f"{type(exc).__name__}: {exc}")
        os._exit(2)
    protection = ", ".join(([f"private uid {user[0]}"] if user is not None else []) + confined)
    reporter.send(kind="ready", uid=os.getuid(), dropped=user is not None, protection=protection)

    per_test = float(job.get("per_test_seconds", 2.0))
    if sql is not None:
        sql.run(job, reporter.send, per_test)
        os._exit(0)
    filename = "solution.py"
    now = time.perf_counter

    def on_alarm(signum: int, frame: Any) -> None:
        raise TestTimeout(f"took longer than {per_test:g} s")

    signal.signal(signal.SIGALRM, on_alarm)

    def with_alarm(fn: Any, *args: Any, **kwargs: Any) -> Any:
        signal.setitimer(signal.ITIMER_REAL, per_test)
        try:
            return fn(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def flush_output() -> None:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            try:
                if stream is not None:
                    stream.flush()
            except Exception:
                pass

    # Compile and load the candidate's module: the code as given, else the alternatives (the
    # code part of an answer that mixes prose and code), else report the first error.
    try:
        code_obj = compile(job["code"], filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError) as exc:
        for i, alternative in enumerate(job.get("alternatives", [])):
            try:
                code_obj = compile(alternative, filename, "exec", dont_inherit=True)
            except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError):
                continue
            reporter.send(kind="extracted", alternative=i)
            break
        else:
            _report_compile_error(reporter, exc)
            os._exit(0)

    namespace: dict[str, Any] = {"__name__": "solution", "__file__": filename,
                                 "__builtins__": __builtins__}
    reporter.send(kind="start", index=-1)
    started = now()
    # The same code gets the same results on every run: `random` starts from one seed when
    # the code loads and again before each test (code that seeds it itself still may).
    random.seed(RANDOM_SEED)
    try:
        with_alarm(exec, code_obj, namespace)
    except TestTimeout:
        flush_output()
        reporter.send(kind="load_error", status="timeout",
                      error=f"loading your code took longer than {per_test:g} s "
                            "(code at the top level of the file runs when it loads)",
                      seconds=now() - started)
        os._exit(0)
    except BaseException as exc:
        flush_output()
        if isinstance(exc, SystemExit):
            detail = f"SystemExit: the code called sys.exit({exc.code!r}) while loading"
        else:
            detail = _describe_exception(exc, filename)
        reporter.send(kind="load_error", status="error", error=detail, seconds=now() - started)
        os._exit(0)
    flush_output()

    entry = str(job["entrypoint"])
    func = _find_callable(namespace, entry)
    if func is None:
        reporter.send(kind="missing_entrypoint", entrypoint=entry,
                      defined=_defined_functions(namespace)[:20])
        os._exit(0)

    timeouts, max_timeouts = 0, int(job.get("max_timeouts", 0)) or len(job["tests"]) + 1
    for case in job["tests"]:
        if timeouts >= max_timeouts:
            reporter.send(kind="gave_up", timeouts=timeouts)
            break
        index = int(case["index"])
        # Decode afresh for every test so a function that mutates its input cannot leak.
        args = json.loads(case["args"])
        kwargs = json.loads(case["kwargs"])
        reporter.send(kind="start", index=index)
        random.seed(RANDOM_SEED)
        started = now()
        status, got, error = "ok", "", ""
        try:
            got = with_alarm(lambda: _encode_result(func(*args, **kwargs)))  # noqa: B023
        except TestTimeout:
            status, error = "timeout", f"took longer than {per_test:g} s"
            timeouts += 1
        except SystemExit as exc:
            status, error = "error", f"SystemExit: the code called sys.exit({exc.code!r})"
        except KeyboardInterrupt:
            status, error = "error", "KeyboardInterrupt"
        except BaseException as exc:
            status, error = "error", _describe_exception(exc, filename)
        elapsed = now() - started
        flush_output()
        if len(got) > reporter.max_bytes:
            status, got = "error", ""
            error = f"the returned value is too large (over {reporter.max_bytes:,} bytes as JSON)"
        reporter.send(kind="result", index=index, status=status, got=got, error=error,
                      seconds=elapsed)
    reporter.send(kind="done")
    flush_output()
    os._exit(0)  # skip atexit hooks and threads the candidate may have left behind


if __name__ == "__main__":
    main()

"""``interview doctor``: which protections are active here, measured rather than assumed.

Each check is a plain record (name, status, detail); the CLI prints them. The code-runner
check starts one sandboxed run of a trivial function and reports what the child applied to
itself (private uid, Landlock, seccomp), so a missing protection shows up as it really is.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..config import Settings
from ..domain.words import plural

Status = Literal["ok", "warn", "info"]


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str


def run_checks(settings: Settings, *, probe_sandbox: bool = True) -> list[Check]:
    checks = [*sandbox_checks(probe=probe_sandbox), limits_check()]
    checks += storage_checks(settings)
    return checks


def sandbox_checks(*, probe: bool = True) -> list[Check]:
    from ..coderun import isolation

    prot = isolation.current()
    if prot.kind == "bwrap":
        out = [Check("sandbox", "ok", "bubblewrap"),
               Check("namespaces", "ok", ", ".join(prot.namespaces))]
        out += [Check("sandbox note", "info", note) for note in prot.notes]
        out.append(Check("files visible to code", "ok",
                         "the Python runtime and the harness (read-only); a private tmpfs /tmp"))
    else:
        out = [Check("sandbox", "warn", f"fallback: {prot.reason}"),
               Check("namespaces", "warn", "none (code runs as a plain child process)")]
    if probe:
        out.append(_measured())
    return out


def _measured() -> Check:
    """Run ``def f(): return 1`` in the sandbox and read what the child says it applied."""
    from ..coderun import DEFAULT_LIMITS
    from ..coderun.sandbox import run_child

    job = {"code": "def f():\n    return 1\n", "alternatives": [], "entrypoint": "f",
           "tests": [{"index": 1, "args": "[]", "kwargs": "{}"}]}
    try:
        run = run_child(job, DEFAULT_LIMITS, 1)
    except Exception as exc:  # the doctor reports; it does not crash
        return Check("in the child", "warn", f"could not start a test run: {exc}")
    ready = next((e for e in run.events if e.get("kind") == "ready"), None)
    if ready is None:
        detail = run.error or run.output.strip()[-200:] or f"exit code {run.returncode}"
        return Check("in the child", "warn", f"the test run did not start: {detail}")
    applied = str(ready.get("protection") or "")
    parts = [p.strip() for p in applied.split(",") if p.strip()]
    missing = [p for p in parts if p.startswith("no ")]
    kind = run.protection.kind if run.protection else "?"
    if kind != "bwrap" and not any(p.startswith("landlock") for p in parts):
        status: Status = "warn"
        parts.append("the code can read every file the user running it can read")
    else:
        status = "warn" if missing else "ok"
    return Check("in the child", status, "; ".join(parts) or "nothing beyond the sandbox")


def limits_check() -> Check:
    from ..coderun import DEFAULT_LIMITS as L

    return Check("resource limits", "ok", (
        f"{L.per_test_seconds:g} s per test, at most {L.wall_seconds:g} s per run; CPU "
        f"(RLIMIT_CPU); {L.memory_mb} MB address space; {L.max_processes} processes; files "
        f"{L.file_mb} MB each, {L.open_files} open; /tmp {L.tmp_mb} MB; output "
        f"{L.output_bytes // 1_000_000} MB"))


def _mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _perm_check(name: str, path: Path, want: int) -> Check:
    mode = _mode(path)
    if mode is None:
        try:
            path.stat()
        except FileNotFoundError:
            return Check(name, "info", f"{path} (not created yet)")
        except OSError as exc:
            return Check(name, "warn", f"{path}: cannot be read ({exc.strerror or exc})")
        return Check(name, "info", f"{path} (not created yet)")
    if mode & ~want & 0o077:
        return Check(name, "warn", f"{path} is {mode:04o}; others can read it (want {want:04o})")
    return Check(name, "ok", f"{path} is {mode:04o}")


def storage_checks(settings: Settings) -> list[Check]:
    from ..store.db import safe_url

    out = [_perm_check("data dir", settings.data_dir, 0o700)]
    url = settings.database_url
    if url.startswith("sqlite"):
        out.append(Check("database", "ok", f"SQLite, {settings.data_dir / 'history.db'}"
                         if not settings.db_url else f"SQLite, {safe_url(url)}"))
        if not settings.db_url:
            out.append(_perm_check("history.db", settings.data_dir / "history.db", 0o600))
    else:
        out.append(Check("database", "ok", f"PostgreSQL, {safe_url(url)}"))
        if _has_password(url):
            out.append(Check("database password", "warn",
                             "the --db URL holds a password; use ~/.pgpass, PGPASSWORD or a "
                             "service file instead"))
        out.append(_cohort_check(settings))
    out.append(_journal_check(settings))
    return out


def _has_password(url: str) -> bool:
    try:
        from sqlalchemy.engine import make_url

        return bool(make_url(url).password)
    except Exception:
        return False


def _cohort_check(settings: Settings) -> Check:
    try:
        from ..store.cohort import describe_role
    except ImportError:
        return Check("cohort", "info", "not available")
    try:
        status, detail = describe_role(settings.database_url)
        return Check("cohort", "ok" if status == "ok" else "warn", detail)
    except Exception as exc:
        return Check("cohort", "warn", f"could not check: {exc}")


def _journal_check(settings: Settings) -> Check:
    try:
        from .journal import Journal
    except ImportError:
        return Check("answer journal", "info", "not available")
    journal = Journal(settings.data_dir)
    pending = journal.pending_count()
    where = journal.path
    mode = _mode(where)
    perm = f", mode {mode:04o}" if mode is not None else ""
    if pending:
        return Check("answer journal", "warn", f"{plural(pending, 'answer')} not yet in the database "
                     f"(kept in {where}{perm}; replayed on the next start)")
    return Check("answer journal", "ok", f"{where}{perm}; nothing pending")


def env_summary() -> str:
    """One line about the sandbox for notices elsewhere."""
    from ..coderun import isolation

    return isolation.current().summary


__all__ = ["Check", "env_summary", "run_checks"]

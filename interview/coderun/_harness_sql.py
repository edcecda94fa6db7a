"""The child side of SQL questions. Loaded by ``_harness.py`` (by file path, before any
privilege drop); never imported by the app. Standard library only.

For every test: a fresh in-memory SQLite database built from the question's fixture and the
test's setup (bank SQL, run with full rights), then the candidate's query on the same
connection with ``PRAGMA query_only`` on and an authorizer that allows only reading. The rows
go back to the parent as JSON; the expected rows are never sent here.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from typing import Any

# sqlite3 action codes (the C API's numbers; the module does not name them all on 3.11).
_READ_ONLY = {20, 21, 31, 33}  # SQLITE_READ, SQLITE_SELECT, SQLITE_FUNCTION, SQLITE_RECURSIVE
_ACTION_NAMES = {
    1: "create an index", 2: "create a table", 3: "create a temporary index",
    4: "create a temporary table", 5: "create a temporary trigger", 6: "create a temporary view",
    7: "create a trigger", 8: "create a view", 9: "delete rows", 10: "drop an index",
    11: "drop a table", 12: "drop a temporary index", 13: "drop a temporary table",
    14: "drop a temporary trigger", 15: "drop a temporary view", 16: "drop a trigger",
    17: "drop a view", 18: "insert rows", 19: "run a PRAGMA", 22: "start or end a transaction",
    23: "update rows", 24: "ATTACH a database", 25: "DETACH a database", 26: "alter a table",
    27: "reindex", 28: "analyze", 29: "create a virtual table", 30: "drop a virtual table",
    32: "use a savepoint",
}
_DENIED_FUNCTIONS = {"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"}
_COMMENT = re.compile(r"(--[^\n]*(\n|$)|/\*.*?(\*/|$))", re.S)
_PROGRESS_STEPS = 2_000


class Refused(Exception):
    """The answer is not a single read-only query."""


class _Guard:
    """The authorizer: reading is allowed, everything else denied and remembered."""

    def __init__(self) -> None:
        self.denied: list[str] = []

    def __call__(self, action: int, arg1: Any, arg2: Any, db: Any, source: Any) -> int:
        if action in _READ_ONLY:
            if action == 31 and str(arg2 or "").lower() in _DENIED_FUNCTIONS:
                self.denied.append(f"call {arg2}()")
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK
        what = _ACTION_NAMES.get(action, f"perform action {action}")
        target = arg1 if isinstance(arg1, str) and action in {9, 18, 23, 2, 11, 26} else None
        if target and target.lower().startswith("sqlite_"):  # e.g. pragma_table_info()
            what, target = "use a PRAGMA function or SQLite's internal tables", None
        self.denied.append(f"{what} ({target})" if target else what)
        return sqlite3.SQLITE_DENY


def leading_keyword(query: str) -> str:
    text = _COMMENT.sub(" ", query).strip()
    match = re.match(r"[A-Za-z]+", text)
    return match.group(0).upper() if match else ""


def _connect(deadline: list[float]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)

    def progress() -> int:
        return 1 if time.monotonic() > deadline[0] else 0

    conn.set_progress_handler(progress, _PROGRESS_STEPS)
    return conn


def _lock(conn: sqlite3.Connection, guard: _Guard) -> None:
    conn.execute("PRAGMA query_only = ON")
    conn.set_authorizer(guard)


def check_query(query: str, fixture: str, seconds: float) -> None:
    """Raise Refused unless ``query`` is one read-only SELECT (or WITH ... SELECT). Compiles
    it with EXPLAIN on the base database, which runs the authorizer but not the query."""
    word = leading_keyword(query)
    if word not in {"SELECT", "WITH"}:
        shown = f"starts with {word}" if word else "has no SQL statement"
        raise Refused(f"The answer must be one SELECT query (or WITH ... SELECT); it {shown}.")
    deadline = [time.monotonic() + seconds]
    conn = _connect(deadline)
    try:
        try:
            conn.executescript(fixture)
        except sqlite3.Error:
            return  # the fixture's own problem is reported by the first test
        guard = _Guard()
        _lock(conn, guard)
        try:
            conn.execute("EXPLAIN " + query)
        except (sqlite3.Warning, sqlite3.ProgrammingError) as exc:
            if "one statement" in str(exc):
                raise Refused("The answer must be a single SQL statement; it has more than "
                              "one (only one trailing ';' is allowed).") from None
            raise Refused(f"The query could not be prepared: {exc}") from None
        except sqlite3.Error:
            if guard.denied:
                raise Refused("Only a read-only query may run; this one tries to "
                              + ", ".join(dict.fromkeys(guard.denied)) + ".") from None
            # A syntax error or a missing table: each test reports it.
    finally:
        conn.close()


def _plain(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "x'" + bytes(value).hex() + "'"
    return value


def run_test(query: str, fixture: str, setup: str | None, seconds: float,
             max_bytes: int) -> tuple[str, str, str]:
    """(status, rows as JSON, error) for one test; status "ok", "error", "timeout" or
    "fixture" (the bank's SQL failed: not the candidate's fault)."""
    deadline = [time.monotonic() + seconds]
    conn = _connect(deadline)
    try:
        for label, script in (("sql_fixture", fixture), ("setup", setup or "")):
            try:
                conn.executescript(script)
            except sqlite3.Error as exc:
                if time.monotonic() > deadline[0]:
                    return "fixture", "", f"the question's {label} took too long"
                return "fixture", "", f"the question's {label} failed: {exc}"
        deadline[0] = time.monotonic() + seconds  # the query gets the whole per-test time
        guard = _Guard()
        _lock(conn, guard)
        try:
            cursor = conn.execute(query)
            if cursor.description is None:
                return "error", "", "the statement returned no rows (it is not a query)"
            rows: list[list[Any]] = []
            size = 0
            while True:
                batch = cursor.fetchmany(500)
                if not batch:
                    break
                for row in batch:
                    plain = [_plain(v) for v in row]
                    size += len(json.dumps(plain, allow_nan=True)) + 2
                    if size > max_bytes:
                        return "error", "", (f"the query returned too many rows (over "
                                             f"{max_bytes:,} bytes as JSON)")
                    rows.append(plain)
        except sqlite3.Error as exc:
            if time.monotonic() > deadline[0]:
                return "timeout", "", f"took longer than {seconds:g} s"
            if guard.denied:
                return "error", "", ("only a read-only query may run; this one tries to "
                                     + ", ".join(dict.fromkeys(guard.denied)))
            return "error", "", f"{type(exc).__name__}: {exc}"[:1000]
        except MemoryError:
            return "error", "", "MemoryError: the query ran out of memory"
        return "ok", json.dumps(rows, allow_nan=True, ensure_ascii=False), ""
    finally:
        conn.close()


def run(job: dict[str, Any], send: Any, per_test: float) -> None:
    """Run every test of an SQL job, reporting through ``send(**event)``."""
    query = str(job["query"])
    fixture = str(job["fixture"])
    max_bytes = int(job.get("max_result_bytes", 1 << 20))
    try:
        check_query(query, fixture, per_test)
    except Refused as exc:
        send(kind="sql_refused", error=str(exc))
        return
    timeouts, max_timeouts = 0, int(job.get("max_timeouts", 0)) or len(job["tests"]) + 1
    for case in job["tests"]:
        if timeouts >= max_timeouts:
            send(kind="gave_up", timeouts=timeouts)
            break
        index = int(case["index"])
        send(kind="start", index=index)
        started = time.perf_counter()
        status, got, error = run_test(query, fixture, case.get("setup"), per_test, max_bytes)
        if status == "fixture":
            send(kind="fixture_error", index=index, error=error[:1000])
            return
        if status == "timeout":
            timeouts += 1
        send(kind="result", index=index, status=status, got=got, error=error,
             seconds=time.perf_counter() - started)
    send(kind="done")

"""run_tests: the candidate's code against a question's test cases, in a contained child."""

from __future__ import annotations

import difflib
import json
import signal
import threading
from typing import Any, Literal

from ..banks.models import CodeTest, Question
from ..scoring.report import TestResult, TestSummary
from .compare import normalise, rows_equal, show, show_call, values_equal
from .extract import code_candidates, sql_query
from .limits import DEFAULT_LIMITS, Limits
from .sandbox import ChildRun, run_child

Status = Literal["passed", "failed", "error", "timeout"]

_SIGNAL_TEXT = {
    signal.SIGSEGV: "crashed (segmentation fault), usually recursion too deep for the stack",
    signal.SIGXCPU: "was stopped: it used up its CPU time",
    signal.SIGKILL: "was killed: it hit the CPU-time or memory limit",
    signal.SIGABRT: "aborted (out of memory?)",
    signal.SIGBUS: "crashed (bus error)",
}


def run_tests(code: str, question: Question, *, include_hidden: bool = True,
              limits: Limits | None = None, cancel: threading.Event | None = None) -> TestSummary:
    """Run ``code`` against ``question.tests`` in a separate, limited Python process.

    Blocking (up to the limits' wall time): call it from a worker thread. ``include_hidden``
    False runs only the visible tests (the "run tests" button before submitting). Setting
    ``cancel`` stops the run early. Never raises: whatever the code does, and even when the
    runner itself fails, the tests count (as failed when they could not be checked).
    """
    limits = limits or DEFAULT_LIMITS
    cases = [(i, t) for i, t in enumerate(question.tests, start=1) if include_hidden or not t.hidden]
    summary = TestSummary(passed=0, total=len(cases), include_hidden=include_hidden,
                          test_weight=question.test_weight,
                          hidden_total=sum(1 for _, t in cases if t.hidden))
    sql = question.language == "sql"
    entry = "query" if sql else (question.entrypoint or "")
    if not cases or not question.runs_tests:
        summary.outcome = "no_tests"
        summary.notice = "This question has no test cases to run."
        return summary
    try:
        return _run(code, question, summary, cases, entry, limits, cancel)
    except Exception as exc:  # a bug of ours must not turn the tests off (rubric-only)
        return _not_run(summary, cases, entry, "sandbox_error",
                        f"The tests could not be run ({type(exc).__name__}: {exc}); "
                        "they count as failed.", "not run: the runner failed")


def _run(code: str, question: Question, summary: TestSummary, cases: list[tuple[int, CodeTest]],
         entry: str, limits: Limits, cancel: threading.Event | None) -> TestSummary:
    if not code.strip():
        return _not_run(summary, cases, entry, "no_code", "No code was submitted.")
    if len(code) > limits.max_code_chars:
        return _not_run(summary, cases, entry, "too_long", (
            f"The code is {len(code):,} characters long, over the {limits.max_code_chars:,} "
            "limit; it was not run."))
    try:
        import resource  # noqa: F401 - the sandbox needs it (POSIX only)
    except ImportError:  # pragma: no cover - Windows
        return _not_run(summary, cases, entry, "unavailable",
                        "Running code needs a POSIX system (Linux or macOS).")
    if question.language == "sql":
        query = sql_query(code)
        if query is None:
            return _not_run(summary, cases, entry, "no_code", (
                "No SQL query was found: put it in a ```sql fenced block, or start a line "
                "with SELECT or WITH."), "not run: no query")
        job: dict[str, Any] = {
            "language": "sql", "query": query, "fixture": question.sql_fixture or "",
            "tests": [{"index": i, "setup": t.setup} for i, t in cases],
        }
        mixed = False
    else:
        candidates = code_candidates(code)
        job = {
            "code": candidates[0],
            "alternatives": candidates[1:],
            "entrypoint": entry,
            "tests": [{"index": i, "args": json.dumps(t.args), "kwargs": json.dumps(t.kwargs)}
                      for i, t in cases],
        }
        mixed = len(candidates) > 1
    run = run_child(job, limits, len(cases), cancel=cancel)
    summary = _summarise(summary, run, cases, entry, limits, mixed=mixed,
                         sql=question.language == "sql")
    if run.protection is not None and run.protection.kind != "bwrap":
        notice = fallback_notice(run)
        summary.notice = f"{summary.notice}\n{notice}" if summary.notice else notice
    return summary


def fallback_notice(run: ChildRun) -> str:
    """What protected this run when bubblewrap did not, in plain words."""
    assert run.protection is not None
    ready = _event(run, "ready") or {}
    applied = [p.strip() for p in str(ready.get("protection", "")).split(",") if p.strip()]
    text = (f"Not sandboxed ({run.protection.reason}): your code ran as a plain child process "
            "with resource limits")
    if applied:
        text += " (" + ", ".join(applied) + ")"
    if not any(p.startswith("landlock") for p in applied):
        text += "; it could read any file your user can read"
    return text + ". `interview doctor` shows what is protected."


def _visible_result(index: int, test: CodeTest, entry: str, status: Status,
                    **extra: str) -> TestResult:
    if test.hidden:
        return TestResult(index=index, status=status, hidden=True)
    if entry == "query":  # SQL: the data the query runs on, the rows it must return
        setup = " ".join((test.setup or "").split())
        args = "your query on the fixture" + (f" after: {setup}" if setup else "")
        return TestResult(index=index, status=status, name=test.name,
                          args=args if len(args) <= 300 else args[:299] + "…",
                          expected=show(normalise(test.expect)), **extra)
    return TestResult(index=index, status=status, name=test.name,
                      args=show_call(entry, test.args, test.kwargs),
                      expected=show(normalise(test.expect)), **extra)


def _not_run(summary: TestSummary, cases: list[tuple[int, CodeTest]], entry: str, outcome: str,
             notice: str, reason: str = "") -> TestSummary:
    summary.outcome = outcome
    summary.notice = notice
    summary.results = [_visible_result(i, t, entry, "error", error=reason or "not run")
                       for i, t in cases]
    return summary


def _event(run: ChildRun, kind: str) -> dict[str, Any] | None:
    return next((e for e in run.events if e.get("kind") == kind), None)


def _stopped_text(run: ChildRun, limits: Limits) -> tuple[str, str, str]:
    """(outcome, notice, per-test error) for a child that did not finish."""
    mb = limits.output_bytes / 1_000_000
    if run.stopped == "output":
        return ("output_limit",
                f"The code printed more than {mb:g} MB, so the run was stopped.",
                f"stopped: printed more than {mb:g} MB")
    if run.stopped == "results":
        return ("output_limit", "The code returned values too large to check; the run was stopped.",
                "stopped: returned values too large")
    if run.stopped == "test_timeout":
        s = f"{limits.per_test_seconds:g} s"
        return ("timeout", f"A test ran past its {s} limit and ignored the alarm; the run was "
                "stopped.", f"took longer than {s}")
    if run.stopped == "timeout":
        s = f"{run.seconds:.1f} s"
        return ("timeout", f"The run was stopped after {s} (the time limit for all tests).",
                f"stopped after {s}")
    if run.stopped == "tmp":
        return ("output_limit", f"The code wrote more than {limits.tmp_mb} MB of files, so the "
                "run was stopped.", f"stopped: wrote more than {limits.tmp_mb} MB of files")
    if run.stopped == "cancelled":
        return ("cancelled", "The run was cancelled.", "cancelled")
    if run.stopped == "spawn":
        return ("sandbox_error", run.error, "not run")
    sig = run.killed_by
    if sig is not None:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        what = _SIGNAL_TEXT.get(sig, f"ended by {name}")  # type: ignore[call-overload]
        return ("crashed", f"The Python process {what} ({name}).", f"the process {what}")
    tail = run.output.strip().splitlines()[-1:] if run.output.strip() else []
    detail = f": {tail[0]}" if tail else ""
    return ("crashed", f"The Python process ended unexpectedly (exit code {run.returncode}){detail}.",
            "the process ended unexpectedly")


def _summarise(summary: TestSummary, run: ChildRun, cases: list[tuple[int, CodeTest]],
               entry: str, limits: Limits, *, mixed: bool = False,
               sql: bool = False) -> TestSummary:
    summary.seconds = round(run.seconds, 3)
    summary.stdout = run.output[: limits.shown_output_chars]
    summary.stdout_truncated = run.output_bytes > len(summary.stdout.encode("utf-8"))

    if run.violation:  # the results channel cannot be trusted: nothing it said counts
        return _not_run(summary, cases, entry, "protocol_error", (
            f"The test run was stopped: the results channel received {run.violation}. Only "
            "the test harness writes there; every test counts as failed."),
            "not counted: the results channel was tampered with")
    if run.leftover:
        return _not_run(summary, cases, entry, "sandbox_error", (
            "Processes started by the code could not be stopped; every test counts as failed."),
            "not counted: processes were left running")
    if (ev := _event(run, "sql_refused")) is not None:
        return _not_run(summary, cases, entry, "refused", str(ev["error"]),
                        "not run: not a single read-only query")
    if (ev := _event(run, "fixture_error")) is not None:
        notice = ("The question's database could not be built (a problem in the question "
                  f"bank, not in your answer): {ev['error']}")
        done = {int(e["index"]) for e in run.events if e.get("kind") == "result"}
        summary = _not_run(summary, cases, entry, "fixture_error", notice, "not run: " + notice)
        if done:  # tests that did run keep their results
            by_index = {int(e["index"]): e for e in run.events if e.get("kind") == "result"}
            summary.results = [_check(i, t, entry, by_index[i], sql=sql) if i in by_index else r
                               for (i, t), r in zip(cases, summary.results, strict=True)]
            summary.passed = sum(1 for r in summary.results if r.status == "passed")
            summary.hidden_passed = sum(1 for r in summary.results
                                        if r.status == "passed" and r.hidden)
        return summary

    if (ev := _event(run, "sandbox_error")) is not None:
        return _not_run(summary, cases, entry, "sandbox_error",
                        f"Could not set up the sandbox: {ev.get('error', '')}")
    if (ev := _event(run, "syntax_error")) is not None:
        error = str(ev.get("error", "SyntaxError"))
        text = str(ev.get("text", "")).strip()
        notice = f"Your code does not compile: {error}" + (f"\n    {text}" if text else "")
        if mixed:
            notice += ("\nWhen an answer mixes code and explanation, put the code in a "
                       "```python fenced block.")
        return _not_run(summary, cases, entry, "syntax_error", notice, "not run: syntax error")
    if (ev := _event(run, "load_error")) is not None:
        error = str(ev.get("error", ""))
        if ev.get("status") == "timeout":
            return _not_run(summary, cases, entry, "timeout", error[:1].upper() + error[1:] + ".",
                            "not run: loading the code timed out")
        return _not_run(summary, cases, entry, "load_error",
                        f"Your code failed while loading: {error}",
                        "not run: the code failed while loading")
    if (ev := _event(run, "missing_entrypoint")) is not None:
        defined = [str(d) for d in ev.get("defined", [])]
        notice = f"No function named '{entry}' was found; the tests call {entry}(...)."
        close = difflib.get_close_matches(entry, defined, n=1, cutoff=0.5)
        if close:
            notice += f" Did you mean to name '{close[0]}' '{entry}'?"
        elif defined:
            notice += f" Your code defines: {', '.join(defined)}."
        return _not_run(summary, cases, entry, "missing_entrypoint", notice,
                        f"not run: no function '{entry}'")

    by_index = {int(e["index"]): e for e in run.events
                if e.get("kind") == "result" and isinstance(e.get("index"), int)}
    finished = _event(run, "done") is not None
    outcome, notice, stop_error = ("ok", "", "")
    if (ev := _event(run, "gave_up")) is not None:
        n = ev.get("timeouts", limits.max_timeouts)
        outcome, stop_error = "timeout", "not run: earlier tests timed out"
        notice = f"{n} tests timed out, so the remaining tests were not run."
    elif not finished:
        if run.running_index is None and not run.stopped and _event(run, "ready") is None:
            outcome, notice, stop_error = _stopped_text(run, limits)
            if outcome == "crashed":
                outcome = "sandbox_error"
                notice = "Could not start the sandboxed Python: " + notice
        else:
            outcome, notice, stop_error = _stopped_text(run, limits)
        if run.running_index == -1:  # stopped while loading the module
            return _not_run(summary, cases, entry, outcome, notice, f"not run: {stop_error}")

    results: list[TestResult] = []
    for index, test in cases:
        ev = by_index.get(index)
        if ev is None:
            running = index == run.running_index
            status: Status = "timeout" if running and outcome == "timeout" else "error"
            error = (stop_error if running or _event(run, "gave_up") is not None
                     else "not run: the run had stopped")
            results.append(_visible_result(index, test, entry, status, error=error))
            continue
        results.append(_check(index, test, entry, ev, sql=sql))
    summary.results = results
    summary.passed = sum(1 for r in results if r.status == "passed")
    summary.hidden_passed = sum(1 for r in results if r.status == "passed" and r.hidden)
    summary.outcome = outcome
    summary.notice = notice
    if _event(run, "extracted") is not None and not notice:
        summary.notice = "Ran the code part of your answer; the text around it was left out."
    return summary


def _check(index: int, test: CodeTest, entry: str, ev: dict[str, Any], *,
           sql: bool = False) -> TestResult:
    """The result of one test. The parent compares; whatever the child sent back, a value it
    cannot read or check makes the test an error, never an exception here."""
    seconds = round(float(ev.get("seconds", 0.0)), 4)
    status = ev.get("status")
    if status == "ok":
        try:
            got = json.loads(str(ev.get("got", "")))
            if sql:
                passed = rows_equal(test.expect or [], got, ordered=test.ordered)
            else:
                passed = values_equal(normalise(test.expect), got)
            shown = show(got)
        except (ValueError, RecursionError, TypeError, OverflowError):
            result = _visible_result(index, test, entry, "error",
                                     error="the returned value could not be read")
        else:
            result = _visible_result(index, test, entry, "passed" if passed else "failed",
                                     got=shown)
    elif status == "timeout":
        result = _visible_result(index, test, entry, "timeout", error=str(ev.get("error", "")))
    else:
        result = _visible_result(index, test, entry, "error", error=str(ev.get("error", "")))
    result.seconds = seconds
    return result

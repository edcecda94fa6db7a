"""Every contained case ends within its limit, with a clear result, and the runner keeps working.

Limits are tight (1 s per test, 3 s per run, 256 MB); see conftest.FAST.
"""

from __future__ import annotations

import os
import textwrap
import time

from interview.banks.models import Question
from interview.coderun import run_tests
from interview.scoring.report import TestSummary

from .conftest import FAST, IS_ROOT, assert_nothing_left, make_question

GOOD = "def add(a, b):\n    return a + b\n"
RUN_LIMIT = FAST.run_seconds(3) + 1.0  # the parent's own deadline plus time to clean up


def run(code: str, question: Question) -> tuple[TestSummary, float]:
    started = time.monotonic()
    summary = run_tests(textwrap.dedent(code), question, limits=FAST)
    return summary, time.monotonic() - started


def still_works(question: Question) -> None:
    summary = run_tests(GOOD, question, limits=FAST)
    assert (summary.outcome, summary.passed, summary.total) == ("ok", 3, 3)


def test_infinite_loop_times_out_per_test(question: Question, child_runs: list) -> None:
    summary, elapsed = run("""
        def add(a, b):
            while True:
                pass
    """, question)
    assert [r.status for r in summary.results] == ["timeout", "timeout", "error"]
    assert summary.results[0].error == "took longer than 1 s"
    assert summary.outcome == "timeout"
    assert summary.notice == "2 tests timed out, so the remaining tests were not run."
    assert summary.passed == 0
    assert elapsed < RUN_LIMIT
    assert_nothing_left(child_runs)
    still_works(question)


def test_loop_that_ignores_the_alarm_is_killed_by_the_parent(question: Question,
                                                              child_runs: list) -> None:
    summary, elapsed = run("""
        import signal
        def add(a, b):
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            while True:
                pass
    """, question)
    assert summary.outcome == "timeout"
    assert summary.results[0].status == "timeout"
    assert summary.results[1].error == "not run: the run had stopped"
    assert "ignored the alarm" in summary.notice
    assert elapsed < FAST.per_test_seconds + FAST.grace_seconds + 1.0
    assert_nothing_left(child_runs)
    still_works(question)


def test_deep_recursion_is_an_error(question: Question) -> None:
    summary, elapsed = run("""
        def add(a, b):
            return add(a, b) + 1
    """, question)
    first = summary.results[0]
    assert first.status == "error"
    assert first.error.startswith("RecursionError: maximum recursion depth exceeded")
    assert first.error.endswith("(line 3)")
    assert elapsed < RUN_LIMIT
    still_works(question)


def test_recursion_with_the_limit_lifted_is_still_contained(question: Question,
                                                            child_runs: list) -> None:
    summary, elapsed = run("""
        import sys
        sys.setrecursionlimit(10 ** 8)
        def add(a, b):
            return add(a, b) + 1
    """, question)
    assert summary.passed == 0
    assert summary.results[0].status in {"error", "timeout"}
    assert summary.results[0].error
    assert elapsed < RUN_LIMIT
    assert_nothing_left(child_runs)
    still_works(question)


def test_memory_hog_gets_memory_error(question: Question) -> None:
    summary, elapsed = run("""
        def add(a, b):
            hoard = []
            while True:
                hoard.append(bytearray(10 ** 7))
    """, question)
    assert [r.status for r in summary.results] == ["error"] * 3
    assert summary.results[0].error.startswith("MemoryError")
    assert elapsed < RUN_LIMIT
    still_works(question)


def test_one_huge_allocation_gets_memory_error(question: Question) -> None:
    summary, _ = run("""
        def add(a, b):
            return len(bytearray(4 * 1024 ** 3))
    """, question)
    assert summary.results[0].status == "error"
    assert summary.results[0].error.startswith("MemoryError")


def test_process_spawning_loop_is_capped_and_cleaned_up(question: Question,
                                                        child_runs: list) -> None:
    # Safe even if the limit failed: at most 30 processes, each one sleeping 5 s, never forking.
    summary, elapsed = run("""
        import os, time
        def add(a, b):
            spawned, refused = [], 0
            for _ in range(30):
                try:
                    pid = os.fork()
                except OSError:
                    refused += 1
                    continue
                if pid == 0:
                    os.setsid()  # try to escape the process group too
                    time.sleep(5)
                    os._exit(0)
                spawned.append(pid)
            print("spawned", *spawned)
            print("refused", refused)
            return a + b
    """, question)
    assert summary.outcome == "ok"
    lines = dict(line.split(" ", 1) for line in summary.stdout.splitlines() if " " in line)
    assert int(lines["refused"].split()[0]) > 0  # the process limit bit
    spawned = [int(p) for line in summary.stdout.splitlines() if line.startswith("spawned ")
               for p in line.split()[1:]]
    assert len(spawned) < 30
    assert elapsed < RUN_LIMIT
    assert_nothing_left(child_runs)
    bwrap = child_runs[0].protection is not None and child_runs[0].protection.kind == "bwrap"
    if IS_ROOT and not bwrap:  # pids in a bwrap sandbox are its own namespace's: see leftover
        for pid in spawned:
            assert _gone(pid)
    still_works(question)


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            state = next((ln.split()[1] for ln in fh if ln.startswith("State:")), "Z")
    except OSError:
        return True
    return state in {"Z", "X"}  # a zombie waiting for init to reap it is dead


def test_fork_bomb_ends_within_the_limit(question: Question, child_runs: list) -> None:
    # Exponential, but bounded twice over: RLIMIT_NPROC and 12 rounds at most.
    summary, elapsed = run("""
        import os
        def add(a, b):
            for _ in range(12):
                os.fork()
            return a + b
    """, question)
    assert [r.status for r in summary.results] == ["error"] * 3
    assert any("Resource temporarily unavailable" in r.error for r in summary.results
               if not r.hidden)
    assert elapsed < RUN_LIMIT
    assert_nothing_left(child_runs)
    still_works(question)


def test_hundred_megabytes_of_output_stop_quickly(question: Question) -> None:
    summary, elapsed = run("""
        def add(a, b):
            print("x" * 100_000_000)
            return a + b
    """, question)
    assert summary.outcome == "output_limit"
    assert summary.notice == "The code printed more than 1 MB, so the run was stopped."
    assert summary.results[0].status == "error"
    assert summary.results[0].error == "stopped: printed more than 1 MB"
    assert summary.stdout_truncated
    assert summary.stdout.startswith("xxxx")
    assert len(summary.stdout) <= FAST.shown_output_chars
    assert elapsed < 2.0
    still_works(question)


def test_endless_printing_loop_stops_quickly(question: Question) -> None:
    summary, elapsed = run("""
        import sys
        def add(a, b):
            while True:
                sys.stdout.write("y" * 4096)
    """, question)
    assert summary.outcome == "output_limit"
    assert elapsed < 2.0
    still_works(question)


def test_syntax_error_runs_nothing_and_points_at_the_line(question: Question) -> None:
    summary, _ = run("""
        def add(a, b)
            return a + b
    """, question)
    assert summary.outcome == "syntax_error"
    assert summary.passed == 0
    assert summary.total == 3
    assert summary.notice.startswith("Your code does not compile: SyntaxError: expected ':' (line 2")
    assert "def add(a, b)" in summary.notice
    assert [r.error for r in summary.results] == ["not run: syntax error"] * 2 + [""]
    still_works(question)


def test_wrong_function_name_suggests_the_close_one(question: Question) -> None:
    summary, _ = run("""
        def ad(a, b):
            return a + b
    """, question)
    assert summary.outcome == "missing_entrypoint"
    assert summary.passed == 0
    assert summary.notice == ("No function named 'add' was found; the tests call add(...). "
                              "Did you mean to name 'ad' 'add'?")
    assert summary.results[0].error == "not run: no function 'add'"


def test_no_function_at_all_lists_nothing_to_suggest(question: Question) -> None:
    summary, _ = run("x = 1\n", question)
    assert summary.outcome == "missing_entrypoint"
    assert summary.notice == "No function named 'add' was found; the tests call add(...)."


def test_sys_exit_is_an_error_per_test(question: Question) -> None:
    summary, _ = run("""
        import sys
        def add(a, b):
            if a < 0:
                sys.exit("bye")
            return a + b
    """, question)
    assert summary.outcome == "ok"
    assert [r.status for r in summary.results] == ["passed", "error", "passed"]
    assert summary.results[1].error == "SystemExit: the code called sys.exit('bye')"
    assert summary.passed == 2


def test_sys_exit_at_load_time(question: Question) -> None:
    summary, _ = run("import sys\nsys.exit(0)\n", question)
    assert summary.outcome == "load_error"
    assert "sys.exit(0)" in summary.notice


def test_reading_stdin_gets_end_of_file_at_once(question: Question) -> None:
    summary, elapsed = run("""
        import sys
        def add(a, b):
            rest = sys.stdin.read()
            if a == 1:
                return input()
            return a + b + len(rest)
    """, question)
    assert [r.status for r in summary.results] == ["error", "passed", "passed"]
    assert summary.results[0].error == "EOFError: EOF when reading a line (line 6)"
    assert elapsed < 2.0


def test_crash_of_the_interpreter_is_reported(question: Question) -> None:
    summary, _ = run("""
        import os, signal
        def add(a, b):
            os.kill(os.getpid(), signal.SIGSEGV)
    """, question)
    assert summary.outcome == "crashed"
    assert "segmentation fault" in summary.notice
    assert summary.results[0].status == "error"
    still_works(question)


def test_top_level_infinite_loop_is_a_load_timeout(question: Question) -> None:
    summary, elapsed = run("while True:\n    pass\n", question)
    assert summary.outcome == "timeout"
    assert summary.notice.startswith("Loading your code took longer than 1 s")
    assert elapsed < RUN_LIMIT


def test_cpu_limit_is_set(question: Question) -> None:
    summary, _ = run("""
        import resource
        def add(a, b):
            return [resource.getrlimit(resource.RLIMIT_CPU)[0],
                    resource.getrlimit(resource.RLIMIT_AS)[0] // 2 ** 20,
                    resource.getrlimit(resource.RLIMIT_NPROC)[0]]
    """, make_question([{"args": [1, 2], "expect": [FAST.cpu_limit(1), 256, 4]}]))
    assert summary.results[0].status == "passed", summary.results[0]


def test_not_root_inside_the_sandbox(question: Question) -> None:
    summary, _ = run("""
        import os
        def add(a, b):
            return os.getuid() != 0 and os.geteuid() != 0
    """, make_question([{"args": [1, 2], "expect": True}]))
    assert summary.results[0].status == "passed"


def test_cancel_stops_a_run(question: Question) -> None:
    import threading

    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    started = time.monotonic()
    try:
        summary = run_tests("def add(a, b):\n    while True:\n        pass\n", question,
                            limits=FAST, cancel=cancel)
    finally:
        timer.cancel()
    assert summary.outcome == "cancelled"
    assert time.monotonic() - started < 1.0


def test_runner_refuses_giant_code_without_running(question: Question) -> None:
    summary = run_tests("#" * (FAST.max_code_chars + 1), question, limits=FAST)
    assert summary.outcome == "too_long"
    assert summary.passed == 0


def test_empty_code(question: Question) -> None:
    summary = run_tests("  \n", question, limits=FAST)
    assert summary.outcome == "no_code"
    assert summary.notice == "No code was submitted."
    assert os.getpid()  # the app is still here

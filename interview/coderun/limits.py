"""The limits a candidate's code runs under. Documented in docs/coding-tests.md."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Resource limits for one run of the candidate's code (all tests, one process)."""

    per_test_seconds: float = 2.0
    """Wall-clock time for one test (and for loading the module), enforced by an alarm in the
    child and, with a grace period, by the parent."""
    wall_seconds: float = 20.0
    """Upper bound on the whole run, start-up included."""
    startup_seconds: float = 3.0
    """Allowance for the interpreter to start and the module to load, on top of the tests."""
    cpu_seconds: int | None = None
    """CPU time (RLIMIT_CPU); None: the whole-run wall limit, rounded up, plus one second."""
    memory_mb: int = 512
    """Address space (RLIMIT_AS) of the child."""
    max_processes: int = 4
    """RLIMIT_NPROC for the sandbox user (threads count too)."""
    output_bytes: int = 1_000_000
    """Printing more than this stops the run."""
    shown_output_chars: int = 4_000
    """How much of the candidate's output is kept and shown."""
    result_bytes: int = 1_000_000
    """Largest JSON text for one returned value."""
    file_mb: int = 16
    """Largest file the code may write (RLIMIT_FSIZE)."""
    open_files: int = 64
    """RLIMIT_NOFILE."""
    max_code_chars: int = 200_000
    """Longer submissions are refused without running."""
    max_timeouts: int = 2
    """After this many tests time out, the rest are not run (they would most likely time out
    too, and the candidate should not wait for each)."""
    grace_seconds: float = 0.75
    """How long past a test's alarm the parent waits before killing the child."""
    tmp_mb: int = 64
    """Size of the private /tmp (bubblewrap: a tmpfs; fallback: the run's directory, watched)."""
    sandbox: str | None = None
    """"bwrap", "fallback" or None (INTERVIEW_SANDBOX, else bwrap where it works)."""

    def run_seconds(self, n_tests: int) -> float:
        """The wall-clock budget of a run with ``n_tests`` tests."""
        return min(self.wall_seconds, self.startup_seconds + self.per_test_seconds * (n_tests + 1))

    def cpu_limit(self, n_tests: int) -> int:
        if self.cpu_seconds is not None:
            return self.cpu_seconds
        return math.ceil(self.run_seconds(n_tests)) + 1


DEFAULT_LIMITS = Limits()

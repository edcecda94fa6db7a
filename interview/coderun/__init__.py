"""Run a candidate's Python against a coding question's test cases, contained, and fold the
result into the score.

    run_tests(code, question, *, include_hidden=True) -> TestSummary   # blocking: use a worker
    combine(report, tests, weight=None) -> ScoreReport                 # tests' share default 0.6

The code runs in a separate ``python -I`` process with time, CPU, memory, output, file and
process limits, an empty temporary directory, a scrubbed environment and, as root, an
unprivileged uid. See docs/coding-tests.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .combine import DEFAULT_TEST_WEIGHT, combine, weight_of_tests
    from .limits import DEFAULT_LIMITS, Limits
    from .runner import run_tests

# Imported on first use: grading a prose answer needs ``extract`` alone, not the runner.
__getattr__ = lazy_exports(__name__, globals(), {
    ".combine": ("DEFAULT_TEST_WEIGHT", "combine", "weight_of_tests"),
    ".limits": ("DEFAULT_LIMITS", "Limits"),
    ".runner": ("run_tests",),
})

__all__ = [
    "DEFAULT_LIMITS", "DEFAULT_TEST_WEIGHT", "Limits", "combine", "run_tests", "weight_of_tests",
]

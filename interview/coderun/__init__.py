"""Run a candidate's Python against a coding question's test cases, contained, and fold the
result into the score.

    run_tests(code, question, *, include_hidden=True) -> TestSummary   # blocking: use a worker
    combine(report, tests, weight=None) -> ScoreReport                 # tests' share default 0.6

The code runs in a separate ``python -P -s`` process with time, CPU, memory, output, file and
process limits, an empty temporary directory, a scrubbed environment (all it reads) and, as
root, an unprivileged uid. See docs/coding-tests.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from .combine import DEFAULT_TEST_WEIGHT, combine, weight_of_tests

if TYPE_CHECKING:
    from .limits import DEFAULT_LIMITS, Limits
    from .runner import run_tests

# The runner (sandbox, process spawning) is imported on first use: grading a prose answer
# needs none of it. ``combine`` stays eager: a lazy name equal to its submodule's name would be
# shadowed by the submodule once that is imported.
__getattr__ = lazy_exports(__name__, globals(), {".runner": ("run_tests",),
                                                 ".limits": ("DEFAULT_LIMITS", "Limits")})

__all__ = [
    "DEFAULT_LIMITS", "DEFAULT_TEST_WEIGHT", "Limits", "combine", "run_tests", "weight_of_tests",
]

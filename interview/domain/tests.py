"""What the code runner reports for a coding answer (the scoring report embeds it).

These live in the domain, not in scoring: only the code runner fills them, and the score
report only carries them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TestStatus = Literal["passed", "failed", "error", "timeout"]


class TestResult(BaseModel):
    """One coding-screen test case result. ``index`` is 1-based, over all the question's
    tests (hidden ones included), and is shown as is everywhere."""

    __test__ = False  # not a pytest class
    model_config = ConfigDict(defer_build=True)  # built on first use (see scoring.report)

    index: int
    status: TestStatus
    hidden: bool = False
    name: str = ""
    args: str = ""
    expected: str = ""
    got: str = ""
    error: str = ""
    # Added by the code runner (interview.coderun):
    seconds: float = Field(0.0, description="Wall-clock time of this test in the child.")


class TestSummary(BaseModel):
    __test__ = False
    model_config = ConfigDict(defer_build=True)

    passed: int
    total: int
    results: list[TestResult] = Field(default_factory=list)
    stdout: str = ""
    notice: str = ""
    # Added by the code runner (interview.coderun):
    outcome: str = Field("ok", description=(
        "How the run ended: ok, no_tests, no_code, too_long, syntax_error, load_error, "
        "missing_entrypoint, timeout, crashed, output_limit, cancelled, sandbox_error, "
        "unavailable."))
    hidden_passed: int = 0
    hidden_total: int = 0
    include_hidden: bool = True
    stdout_truncated: bool = False
    seconds: float = Field(0.0, description="Wall-clock time of the whole run.")
    test_weight: float | None = Field(
        None, description="The question's override of the tests' share of the score.")

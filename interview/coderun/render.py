"""Plain-text lines for a TestSummary: the table the CLI (and any text view) shows."""

from __future__ import annotations

from ..scoring.report import TestResult, TestSummary

MARKS = {"passed": "✓", "failed": "✗", "error": "!", "timeout": "⏱"}


def headline(summary: TestSummary) -> str:
    text = f"Tests: {summary.passed}/{summary.total} passed"
    if summary.hidden_total:
        text += (f" ({summary.hidden_passed}/{summary.hidden_total} hidden"
                 f"{'' if summary.include_hidden else ', not run'})")
    return text


def result_lines(result: TestResult) -> list[str]:
    mark = MARKS.get(result.status, "?")
    if result.hidden:
        return [f"  {mark} #{result.index} hidden test: {result.status}"]
    name = f" {result.name}:" if result.name else ""
    lines = [f"  {mark} #{result.index}{name} {result.args}"]
    if result.status == "failed":
        lines.append(f"      expected {result.expected}")
        lines.append(f"      got      {result.got}")
    elif result.error:
        lines.append(f"      {result.status}: {result.error}")
    return lines


def summary_lines(summary: TestSummary, *, stdout_lines: int = 10) -> list[str]:
    """The headline, the notice, one entry per test, and the start of the printed output."""
    lines = [headline(summary)]
    if summary.notice:
        lines += [f"  {line}" for line in summary.notice.splitlines()]
    for result in summary.results:
        lines += result_lines(result)
    if summary.stdout.strip():
        out = summary.stdout.rstrip("\n").splitlines()
        more = summary.stdout_truncated or len(out) > stdout_lines
        lines.append("  Printed output" + (" (truncated):" if more else ":"))
        lines += [f"    {line[:200]}" for line in out[:stdout_lines]]
    return lines

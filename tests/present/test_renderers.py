"""One fixed report, rendered by every medium: the facts must agree (no drift between the CLI,
the TUI and the Markdown export)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from interview.domain import FollowUp, TestResult, TestSummary
from interview.present import bands_help, clock, plural, report_model
from interview.present.markdown import report_markdown
from interview.present.richtext import plain_text, report_renderable
from interview.scoring.report import CriterionResult, Match, RedFlagHit, ScoreReport

ANSWER = "Adam uses bias correction; bias correction matters early. Never normalise."


def fixed_report() -> ScoreReport:
    m = Match(keyword="bias correction", text="bias correction", start=10, end=25,
              similarity=100)
    again = Match(keyword="bias correction", text="bias correction", start=27, end=42,
                  similarity=100)
    return ScoreReport(
        score=62.0, band="pass",
        criteria=[
            CriterionResult(id="bias", label="Bias correction", weight=2, earned=2,
                            status="hit", matches=[m, again]),
            CriterionResult(id="momentum", label="Momentum", weight=1, earned=0.5,
                            status="partial"),
            CriterionResult(id="scale", label="Per-parameter scale", weight=2, earned=2,
                            status="hit", source="follow-up"),
            CriterionResult(id="decay", label="Decoupled weight decay", weight=1, earned=0,
                            status="missed", required=True, explanation="Not mentioned."),
        ],
        red_flags=[RedFlagHit(keyword="never normalise", text="Never normalise", start=58,
                              end=73, penalty=10, note="Normalising helps.")],
        tests=TestSummary(passed=2, total=3, hidden_total=1, hidden_passed=1, results=[
            TestResult(index=1, status="passed", args="f(1)"),
            TestResult(index=2, status="failed", args="f(2)", expected="4", got="5"),
            TestResult(index=3, status="passed", hidden=True),
        ]),
    )


FOLLOWUPS = (FollowUp(criterion_id="scale", criterion_label="Per-parameter scale",
                      prompt="How does it scale steps?", answer="By the RMS of gradients.",
                      earned_back=8.0),)


def rich_text(report: ScoreReport) -> str:
    return plain_text(report_renderable(report_model(report, ANSWER, followups=FOLLOWUPS)))


def markdown(report: ScoreReport) -> str:
    return report_markdown(report_model(report, ANSWER, followups=FOLLOWUPS))


def cli(report: ScoreReport) -> str:
    import io
    import sys

    from interview.cli.score_cmds import print_report

    out, old = io.StringIO(), sys.stdout
    sys.stdout = out
    try:
        print_report(report, ANSWER, "mlt-adam (ml-theory)", followups=FOLLOWUPS)
    finally:
        sys.stdout = old
    return out.getvalue()


RENDERERS: dict[str, Callable[[ScoreReport], str]] = {
    "rich (CLI and TUI)": rich_text, "markdown": markdown, "cli score": cli}


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_every_renderer_states_the_same_facts(render: Callable[[ScoreReport], str]) -> None:
    text = render(fixed_report()).replace("\\", "")
    assert text.count("62 / 100") == 1 and "PASS" in text  # the score, once
    for label in ("Bias correction", "Momentum", "Per-parameter scale",
                  "Decoupled weight decay"):
        assert label in text
    assert "earned in the follow-up" in text and "+8 points" in text
    assert text.count("“bias correction”") == 1  # a phrase matched twice is listed once
    assert "Never normalise" in text and "−10" in text
    # Test numbering: the runner's 1-based index, the same everywhere.
    assert "2/3 tests passed" in text
    assert "test 1 (f(1))" in text and "test 2 (f(2)) — expected 4, got 5" in text
    assert "test 3 (hidden)" in text and "test 0" not in text and "test 4" not in text


def test_shared_formatters() -> None:
    assert clock(63.4) == "1:03" and clock(63.6) == "1:04" and clock(-5) == "-0:05"
    assert plural(1, "question") == "1 question" and plural(3, "question") == "3 questions"
    assert bands_help() == "strong ≥ 75, pass ≥ 55, weak ≥ 20"


def test_an_ml_session_gets_the_right_article() -> None:
    from interview.domain.words import with_article

    assert with_article("ML theory") == "an ML theory"
    assert with_article("System design") == "a System design"
    assert with_article("Behavioral") == "a Behavioral"

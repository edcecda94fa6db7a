"""`interview score`, `interview bank test`, `interview bank calibrate`, `interview rubric suggest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..present.model import CRITERION_MARKS
from .common import AppContext, CliError, echo_json, pass_app, service_errors

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..domain.attempt import FollowUp
    from ..scoring.report import ScoreReport


def _read_answer(answer_file: str | None, what: str = "answer") -> str:
    if answer_file is not None and answer_file != "-":
        try:
            data = Path(answer_file).read_bytes()
        except OSError as exc:
            raise CliError(f"{answer_file}: cannot read: {exc.strerror or exc}", 2) from None
        return data.decode("utf-8", errors="replace")
    if answer_file is None and sys.stdin.isatty():
        raise CliError(f"no {what}: pass --answer-file FILE, or pipe the {what} on stdin", 2)
    data_b = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    return data_b.decode("utf-8", errors="replace") if isinstance(data_b, bytes) else data_b


def print_report(report: ScoreReport, answer: str, title: str = "", *,
                 followups: Sequence[FollowUp] = ()) -> None:
    """The report as the TUI shows it: one Rich renderable, printed once."""
    from rich.console import Console

    from ..present import report_model
    from ..present.richtext import report_renderable

    console = Console(file=sys.stdout, highlight=False)
    if title:  # an id and a round: no markup and no ":emoji:" codes to replace
        console.print(title, style="bold", markup=False, emoji=False)
    shown = answer if len(answer) <= 4000 else answer[:4000] + " …"
    model = report_model(report, shown, followups=followups, show_summary=report.tests is None)
    console.print(report_renderable(model))


# ---------------------------------------------------------------------------- commands


@click.command("score")
@click.argument("question_id")
@click.option("--bank", "bank", type=click.Path(), help="Also load this bank file or folder.")
@click.option("--answer-file", type=click.Path(dir_okay=False, allow_dash=True),
              help="Read the answer from FILE (default: stdin).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_app
def score(app: AppContext, question_id: str, bank: str | None, answer_file: str | None,
          as_json: bool) -> None:
    """Score an answer to QUESTION_ID and explain every point given or withheld.

    A coding question's answer also runs every code test, as in an interview."""
    lib = app.library([bank] if bank else [])
    with service_errors():
        ref = lib.find(question_id)
        answer = _read_answer(answer_file)
        report = lib.score(question_id, answer)
    if as_json:
        data = report.model_dump(mode="json")
        echo_json({"question": ref.id, **data})
        return
    print_report(report, answer, f"{ref.id} ({ref.round})")


def explain_lines(report: ScoreReport) -> list[str]:
    """One line per criterion (and red flag) saying what matched: keyword -> answer text."""
    lines = []
    for c in report.criteria:
        mark = CRITERION_MARKS[c.status][0]
        found = "; ".join(f"'{m.keyword}' -> '{m.text}' ({m.similarity:.0f}%)"
                          for m in c.matches)
        neg = "; ".join(f"'{m.keyword}' -> '{m.text}'" for m in c.negated)
        what = found or (f"negated: {neg}" if neg else "no match")
        lines.append(f"{mark} {c.id} {c.earned:.2g}/{c.weight:g}: {what}")
    for f in report.red_flags:
        lines.append(f"! red flag {f.id} -{f.penalty:g}: '{f.keyword}' -> '{f.text}'")
    adjust = []
    if report.capped:
        adjust.append("capped: a required point is missing")
    if report.form_factor < 1:
        adjust.append(f"keyword-list factor x{report.form_factor:g}")
    if adjust:
        lines.append(f"raw {report.raw_score:.1f}; " + "; ".join(adjust))
    return lines


@click.command("test")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print every example's result as JSON.")
@click.option("-v", "--explain", is_flag=True,
              help="For each out-of-band example, show which criteria and red flags matched.")
@click.option("--rubric-only", is_flag=True,
              help="Don't run coding questions' code tests (faster; scores the explanation).")
@pass_app
def bank_test(app: AppContext, paths: tuple[str, ...], as_json: bool, explain: bool,
              rubric_only: bool) -> None:
    """Score every question's examples; list those outside their expected band.

    With no PATH, every bank on the search path is tested. Exits 1 if any example is out
    of band or a bank does not load. Examples are graded as in an interview: a coding
    question's examples also run its code tests (--rubric-only skips them). An example
    marked ``known_gap`` (a documented scorer limitation) is listed, not failed. With
    --explain, each out-of-band example is followed by what matched (keyword -> answer
    text), so you can tune keywords or the expected band.
    """
    from ..scoring.calibrate import example_summary

    with service_errors():
        run = app.library(paths).test_examples(paths, run_tests=not rubric_only)
    bad = run.out_of_band
    if as_json:
        rows = []
        for r in run.results:
            row = r.to_dict()
            if explain and not r.ok and r.report is not None:
                row["explain"] = explain_lines(r.report)
            rows.append(row)
        echo_json({"examples": len(run.results), "failed": len(bad),
                   "by_source": {src: {"examples": sum(1 for r in run.results if r.source == src),
                                       "failed": sum(1 for r in bad if r.source == src)}
                                 for src in ("authored", "blind")},
                   "questions": run.questions, "broken_files": [str(b.path) for b in run.broken],
                   "results": rows})
    else:
        for b in run.broken:
            where = f"{b.path}:{b.line}" if b.line is not None else str(b.path)
            click.echo(f"{where}: cannot test: {b.message}", err=True)
        for r in bad:
            label = f" ({r.label})" if r.label else ""
            label += " [blind]" if r.source == "blind" else ""
            click.echo(f"{r.question} example {r.index}{label}: expected "
                       f"{r.expected_min:g}-{r.expected_max:g}, got {r.score:.1f}")
            if explain and r.report is not None:
                for line in explain_lines(r.report):
                    click.echo(f"  {line}")
        for r in run.results:
            if r.known_gap is None:
                continue
            state = (f"still out of band ({r.score:.1f}, expected "
                     f"{r.expected_min:g}-{r.expected_max:g})" if not r.in_band
                     else f"now in band ({r.score:.1f}): remove its known_gap")
            click.echo(f"known gap: {r.question} example {r.index}: {state}: {r.known_gap}")
        n = len(run.results)
        summary = (f"{n} examples in {run.questions} questions: "
                   f"{sum(1 for r in run.results if r.in_band)} in band, {len(bad)} out of band"
                   + (f", {gaps} known gaps" if (gaps := sum(
                       1 for r in run.results if not r.in_band and r.known_gap)) else "")
                   + (f"; {run.without_examples} questions have no examples"
                      if run.without_examples else "")
                   + (f"; {len(run.broken)} files do not load" if run.broken else ""))
        for line in example_summary(list(run.results)):
            click.echo(f"  {line}", err=bool(bad or run.broken))
        click.echo(summary, err=bool(bad or run.broken))
    if bad or run.broken:
        raise click.exceptions.Exit(1)


@click.command("calibrate")
@click.argument("path", type=click.Path())
@click.option("--graded", "graded", type=click.Path(dir_okay=False), required=True,
              help='JSON Lines: {"question": ID, "answer": TEXT, "grade": NUMBER} per line.')
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--worst", default=5, show_default=True, help="How many questions to list.")
@pass_app
def bank_calibrate(app: AppContext, path: str, graded: str, as_json: bool, worst: int) -> None:
    """Compare the scorer with human grades of answers to the questions in PATH.

    Prints Pearson r, Spearman rho, the mean within-question Pearson r, n, and the
    questions whose scores agree worst with the grades.
    """
    from ..scoring.calibrate import GradedFileError, read_graded

    lib = app.library([path])
    if not Path(graded).exists():
        raise CliError(f"{graded}: no such file", 2)
    try:
        rows = read_graded(Path(graded))
    except GradedFileError as exc:
        raise CliError(str(exc)) from None
    with service_errors():
        result = lib.calibrate(path, rows)
    if result.n == 0:
        raise CliError(f"{graded}: no graded answer is for a question in {path}")
    if as_json:
        echo_json(result.to_dict(worst))
        return

    def f(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    click.echo(f"n = {result.n} answers to {len(result.questions)} questions")
    click.echo(f"Pearson r:                     {f(result.pearson)}")
    click.echo(f"Spearman rho:                  {f(result.spearman)}")
    click.echo(f"Mean within-question Pearson:  {f(result.within_question_pearson)}")
    if result.mean_abs_diff is not None:
        click.echo(f"Mean |score - grade|:          {result.mean_abs_diff:.1f} points")
    if result.unknown:
        line, qid = result.unknown[0]
        click.echo(f"warning: {len(result.unknown)} answers skipped: question not in {path} "
                   f"(first: {graded}:{line}: '{qid}')", err=True)
    if worst > 0 and result.questions:
        click.secho("Questions that agree worst:", bold=True)
        for q in result.worst(worst):
            click.echo(f"  {q.question}  n={q.n}  mean |diff| {q.mean_abs_diff:.1f}  "
                       f"r={f(q.pearson)}")


@click.group("rubric")
def rubric() -> None:
    """Work with rubrics."""


@rubric.command("suggest")
@click.option("--answer-file", type=click.Path(dir_okay=False, allow_dash=True),
              help="Read the model answer from FILE (default: stdin).")
@click.option("--prompt", default="", help="The question, so words that echo it weigh less.")
def suggest(answer_file: str | None, prompt: str) -> None:
    """Print a rubric derived from a model answer, as YAML to paste into a question."""
    from ..scoring.autorubric import derive_rubric, rubric_yaml
    from ..scoring.scorer import MAX_CHARS

    text = _read_answer(answer_file, "model answer")
    if not text.strip():
        raise CliError("the model answer is empty", 2)
    if len(text) > MAX_CHARS:  # the same cap as `score`: the rest is not read
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        click.echo(f"interview: the model answer is longer than {MAX_CHARS:,} characters; "
                   "only the start was used", err=True)
    prompt = prompt[:MAX_CHARS]
    click.echo(rubric_yaml(derive_rubric(text, prompt)), nl=False)


def register(cli: click.Group) -> None:
    """``score`` and ``rubric``; ``bank test`` and ``bank calibrate`` are added by the bank
    group itself (bank_cmds.register)."""
    cli.add_command(score)
    cli.add_command(rubric)

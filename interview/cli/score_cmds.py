"""`interview score`, `interview bank test`, `interview bank calibrate`, `interview rubric suggest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import AppContext, CliError, echo_json, pass_app

if TYPE_CHECKING:
    from ..banks import Catalog, QuestionRef
    from ..scoring.report import ScoreReport

_BAND_COLORS = {"strong": "green", "pass": "cyan", "weak": "yellow", "missing": "red"}
_STATUS_MARKS = {"hit": ("✓", "green"), "partial": ("~", "yellow"), "missed": ("✗", "red")}


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


def _find_question(cat: Catalog, question_id: str) -> QuestionRef:
    try:
        return cat.question(question_id)
    except KeyError:
        import difflib

        close = difflib.get_close_matches(question_id, list(cat.questions), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise CliError(f"no question '{question_id}'{hint}") from None


def _maybe_run_code(ref: QuestionRef, answer: str, report: ScoreReport) -> ScoreReport:
    """For a coding question with tests, run them on the answer and combine, if we can."""
    q = ref.question
    if not q.tests or not q.entrypoint:
        return report
    try:
        from .. import coderun  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        report.notices.append("Code tests were not run: the code runner is not available.")
        return report
    tests = coderun.run_tests(answer, q)
    combined: ScoreReport = coderun.combine(report, tests, q.test_weight)
    return combined


# ---------------------------------------------------------------------------- rendering


def _highlight(answer: str, report: ScoreReport) -> str:
    """The answer with matched phrases coloured: hits green, partial yellow, negated dim,
    red flags red."""
    spans: list[tuple[int, int, dict[str, Any]]] = []
    for c in report.criteria:
        if c.source != "answer":
            continue
        style: dict[str, Any] = ({"fg": "green", "bold": True} if c.status == "hit"
                                 else {"fg": "yellow", "bold": True})
        spans += [(m.start, m.end, style) for m in c.matches]
        spans += [(m.start, m.end, {"dim": True, "strikethrough": True}) for m in c.negated]
    spans += [(r.start, r.end, {"fg": "red", "bold": True, "underline": True})
              for r in report.red_flags if r.end <= len(answer)]
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    pos = 0
    for start, end, style in spans:
        if start < pos or end > len(answer):
            continue
        out.append(answer[pos:start])
        out.append(click.style(answer[start:end], **style))
        pos = end
    out.append(answer[pos:])
    return "".join(out)


def render_report(report: ScoreReport, answer: str, title: str = "") -> None:
    band = click.style(f"{report.score:.0f}/100 {report.band.upper()}", bold=True,
                       fg=_BAND_COLORS.get(report.band))
    click.echo(f"{click.style(title, bold=True)}  {band}" if title else band)
    click.echo(report.summary)
    if answer.strip():
        click.echo()
        click.secho("Your answer (matched phrases highlighted):", bold=True)
        shown = answer if len(answer) <= 4000 else answer[:4000] + " …"
        body = _highlight(shown, report) if len(answer) <= 4000 else shown
        click.echo("  " + body.strip().replace("\n", "\n  "))
    click.echo()
    click.secho("Criteria:", bold=True)
    for c in report.criteria:
        mark, color = _STATUS_MARKS[c.status]
        req = click.style(" required", fg="magenta") if c.required else ""
        follow = " (follow-up)" if c.source == "follow-up" else ""
        click.echo(f"  {click.style(mark, fg=color)} {c.label}  "
                   f"{c.earned:.2g}/{c.weight:g}{req}{follow}")
        click.echo(f"      {c.explanation}")
        for m in c.matches[1:3]:
            click.echo(f"      also: '{m.text}' ~ '{m.keyword}' ({m.similarity:.0f}%)")
        if c.status != "hit" and c.probe:
            click.echo(click.style(f"      probe: {c.probe}", dim=True))
    if report.red_flags:
        click.echo()
        click.secho("Red flags:", bold=True, fg="red")
        for r in report.red_flags:
            click.echo(f"  ! -{r.penalty:g}  '{r.text}'" + (f": {r.note}" if r.note else ""))
    if report.tests is not None:
        from ..coderun.render import summary_lines

        click.echo()
        lines = summary_lines(report.tests)
        click.secho(lines[0], bold=True)
        for line in lines[1:]:
            click.echo(line)
    d = report.delivery
    click.echo()
    fillers = ", ".join(f"{w} x{n}" for w, n in d.fillers.items())
    top = ", ".join(f"{w} x{n}" for w, n in d.top_words)
    click.echo(f"Delivery: {d.word_count} words, {d.sentence_count} sentences, "
               f"{d.filler_count} filler words" + (f" ({fillers})" if fillers else "")
               + (f"; most repeated: {top}" if top else ""))
    extra = []
    if report.hint_penalty:
        extra.append(f"hints -{report.hint_penalty:g}")
    if report.capped:
        extra.append("capped below pass: a required point is missing")
    if report.form_factor < 1:
        extra.append(f"keyword-list factor x{report.form_factor:g}")
    if extra:
        click.echo(f"Adjustments: raw {report.raw_score:.0f}; " + "; ".join(extra))
    for n in report.notices:
        click.secho(f"Note: {n}", fg="yellow")


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
    """Score an answer to QUESTION_ID and explain every point given or withheld."""
    from ..scoring import score_question

    cat = app.catalog([bank]) if bank else app.catalog()
    ref = _find_question(cat, question_id)
    answer = _read_answer(answer_file)
    report = score_question(ref.question, answer, cat)
    report = _maybe_run_code(ref, answer, report)
    if as_json:
        data = report.model_dump(mode="json")
        echo_json({"question": ref.id, **data})
        return
    render_report(report, answer, f"{ref.id} ({ref.round})")


def _refs_under(cat: Catalog, paths: tuple[str, ...]) -> list[QuestionRef]:
    if not paths:
        return list(cat.questions.values())
    roots = [Path(p).resolve() for p in paths]
    return [r for r in cat.questions.values()
            if any(r.path.resolve() == root or root in r.path.resolve().parents
                   for root in roots)]


def explain_lines(report: ScoreReport) -> list[str]:
    """One line per criterion (and red flag) saying what matched: keyword -> answer text."""
    lines = []
    for c in report.criteria:
        mark = _STATUS_MARKS[c.status][0]
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
@pass_app
def bank_test(app: AppContext, paths: tuple[str, ...], as_json: bool, explain: bool) -> None:
    """Score every question's examples; list those outside their expected band.

    With no PATH, every bank on the search path is tested. Exits 1 if any example is out
    of band or a bank does not load. Examples are scored against the rubric (code tests
    are not run). With --explain, each out-of-band example is followed by what matched
    (keyword -> answer text), so you can tune keywords or the expected band.
    """
    from ..scoring.calibrate import check_examples, example_summary

    cat = app.catalog(paths) if paths else app.catalog()
    roots = [Path(p).resolve() for p in paths]
    broken = [lf for lf in cat.broken
              if not roots or any(lf.path.resolve() == r or r in lf.path.resolve().parents
                                  for r in roots)]
    refs = _refs_under(cat, paths)
    results = check_examples(cat, refs)
    bad = [r for r in results if not r.ok]
    if as_json:
        rows = []
        for r in results:
            row = r.to_dict()
            if explain and not r.ok and r.report is not None:
                row["explain"] = explain_lines(r.report)
            rows.append(row)
        echo_json({"examples": len(results), "failed": len(bad),
                   "by_source": {src: {"examples": sum(1 for r in results if r.source == src),
                                       "failed": sum(1 for r in bad if r.source == src)}
                                 for src in ("authored", "blind")},
                   "questions": len(refs), "broken_files": [str(lf.path) for lf in broken],
                   "results": rows})
    else:
        for lf in broken:
            err = lf.errors[0] if lf.errors else None
            where = f"{lf.path}:{err.line}" if err else str(lf.path)
            click.echo(f"{where}: cannot test: {err.message if err else 'does not load'}",
                       err=True)
        for r in bad:
            label = f" ({r.label})" if r.label else ""
            label += " [blind]" if r.source == "blind" else ""
            click.echo(f"{r.question} example {r.index}{label}: expected "
                       f"{r.expected_min:g}-{r.expected_max:g}, got {r.score:.1f}")
            if explain and r.report is not None:
                for line in explain_lines(r.report):
                    click.echo(f"  {line}")
        no_ex = sum(1 for ref in refs if not ref.question.examples)
        summary = (f"{len(results)} examples in {len(refs)} questions: "
                   f"{len(results) - len(bad)} in band, {len(bad)} out of band"
                   + (f"; {no_ex} questions have no examples" if no_ex else "")
                   + (f"; {len(broken)} files do not load" if broken else ""))
        for line in example_summary(results):
            click.echo(f"  {line}", err=bool(bad or broken))
        click.echo(summary, err=bool(bad or broken))
    if bad or broken:
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
    from ..scoring.calibrate import GradedFileError, calibrate, read_graded

    cat = app.catalog([path])
    if not Path(graded).exists():
        raise CliError(f"{graded}: no such file", 2)
    try:
        rows = read_graded(Path(graded))
    except GradedFileError as exc:
        raise CliError(str(exc)) from None
    only = {r.id for r in _refs_under(cat, (path,))}
    result = calibrate(cat, rows, only)
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

    text = _read_answer(answer_file, "model answer")
    if not text.strip():
        raise CliError("the model answer is empty", 2)
    click.echo(rubric_yaml(derive_rubric(text, prompt)), nl=False)


def register(cli: click.Group) -> None:
    cli.add_command(score)
    cli.add_command(rubric)
    bank = cli.commands.get("bank")
    if isinstance(bank, click.Group):
        bank.add_command(bank_test)
        bank.add_command(bank_calibrate)

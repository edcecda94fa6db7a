"""`interview bank ...`: list, validate, new, schema, show."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..rounds import ROUNDS
from .common import AppContext, CliError, echo_json, pass_app

if TYPE_CHECKING:
    from ..banks import Catalog
    from ..banks.diagnostics import Diagnostic
    from ..banks.loader import LoadedFile


@click.group("bank")
def bank() -> None:
    """Author, validate and inspect question banks."""


def _rel(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _fmt(d: Diagnostic) -> str:
    prefix = "warning: " if not d.is_error else ""
    return f"{_rel(d.path)}:{d.line}:{d.col}: {prefix}{d.message}"


@bank.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_banks(app: AppContext, as_json: bool) -> None:
    """List banks with their round, question count, file and status."""
    cat = app.catalog()
    rows: list[dict[str, Any]] = []
    for lf in cat.files:
        if lf.kind == "rubric":
            continue
        b = lf.bank
        rows.append({
            "id": b.bank if b else (lf.path.stem),
            "title": b.display_title if b else "",
            "round": b.round if b else None,
            "questions": len(b.questions) if b else 0,
            "path": str(lf.path),
            "ok": lf.ok,
            "error": _fmt(lf.errors[0]) if lf.errors else None,
            "errors": len(lf.errors),
            "warnings": len(lf.diagnostics) - len(lf.errors),
        })
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No banks found. Searched: " + ", ".join(map(_rel, app.settings.bank_dirs)))
        return
    w_id = max(len(r["id"]) for r in rows)
    for r in rows:
        status = click.style("ok", fg="green") if r["ok"] else click.style("broken", fg="red")
        click.echo(f"{r['id']:<{w_id}}  {r['round'] or '?':<14} {r['questions']:>4} q  "
                   f"{status:<6}  {_rel(Path(r['path']))}")
        if not r["ok"]:
            click.echo(f"    {r['error']}")
    total = sum(r["questions"] for r in rows if r["ok"])
    broken = sum(1 for r in rows if not r["ok"])
    click.echo(f"{len(rows)} banks, {total} questions" + (f", {broken} broken" if broken else ""))


@bank.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@pass_app
def validate(app: AppContext, paths: tuple[str, ...], strict: bool) -> None:
    """Check banks and rubrics; exit 1 on any error.

    With no PATH, every bank on the search path is checked.
    """
    cat = app.catalog(paths) if paths else app.catalog()
    files = _selected(cat, paths)
    diags = [d for lf in files for d in lf.diagnostics]
    for d in sorted(diags, key=lambda d: (str(d.path), d.line, d.col)):
        click.echo(_fmt(d))
    errors = sum(1 for d in diags if d.is_error)
    warnings = len(diags) - errors
    questions = sum(len(lf.bank.questions) for lf in files if lf.bank)
    summary = (f"{len(files)} files, {questions} questions: {errors} errors, "
               f"{warnings} warnings")
    failed = errors > 0 or (strict and warnings > 0)
    click.echo(summary + (" (strict: warnings count as errors)" if strict and warnings else ""))
    if failed:
        raise click.exceptions.Exit(1)


def _selected(cat: Catalog, paths: tuple[str, ...]) -> list[LoadedFile]:
    if not paths:
        return list(cat.files)
    roots = [Path(p).resolve() for p in paths]
    out = []
    for lf in cat.files:
        rp = lf.path.resolve()
        if any(rp == r or r in rp.parents for r in roots):
            out.append(lf)
    return out


@bank.command("new")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--round", "round_", type=click.Choice(ROUNDS), required=True,
              help="Which interview round the bank is for.")
@click.option("--id", "bank_id", help="Bank id (default: from the file name).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_app
def new(app: AppContext, file: str, round_: str, bank_id: str | None, force: bool) -> None:
    """Write a commented starter bank that validates."""
    from ..banks.starter import starter_bank
    from ..paths import shipped_dir

    path = Path(file)
    if path.suffix not in (".yaml", ".yml"):
        raise CliError(f"{file}: bank files end in .yaml", 2)
    if path.exists() and not force:
        raise CliError(f"{file}: already exists (use --force to overwrite)", 1)
    bid = bank_id or re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "my-bank"
    if not re.match(r"^[A-Za-z0-9]", bid):
        bid = "bank-" + bid
    schema_file = shipped_dir("schemas") / "bank.schema.json"
    try:
        schema = os.path.relpath(schema_file, path.resolve().parent)
    except ValueError:
        schema = ""
    if not schema or schema.startswith(os.path.join("..", "..")):
        schema = schema_file.resolve().as_uri()
    text = starter_bank(bid, round_, schema, path.name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{file}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"Wrote {file} ({round_}). Check it with: interview bank validate {file}")


@bank.command("schema")
@click.option("--kind", type=click.Choice(["bank", "rubric"]), default="bank", show_default=True)
def schema(kind: str) -> None:
    """Print the JSON Schema of the bank (or shared rubric) format."""
    from ..banks.schema import schema_text

    click.echo(schema_text(kind), nl=False)


@bank.command("show")
@click.argument("question_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def show(app: AppContext, question_id: str, as_json: bool) -> None:
    """Show a question with its effective (merged) rubric."""
    cat = app.catalog()
    try:
        ref = cat.question(question_id)
    except KeyError:
        import difflib

        close = difflib.get_close_matches(question_id, list(cat.questions), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise CliError(f"no question '{question_id}'{hint}") from None
    from ..scoring.rubric import rubric_for

    rub = rubric_for(ref.question, cat)
    q = ref.question
    if as_json:
        echo_json({
            "id": q.id, "bank": ref.bank.bank, "round": ref.round, "path": str(ref.path),
            "question": q.model_dump(exclude_none=True),
            "effective_rubric": rub.model_dump(exclude_none=True),
        })
        return
    click.secho(f"{q.id}  ({ref.round}, {q.difficulty}, {ref.time_limit}s)", bold=True)
    click.echo(f"bank: {ref.bank.bank}  file: {_rel(ref.path)}")
    if q.tags:
        click.echo("tags: " + ", ".join(q.tags))
    click.echo()
    click.echo(q.prompt.rstrip())
    click.echo()
    src = {"inline": "inline", "extends": f"extends '{rub.extends}'",
           "auto": "derived automatically from the model answer"}[rub.source]
    click.secho(f"Effective rubric ({src}):", bold=True)
    total = sum(c.weight for c in rub.criteria) or 1
    for c in rub.criteria:
        req = " required" if c.required else ""
        click.echo(f"  - {c.id}: {c.display_label}  [weight {c.weight:g}, "
                   f"{100 * c.weight / total:.0f}%{req}]")
        click.echo(f"      keywords: {'; '.join(c.keywords)}")
        if c.probe:
            click.echo(f"      probe: {c.probe}")
    for r in rub.red_flags:
        click.echo(f"  ! red flag (-{r.penalty:g}): {'; '.join(r.keywords)}")
        if r.note:
            click.echo(f"      {r.note}")
    if q.hints:
        click.secho("Hints:", bold=True)
        for h in q.hints:
            click.echo(f"  - {h}")
    if q.model_answer:
        click.secho("Model answer:", bold=True)
        click.echo("  " + q.model_answer.strip().replace("\n", "\n  "))
    if q.examples:
        click.secho(f"Examples: {len(q.examples)}", bold=True)
    if q.tests:
        hidden = sum(1 for t in q.tests if t.hidden)
        click.echo(f"Tests: {len(q.tests)} ({hidden} hidden), entrypoint {q.entrypoint}()")


def register(cli: click.Group) -> None:
    cli.add_command(bank)

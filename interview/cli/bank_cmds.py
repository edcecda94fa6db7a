"""`interview bank ...`: list, validate, new, schema, show."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import click

from ..rounds import ROUNDS
from .common import AppContext, CliError, echo_json, pass_app, service_errors


@click.group("bank")
def bank() -> None:
    """Author, validate and inspect question banks."""


@bank.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_banks(app: AppContext, as_json: bool) -> None:
    """List banks with their round, question count, file and status."""
    lib = app.library()
    with service_errors():
        entries = [e for e in lib.list_banks() if e.kind != "rubric"]
    rows: list[dict[str, Any]] = [{
        "id": e.id, "title": e.title if e.kind == "bank" else "", "round": e.round,
        "questions": len(e.questions), "path": str(e.path), "ok": e.ok,
        "error": e.errors[0] if e.errors else None, "errors": len(e.errors),
        "warnings": len(e.warnings)} for e in entries]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        from ..service.library_api import display_path

        click.echo("No banks found. Searched: "
                   + ", ".join(display_path(p) for p in app.settings.bank_dirs))
        return
    w_id = max(len(r["id"]) for r in rows)
    for r in rows:
        status = click.style("ok", fg="green") if r["ok"] else click.style("broken", fg="red")
        click.echo(f"{r['id']:<{w_id}}  {r['round'] or '?':<14} {r['questions']:>4} q  "
                   f"{status:<6}  {r['path']}")
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
    with service_errors():
        result = app.library(paths).validate(paths)
    for line in result.diagnostics:
        click.echo(line)
    summary = (f"{result.files} files, {result.questions} questions: {result.errors} errors, "
               f"{result.warnings} warnings")
    click.echo(summary + (" (strict: warnings count as errors)"
                          if strict and result.warnings else ""))
    if result.failed(strict=strict):
        raise click.exceptions.Exit(1)


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
    lib = app.library()
    with service_errors():
        ref = lib.find(question_id)
        p = lib.preview(question_id)
    if as_json:
        from ..scoring.rubric import rubric_for

        echo_json({
            "id": p.id, "bank": p.bank, "round": p.round, "path": str(ref.path),
            "question": ref.question.model_dump(exclude_none=True),
            "effective_rubric": rubric_for(ref.question, lib.catalog()).model_dump(
                exclude_none=True),
        })
        return
    click.secho(f"{p.id}  ({p.round}, {p.difficulty}, {p.time_limit}s)", bold=True)
    click.echo(f"bank: {p.bank}  file: {p.path}")
    if p.tags:
        click.echo("tags: " + ", ".join(p.tags))
    click.echo()
    click.echo(p.prompt.rstrip())
    click.echo()
    src = {"inline": "inline", "extends": f"extends '{p.extends}'",
           "auto": "derived automatically from the model answer"}[p.rubric_source]
    click.secho(f"Effective rubric ({src}):", bold=True)
    total = sum(c.weight for c in p.criteria) or 1
    for c in p.criteria:
        req = " required" if c.required else ""
        click.echo(f"  - {c.id}: {c.label}  [weight {c.weight:g}, "
                   f"{100 * c.weight / total:.0f}%{req}]")
        click.echo(f"      keywords: {'; '.join(c.keywords)}")
        if c.probe:
            click.echo(f"      probe: {c.probe}")
    for r in p.red_flags:
        click.echo(f"  ! red flag (-{r.penalty:g}): {'; '.join(r.keywords)}")
        if r.note:
            click.echo(f"      {r.note}")
    if p.hints:
        click.secho("Hints:", bold=True)
        for h in p.hints:
            click.echo(f"  - {h}")
    if p.model_answer:
        click.secho("Model answer:", bold=True)
        click.echo("  " + p.model_answer.strip().replace("\n", "\n  "))
    if p.examples:
        click.secho(f"Examples: {len(p.examples)}", bold=True)
    if p.tests_visible or p.tests_hidden:
        click.echo(f"Tests: {p.tests_visible + p.tests_hidden} ({p.tests_hidden} hidden), "
                   f"entrypoint {p.entrypoint}()")


def register(cli: click.Group) -> None:
    from .score_cmds import bank_calibrate, bank_test

    bank.add_command(bank_test)
    bank.add_command(bank_calibrate)
    cli.add_command(bank)

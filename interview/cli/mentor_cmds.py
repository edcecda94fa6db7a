"""Mentor and dispute commands.

- ``interview annotate SESSION_ID --answer N --note TEXT [--score S] [--reason TEXT]``
- ``interview dispute SESSION_ID --answer N --criterion ID --words TEXT``
- ``interview disputes accept|reject DISPUTE_ID [--note TEXT]`` (mentors)
- ``interview bank disputes [--json] [--status pending|accepted|rejected|all]``

Answers are numbered as ``interview show`` prints them (question N; ``--attempt K`` picks an
attempt, default the one that counts). Nothing is reported saved unless it was committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import click

from .common import EXIT_USAGE, AppContext, CliError, echo_json, pass_app, service_errors
from .session_cmds import MAX_ID, parse_session_id

if TYPE_CHECKING:
    from ..domain.mentor import DisputeStatus
    from ..store.mentor_store import DisputeListing

STATUSES = ("pending", "accepted", "rejected", "all")


def _score_option(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise CliError(f"not a score: '{text}' (an override is a number from 0 to 100)",
                       EXIT_USAGE) from None
    if not 0 <= value <= 100:  # NaN fails too
        raise CliError(f"score {text} is out of range: an override is 0-100", EXIT_USAGE)
    return value


def _answer_options(f: Any) -> Any:
    f = click.option("--attempt", type=click.IntRange(1, MAX_ID), default=None,
                     metavar="K", help="Which attempt (default: the one that counts).")(f)
    return click.option("--answer", "-a", "answer", type=click.IntRange(1, MAX_ID),
                        required=True, metavar="N",
                        help="Answer number, as `interview show` prints it.")(f)


@click.command("annotate")
@click.argument("session_id")
@_answer_options
@click.option("--note", "-m", default="", metavar="TEXT", help="The note the candidate reads.")
@click.option("--score", "score_text", default=None, metavar="S",
              help="Override the score (0-100); the machine score stays visible.")
@click.option("--reason", default="", metavar="TEXT", help="Why the score was overridden.")
@pass_app
def annotate_cmd(app: AppContext, session_id: str, answer: int, attempt: int | None,
                 note: str, score_text: str | None, reason: str) -> None:
    """Mentors: add a note to an answer, and optionally override its score.

    On a cohort database only mentors may (interview cohort add NAME --mentor); on SQLite
    whoever uses the file may.
    """
    from ..domain.mentor import override_text
    from ..service.mentor import annotate

    sid = parse_session_id(session_id)
    score = _score_option(score_text)
    with service_errors():
        res = annotate(app.service(), sid, answer, note=note, score=score, reason=reason,
                       attempt=attempt)
    where = f"session {sid}, answer {res.ref.index + 1} (attempt {res.ref.attempt})"
    click.echo(f"Saved a note on {where}.")
    if res.note.score is not None:
        click.echo(f"Score: {override_text(res.machine_score, res.note)}.")
    if res.session_score is not None:
        click.echo(f"Session score now {res.session_score:.0f}.")


@click.command("dispute")
@click.argument("session_id")
@_answer_options
@click.option("--criterion", "-c", required=True, metavar="ID",
              help="The missed criterion's id (interview show --json lists them).")
@click.option("--words", "-w", required=True, metavar="TEXT",
              help="The words you used that cover it.")
@pass_app
def dispute_cmd(app: AppContext, session_id: str, answer: int, attempt: int | None,
                criterion: str, words: str) -> None:
    """Say you covered a missed criterion, with the words you used. The score changes only
    if a mentor accepts it."""
    from ..service.mentor import dispute

    sid = parse_session_id(session_id)
    with service_errors():
        ref, d = dispute(app.service(), sid, answer, criterion=criterion, words=words,
                         attempt=attempt)
    click.echo(f"Dispute {d.id} saved: '{d.criterion_label}' on session {sid}, answer "
               f"{ref.index + 1} (attempt {ref.attempt}). It is pending until a mentor "
               "accepts or rejects it.")


@click.group("disputes")
def disputes_group() -> None:
    """Mentors: accept or reject disputed criteria (list them with interview bank disputes)."""


def _resolve(app: AppContext, dispute_id: int, accept: bool, note: str) -> None:
    from ..service.mentor import resolve_dispute

    with service_errors():
        res = resolve_dispute(app.service(), dispute_id, accept=accept, note=note)
    li = res.listing
    where = f"session {li.session_id}, answer {li.index + 1} (attempt {li.attempt})"
    if accept:
        assert res.override is not None
        click.echo(f"Dispute {dispute_id} accepted: '{res.dispute.criterion_label}' now counts "
                   f"on {where}; score {li.score:.0f} → {res.override:.0f}.")
        if res.session_score is not None:
            click.echo(f"Session score now {res.session_score:.0f}.")
    else:
        click.echo(f"Dispute {dispute_id} rejected; the score of {where} is unchanged.")


@disputes_group.command("accept")
@click.argument("dispute_id", type=click.IntRange(1, MAX_ID))
@click.option("--note", "-m", default="", metavar="TEXT", help="A note for the candidate.")
@pass_app
def accept_cmd(app: AppContext, dispute_id: int, note: str) -> None:
    """Credit the criterion: the answer's score is recomputed with it met."""
    _resolve(app, dispute_id, True, note)


@disputes_group.command("reject")
@click.argument("dispute_id", type=click.IntRange(1, MAX_ID))
@click.option("--note", "-m", default="", metavar="TEXT", help="A note for the candidate.")
@pass_app
def reject_cmd(app: AppContext, dispute_id: int, note: str) -> None:
    """Keep the score as it is."""
    _resolve(app, dispute_id, False, note)


def listing_to_json(li: DisputeListing) -> dict[str, Any]:
    d = li.dispute
    return {
        "id": d.id, "question_id": li.question_id, "status": d.status,
        "criterion_id": d.criterion_id, "criterion_label": d.criterion_label,
        "words": d.words, "answer": li.answer, "score": round(li.score, 1),
        "session_id": li.session_id, "answer_number": li.index + 1, "attempt": li.attempt,
        "candidate": li.candidate, "created_at": d.created_at.isoformat(),
        "resolved_by": d.resolved_by,
        "resolved_at": d.resolved_at.isoformat() if d.resolved_at else None,
        "resolution": d.resolution,
    }


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@click.command("disputes")
@click.option("--status", type=click.Choice(STATUSES), default="pending", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_app
def bank_disputes_cmd(app: AppContext, status: str, as_json: bool) -> None:
    """Disputed criteria per question, with the answer and the candidate's words: material
    for new keywords or blind examples."""
    from ..service.mentor import list_disputes

    chosen = None if status == "all" else cast("DisputeStatus", status)
    with service_errors():
        rows = list_disputes(app.service(), chosen)
    if as_json:
        echo_json([listing_to_json(li) for li in rows])
        return
    if not rows:
        click.echo("No disputes." if status == "all" else f"No {status} disputes.")
        return
    current = None
    for li in rows:
        d = li.dispute
        if li.question_id != current:
            current = li.question_id
            n = sum(1 for x in rows if x.question_id == current)
            click.echo(f"{current}  ({n} dispute{'s' if n != 1 else ''})")
        who = f"  {li.candidate}" if li.candidate else ""
        click.echo(f"  #{d.id:<4} {d.status:<8} {d.criterion_id} ({d.criterion_label})  "
                   f"session {li.session_id} answer {li.index + 1}{who}")
        click.echo(f"        words:  {_short(d.words)}")
        click.echo(f"        answer: {_short(li.answer)}")
        if d.status != "pending":
            by = f" by {d.resolved_by}" if d.resolved_by else ""
            click.echo(f"        {d.status}{by}" + (f": {_short(d.resolution)}"
                                                    if d.resolution else ""))


def register(cli: click.Group) -> None:
    for cmd in (annotate_cmd, dispute_cmd, disputes_group):
        cli.add_command(cmd)
    bank = cli.commands.get("bank")
    if isinstance(bank, click.Group):
        bank.add_command(bank_disputes_cmd)

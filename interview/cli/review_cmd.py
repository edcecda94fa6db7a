"""`interview review`: the spaced-review queue, what is due and why.

Practising the due questions is `interview practice --review` (session_cmds.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..domain.words import plural
from .common import AppContext, echo_json, pass_app, service_errors

if TYPE_CHECKING:
    from datetime import datetime

    from ..store.review_queries import CardRecord

MAX_LIMIT = 2**31 - 1


def describe_card(c: CardRecord, now: datetime) -> list[str]:
    """A card as a few lines of text: what, when due, last result, what was missed."""
    from ..rounds import round_title
    from ..service.review import relative

    due = c.due.astimezone()
    last = c.last_reviewed_at.astimezone()
    score = "skipped" if c.last_band == "skipped" else f"{c.last_score:.0f} ({c.last_band})"
    when = "due now" if c.due <= now and relative(c.due, now) == "now" else (
        f"due {relative(c.due, now)}")
    lines = [f"{c.question_id} · {c.title} ({round_title(c.round)})",
             f"  {when} ({due:%Y-%m-%d %H:%M}) · {c.state} · "
             f"{plural(c.reviews, 'review')}",
             f"  last: {score} on {last:%Y-%m-%d}, rated {c.last_rating}"]
    for m in c.missed:
        need = " [required]" if m.required else ""
        probe = f" — {m.probe}" if m.probe else ""
        lines.append(f"  missed: {m.label}{need}{probe}")
    return lines


@click.command("review")
@click.option("--all", "all_cards", is_flag=True, help="Every scheduled question, not only "
                                                        "those due now.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=None,
              help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--rebuild", is_flag=True,
              help="Recompute every card from your history first.")
@pass_app
def review_cmd(app: AppContext, all_cards: bool, limit: int | None, as_json: bool,
               rebuild: bool) -> None:
    """List the questions due for spaced review, most overdue first, with the last score and
    the points missed. Practise them with `interview practice --review`."""
    from ..service.review import card_to_json, nothing_due

    with service_errors():
        reviews = app.service().reviews()
        rebuilt = reviews.rebuild() if rebuild else None
        if rebuilt is None and reviews.ensure():
            rebuilt = reviews.summary().total
        now = reviews.now()
        cards = reviews.all() if all_cards else reviews.due()
        summary = reviews.summary()
    shown = cards[:limit] if limit is not None else cards
    if as_json:
        echo_json({
            "now": now.isoformat(), "due": summary.due, "scheduled": summary.total,
            "next_due": summary.next_due.isoformat() if summary.next_due else None,
            "cards": [card_to_json(c, now) for c in shown],
        })
        return
    if rebuilt is not None:
        click.echo(f"Rebuilt {plural(rebuilt, 'review card')} from your history.")
    if not shown:
        click.echo(nothing_due(summary, now))
        return
    if all_cards:
        click.echo(f"{plural(summary.total, 'question')} scheduled for review, soonest first "
                   f"({summary.due} due now):")
    else:
        click.echo(f"{plural(summary.due, 'question')} due for review, most overdue first "
                   f"(of {summary.total} scheduled):")
    for c in shown:
        click.echo("")
        for line in describe_card(c, now):
            click.echo(line)
    if len(shown) < len(cards):
        click.echo(f"\n… and {len(cards) - len(shown)} more (without --limit).")
    if summary.due:
        click.echo("\nPractise the due ones with: interview practice --review")


def register(cli: click.Group) -> None:
    cli.add_command(review_cmd)

"""Session commands: practice (plain-text conversation), sessions, history, show, export, stats.

They talk only to ``interview.service``; every user mistake becomes one line and a non-zero
exit through ``CliError``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ..domain.words import plural
from .common import (
    EXIT_DATABASE,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    AppContext,
    CliError,
    echo_json,
    pass_app,
    service_errors,
)

if TYPE_CHECKING:
    from ..service import Service, SessionConfig, SessionHandle
    from ..store.records import SessionRecord

MAX_ID = 2**31 - 1  # ids, seeds and limits fit a 32-bit database integer


def make_service(app: AppContext) -> Service:
    return app.service()


def parse_session_id(text: str) -> int:
    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise CliError(f"not a session id: '{text}' (ids are numbers; see interview history)",
                       EXIT_USAGE) from None
    if value < 1:
        raise CliError(f"not a session id: '{text}'", EXIT_USAGE)
    if value > MAX_ID:  # no database holds it (PostgreSQL ids are 32-bit)
        raise CliError(f"no session {value}", EXIT_NOT_FOUND)
    return value


def _score(x: float | None) -> str:
    return "-" if x is None else f"{x:.0f}"


def in_terminal() -> bool:
    """Both stdin and stdout are a terminal (the app can open)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _config_from_options(opts: dict[str, Any], interactive: bool) -> SessionConfig:
    from ..service import SessionConfig

    followups = opts["max_followups"]
    if followups is None:
        # Follow-ups need a live conversation: piped answers cannot anticipate them.
        followups = 1 if interactive else 0
    if opts.get("review"):
        from ..rounds import REVIEW

        if opts["question"]:
            raise CliError("--review asks the questions due for review: leave out --question",
                           EXIT_USAGE)
        return SessionConfig(round=REVIEW, n=opts["n"], mode=opts["mode"], seed=opts["seed"],
                             max_followups=followups, hint_penalty=opts["hint_penalty"])
    return SessionConfig(
        round=opts["round_"], n=opts["n"], mode=opts["mode"], banks=tuple(opts["bank"]),
        tags=tuple(opts["tag"]), difficulty=opts["difficulty"], seed=opts["seed"],
        max_followups=followups, hint_penalty=opts["hint_penalty"],
        question_ids=tuple(opts["question"]),
    )


@click.command("practice")
@click.option("--round", "-r", "round_", default="ml-theory", show_default=True,
              metavar="ROUND|loop",
              help="coding-screen, ml-theory, system-design, behavioral, portfolio, or loop "
                   "(one question from each round).")
@click.option("-n", "n", type=click.IntRange(1, 1000), default=None,
              help="Number of questions (default 3).")
@click.option("--mode", type=click.Choice(["practice", "exam"]), default="practice",
              show_default=True, help="exam: no hints, no model answers, no retries, strict timer.")
@click.option("--bank", multiple=True, metavar="ID", help="Only questions from this bank.")
@click.option("--tag", multiple=True, metavar="TAG", help="Only questions with this tag.")
@click.option("--difficulty", type=click.Choice(["easy", "medium", "hard"]), default=None)
@click.option("--question", "-q", multiple=True, metavar="ID", help="Ask exactly these questions.")
@click.option("--seed", type=click.IntRange(-MAX_ID, MAX_ID), default=None,
              help="Reproducible question pick and lines.")
@click.option("--max-followups", type=click.IntRange(0, 5), default=None,
              help="Follow-up probes per question (default 1; 0 when input is piped).")
@click.option("--hint-penalty", type=click.FloatRange(0, 100), default=5.0, show_default=True,
              help="Points taken off per hint.")
@click.option("--review", is_flag=True,
              help="Ask the questions due for spaced review, most overdue first (-n: at most "
                   "this many, default 5; see interview review).")
@click.option("--resume", "resume", metavar="SESSION_ID", default=None,
              help="Continue an unfinished session (see interview sessions).")
@click.option("--plain", is_flag=True,
              help="A plain-text conversation instead of the app (always when piped).")
@pass_app
def practice_cmd(app: AppContext, plain: bool, resume: str | None, **opts: Any) -> None:
    """Run a mock interview: in a terminal the app opens on it (--plain for a text
    conversation); with piped input it is always the plain conversation.

    Plain: type an answer over as many lines as you like and end it with a line holding only '.'.
    Lines like /hint, /skip, /retry, /quit are commands (/help lists them). Answers are saved
    as you go; when the input ends the session is saved and can be resumed.
    """
    stdin = sys.stdin
    interactive = stdin.isatty()
    if opts["n"] is not None and opts["round_"] == "loop" and not opts["question"]:
        what = "a loop asks one question per round"
        raise CliError(f"-n does not apply here: {what}", EXIT_USAGE)
    if not plain and in_terminal():
        from .tui_cmd import launch_practice

        session_id = parse_session_id(resume) if resume is not None else None
        config = None if session_id is not None else _config_from_options(opts, True)
        if config is not None and opts["review"]:
            from ..service.review import review_config

            with service_errors():  # nothing due: one line here, not in the app
                config = review_config(make_service(app), config)
        elif config is not None:
            from ..engine.setup import pick_questions

            with service_errors():  # a bad round or filters: one line here, not in the app
                pick_questions(make_service(app).catalog(), config, config.seed or 0)
        launch_practice(click.get_current_context(), config, session_id)
        return
    svc = make_service(app)
    with service_errors():
        if resume is not None:
            handle = svc.resume(parse_session_id(resume))
        else:
            handle = svc.start_session(_config_from_options(opts, interactive))
        from .plain import PlainSession

        runner = PlainSession(handle, stdin, interactive=interactive)
        finished = runner.run()
        if svc.unsaved_answers():  # never "saved" when an answer is only in the journal
            raise CliError(
                f"session {handle.id}: {plural(svc.unsaved_answers(), 'answer')} could not be saved to "
                "the database; they are kept in the journal and will be written the next "
                "time interview starts", EXIT_DATABASE)
        if finished:
            click.echo(f"\nSession {handle.id} saved.")
        elif resume is None and not interactive and not _anything_given(handle):
            svc.delete_session(handle.id)  # empty input: no empty session left behind
            click.echo("\nNo answer in the input: no session was saved.")
        else:
            handle.pause()
            click.echo(f"\nSession {handle.id} saved as unfinished; continue it with "
                       f"`interview practice --resume {handle.id}`.")


def _anything_given(handle: SessionHandle) -> bool:
    """An answer, a skip or a typed draft: something a resume would continue from."""
    summary = handle.summary()
    return bool(summary.answered or summary.skipped or handle.draft.strip())


# -- history and friends ----------------------------------------------------------------------
def _check_round_option(round_: str | None) -> None:
    if round_ is None:
        return
    from ..service.queries import check_round

    with service_errors():
        check_round(round_)


HISTORY_SHOWN = 50
"""Sessions ``history`` lists by default (newest first); --all lists every one."""


@click.command("history")
@click.option("--round", "-r", "round_", default=None, metavar="ROUND",
              help="Only sessions that include this round.")
@click.option("--json", "as_json", is_flag=True,
              help="Machine-readable output (every session unless --limit).")
@click.option("--all-users", is_flag=True, help="Everyone's sessions, not just yours.")
@click.option("--limit", type=click.IntRange(1, MAX_ID), default=None,
              help=f"At most this many, newest first (default {HISTORY_SHOWN}).")
@click.option("--all", "show_all", is_flag=True, help="Every session, however many.")
@pass_app
def history_cmd(app: AppContext, round_: str | None, as_json: bool, all_users: bool,
                limit: int | None, show_all: bool) -> None:
    """List past sessions, newest first (the latest 50 unless --limit or --all)."""
    if show_all and limit is not None:
        raise CliError("--all and --limit cannot be used together", EXIT_USAGE)
    _check_round_option(round_)
    if limit is None and not show_all and not as_json:
        limit = HISTORY_SHOWN
    svc = make_service(app)
    if as_json:
        from ..service.overview import record_to_json

        with service_errors():
            records = svc.history(round_, all_users=all_users, limit=limit)
        echo_json([record_to_json(r) for r in records])
        return
    with service_errors():
        # On PostgreSQL the server writes the lines (the same text, see
        # Service.history_text): 10,000 records cost about 0.25 s of CPU to build and format.
        listed = svc.history_text(round_, all_users=all_users, limit=limit)
        if listed is not None:
            text, shown, total = listed
        else:
            text, shown = _history_lines(svc.history(round_, all_users=all_users, limit=limit,
                                                     question_ids=False), all_users)
            total = (svc.count_sessions(round_, all_users=all_users)
                     if limit is not None and shown == limit else shown)
    if not shown:
        click.echo("No sessions yet. Start one with: interview practice")
        return
    # One write for the whole list: echoing 10,000 lines one by one costs about 0.1 s.
    click.echo(text)
    if total > shown:
        click.echo(f"Showing the latest {shown:,} of {total:,} sessions "
                   "(--limit N for more, --all for every one).")


def _history_lines(records: list[SessionRecord], all_users: bool) -> tuple[str, int]:
    """``history``'s lines for ``records`` (``Service.history_text`` writes the same)."""
    return "\n".join(
        f"#{r.id:<5} {r.started_at.astimezone():%Y-%m-%d %H:%M}  "
        f"{','.join(r.rounds):<28} {_score(r.score):>4}  {r.status:<10} "
        f"{plural(r.answers, 'answer')}  {r.mode}" + (f"  {r.user}" if all_users else "")
        for r in records), len(records)


@click.command("sessions")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_app
def sessions_cmd(app: AppContext, as_json: bool) -> None:
    """List your unfinished sessions (resume one with practice --resume ID)."""
    from ..service.overview import record_to_json

    with service_errors():
        records = make_service(app).unfinished_sessions()
    if as_json:
        echo_json([record_to_json(r) for r in records])
        return
    if not records:
        click.echo("No unfinished sessions.")
        return
    for r in records:
        click.echo(f"#{r.id:<5} {r.started_at.astimezone():%Y-%m-%d %H:%M}  "
                   f"{','.join(r.rounds):<28} {r.answers}/{r.questions} answered  "
                   f"(interview practice --resume {r.id})")


@click.command("show")
@click.argument("session_id")
@click.option("--json", "as_json", is_flag=True, help="Everything stored, as JSON.")
@click.option("--all-users", is_flag=True, help="Allow other users' sessions.")
@pass_app
def show_cmd(app: AppContext, session_id: str, as_json: bool, all_users: bool) -> None:
    """Show a session's transcript with scores and feedback."""
    from ..service.export import detail_to_json, detail_to_markdown

    sid = parse_session_id(session_id)
    with service_errors():
        detail = make_service(app).session_detail(sid, all_users=all_users)
    if as_json:
        echo_json(detail_to_json(detail))
    else:
        click.echo(detail_to_markdown(detail), nl=False)


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all-users", is_flag=True, help="Everyone's sessions, not just yours.")
@pass_app
def stats_cmd(app: AppContext, as_json: bool, all_users: bool) -> None:
    """Per round: sessions, average, best, last score and trend; most-missed criteria and tags."""
    from dataclasses import asdict

    with service_errors():
        stats = make_service(app).stats(all_users=all_users)
    if as_json:
        echo_json(asdict(stats))
        return
    click.echo(f"{'Round':<22} {'Sessions':>8} {'Avg':>5} {'Best':>5} {'Last':>5}  Trend")
    for r in stats.rounds:
        trend = " ".join(f"{x:.0f}" for x in r.trend)
        click.echo(f"{r.title:<22} {r.sessions:>8} {_score(r.average):>5} {_score(r.best):>5} "
                   f"{_score(r.last):>5}  {trend}")
    if stats.missed_criteria:
        click.echo("\nMost missed criteria:")
        for c in stats.missed_criteria:
            click.echo(f"  {c.count:>3}x  {c.label}")
    if stats.weakest_tags:
        click.echo("\nWeakest tags:")
        for t in stats.weakest_tags:
            click.echo(f"  {t.average:>5.0f}  {t.tag} ({plural(t.count, 'question')})")


def register(cli: click.Group) -> None:
    for cmd in (practice_cmd, sessions_cmd, history_cmd, show_cmd, stats_cmd):
        cli.add_command(cmd)

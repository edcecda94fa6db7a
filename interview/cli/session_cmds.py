"""Session commands: practice (plain-text conversation), sessions, history, show, export, stats.

They talk only to ``interview.service``; every user mistake becomes one line and a non-zero
exit through ``CliError``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

import click

from .common import AppContext, CliError, echo_json, pass_app

if TYPE_CHECKING:
    from ..service import Message, QuestionView, Service, SessionHandle, Turn

EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_DATABASE = 4

HELP_TEXT = """Commands (on a line of their own):
  /hint    reveal a hint (practice mode; each costs points)
  /skip    skip this question (or the follow-up)
  /retry   answer the last question again (practice mode; the best attempt counts)
  /model   show the model answer of the last question (practice mode)
  /time    time left for this question
  /end     finish the session now
  /quit    stop; the session is saved and can be resumed (interview practice --resume ID)
  /help    this list
End an answer with a line holding only '.', or with the end of input."""

COMMANDS = ("hint", "skip", "retry", "model", "time", "end", "quit", "help")


@contextmanager
def service_errors() -> Iterator[None]:
    """Service errors -> one-line CliError with a fitting exit code."""
    from ..service import DatabaseError, ServiceError, SetupError, UnknownSessionError

    try:
        yield
    except UnknownSessionError as exc:
        raise CliError(str(exc), EXIT_NOT_FOUND) from None
    except DatabaseError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from None
    except SetupError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except ServiceError as exc:
        raise CliError(str(exc), 1) from None


def make_service(app: AppContext) -> Service:
    from ..service import Service

    return Service(app.settings)


def parse_session_id(text: str) -> int:
    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise CliError(f"not a session id: '{text}' (ids are numbers; see interview history)",
                       EXIT_USAGE) from None
    if value < 1:
        raise CliError(f"not a session id: '{text}'", EXIT_USAGE)
    return value


def _mmss(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    m, s = divmod(round(abs(seconds)), 60)
    return f"{sign}{m}:{s:02d}"


def _score(x: float | None) -> str:
    return "-" if x is None else f"{x:.0f}"


# -- the plain conversation -----------------------------------------------------------------
class Block:
    """What one read produced: an answer (lines up to '.'), a command, or the end of input."""

    def __init__(self, text: str = "", command: str | None = None, eof: bool = False,
                 timed_out: bool = False) -> None:
        self.text = text
        self.command = command
        self.eof = eof
        self.timed_out = timed_out


class PlainSession:
    """Drives a ``SessionHandle`` from text lines; prints the conversation as text."""

    def __init__(self, handle: SessionHandle, stream: TextIO, *, interactive: bool,
                 echo: Callable[[str], None] = click.echo) -> None:
        self.h = handle
        self.stream = stream
        self.interactive = interactive
        self.echo = echo
        self.warned = False

    # rendering
    def header(self, q: QuestionView) -> str:
        parts = [f"Question {q.index + 1}/{q.total}", q.round_title, q.difficulty,
                 f"{_mmss(q.time_limit)} allowed"]
        if self.h.mode == "practice" and q.hints_total:
            parts.append(f"{q.hints_total} hint(s) (/hint, -{self.h.config.hint_penalty:g} each)")
        return " · ".join(parts)

    def show(self, messages: tuple[Message, ...]) -> None:
        q = self.h.question
        for m in messages:
            if m.kind == "question":
                self.echo("")
                if q is not None and q.index == m.question_index:
                    self.echo(self.header(q))
                self.echo(m.text.strip())
                if q is not None and q.is_coding and q.starter_code and q.index == m.question_index:
                    self.echo(f"Starter code (the tests call {q.entrypoint}):")
                    self.echo(q.starter_code.rstrip())
                self.warned = False
                if self.interactive:
                    self.echo("")
            elif m.kind == "answer":
                if not self.interactive:
                    self.echo("You: " + m.text.strip().replace("\n", "\n     "))
            elif m.kind == "feedback":
                self.echo("Feedback: " + m.text)
            elif m.kind == "model-answer":
                self.echo("Model answer:\n" + m.text.strip())
            elif m.kind == "summary":
                self.echo("\nSummary\n" + m.text)
            else:
                self.echo("Interviewer: " + m.text)

    # input
    def read_line(self, first: bool = True) -> str | None:
        if self.interactive and first:
            click.echo("> ", nl=False)
        line = self.stream.readline()
        return None if line == "" else line.rstrip("\r\n")

    def read_block(self) -> Block:
        lines: list[str] = []
        while True:
            line = self.read_line(first=not lines)
            if line is None:
                return Block("\n".join(lines), eof=True)
            if self.h.phase in ("question", "follow-up"):
                tc = self.h.check_time()
                if tc.must_submit:
                    return Block("\n".join(lines), timed_out=True)
                if tc.warning and not self.warned and self.interactive:
                    self.warned = True
                    self.echo(f"({_mmss(tc.remaining)} left)")
            stripped = line.strip()
            if stripped == ".":
                return Block("\n".join(lines))
            if stripped.startswith("/") and " " not in stripped:
                name = stripped[1:].lower()
                if name in COMMANDS:
                    if name in ("hint", "time", "help", "model"):
                        self.command(name)
                        continue
                    if lines and "".join(lines).strip():
                        self.echo("(the unfinished answer was discarded)")
                    return Block(command=name)
                if not lines:
                    self.echo(f"Unknown command /{name}; type /help for the list.")
                    continue
            lines.append(line)

    def command(self, name: str) -> None:
        from ..service import ServiceError

        try:
            if name == "help":
                self.echo(HELP_TEXT)
            elif name == "time":
                tc = self.h.check_time()
                self.echo(f"({_mmss(tc.elapsed)} used of {_mmss(tc.limit)}; "
                          f"{_mmss(tc.remaining)} left)")
            elif name == "hint":
                self.show(self.h.hint().messages)
            elif name == "model":
                text = self.h.model_answer()
                self.echo("Model answer:\n" + text.strip() if text
                          else "(this question has no model answer)")
            elif name == "skip":
                self.after(self.h.skip())
            elif name == "retry":
                self.show(self.h.retry().messages)
        except ServiceError as exc:
            self.echo(f"({exc})")

    def after(self, turn: Turn) -> None:
        self.show(turn.messages)
        q = self.h.question
        if turn.phase == "feedback" and q is not None and q.index + 1 < q.total:
            self.show(self.h.next().messages)

    def run(self) -> bool:
        """Run until finished, /quit or the end of input. True when the session finished."""
        from ..service import ServiceError

        self.echo("(End each answer with a line holding only '.'; /help lists commands.)")
        self.show(self.h.start().messages)
        while self.h.phase != "finished":
            if self.h.phase == "feedback":
                if self.h.can_retry and self.interactive:
                    self.echo("(Last question done: /retry to answer it again, or press "
                              "Enter to finish.)")
                block = self.read_block()
                if block.command in ("retry", "skip"):
                    self.command(block.command)
                    continue
                if block.command == "quit":
                    return False
                self.show(self.h.next().messages)
                return True
            block = self.read_block()
            if block.command == "quit":
                return False
            if block.command == "end":
                self.h.end()
                self.show(self.h.transcript[-2:])
                return True
            if block.command is not None:
                self.command(block.command)
                continue
            if block.timed_out and not block.text.strip():
                self.echo("(time is up with no answer: the question is skipped)")
                self.after(self.h.skip())
                continue
            if block.text.strip():
                try:
                    self.after(self.h.submit(block.text))
                except ServiceError as exc:
                    self.echo(f"({exc})")
            elif not block.eof:
                self.echo("(empty answer: type your answer, or /skip)")
            if block.eof:
                if self.h.phase == "feedback":
                    self.show(self.h.next().messages)
                return self.h.phase == "finished"
        return True


def _config_from_options(opts: dict[str, Any], interactive: bool) -> Any:
    from ..service import SessionConfig

    followups = opts["max_followups"]
    if followups is None:
        # Follow-ups need a live conversation: piped answers cannot anticipate them.
        followups = 1 if interactive else 0
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
@click.option("-n", "n", type=int, default=None, help="Number of questions (default 3).")
@click.option("--mode", type=click.Choice(["practice", "exam"]), default="practice",
              show_default=True, help="exam: no hints, no model answers, no retries, strict timer.")
@click.option("--bank", multiple=True, metavar="ID", help="Only questions from this bank.")
@click.option("--tag", multiple=True, metavar="TAG", help="Only questions with this tag.")
@click.option("--difficulty", type=click.Choice(["easy", "medium", "hard"]), default=None)
@click.option("--question", "-q", multiple=True, metavar="ID", help="Ask exactly these questions.")
@click.option("--seed", type=int, default=None, help="Reproducible question pick and lines.")
@click.option("--max-followups", type=click.IntRange(0, 5), default=None,
              help="Follow-up probes per question (default 1; 0 when input is piped).")
@click.option("--hint-penalty", type=click.FloatRange(0, 100), default=5.0, show_default=True,
              help="Points taken off per hint.")
@click.option("--resume", "resume", metavar="SESSION_ID", default=None,
              help="Continue an unfinished session (see interview sessions).")
@click.option("--plain", is_flag=True, help="Plain text conversation (also when piped).")
@pass_app
def practice_cmd(app: AppContext, plain: bool, resume: str | None, **opts: Any) -> None:
    """Run a mock interview as a plain-text conversation.

    Type an answer over as many lines as you like and end it with a line holding only '.'.
    Lines like /hint, /skip, /retry, /quit are commands (/help lists them). Answers are saved
    as you go; when the input ends the session is saved and can be resumed.
    """
    stdin = sys.stdin
    interactive = stdin.isatty()
    if not plain and interactive and sys.stdout.isatty():
        from . import tui_cmd

        launcher: Callable[..., None] | None = getattr(tui_cmd, "launch_practice", None)
        if launcher is not None:
            ctx = click.get_current_context()
            launcher(ctx, _config_from_options(opts, True), resume)
            return
    svc = make_service(app)
    with service_errors():
        if resume is not None:
            handle = svc.resume(parse_session_id(resume))
        else:
            handle = svc.start_session(_config_from_options(opts, interactive))
        runner = PlainSession(handle, stdin, interactive=interactive)
        finished = runner.run()
        if finished:
            click.echo(f"\nSession {handle.id} saved.")
        else:
            handle.close()
            click.echo(f"\nSession {handle.id} saved as unfinished; continue it with "
                       f"`interview practice --resume {handle.id}`.")


# -- history and friends ----------------------------------------------------------------------
def _check_round_option(round_: str | None) -> None:
    if round_ is None:
        return
    from ..service.queries import check_round

    with service_errors():
        check_round(round_)


@click.command("history")
@click.option("--round", "-r", "round_", default=None, metavar="ROUND",
              help="Only sessions that include this round.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all-users", is_flag=True, help="Everyone's sessions, not just yours.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many.")
@pass_app
def history_cmd(app: AppContext, round_: str | None, as_json: bool, all_users: bool,
                limit: int | None) -> None:
    """List past sessions, newest first."""
    from ..service.overview import record_to_json

    _check_round_option(round_)
    with service_errors():
        records = make_service(app).history(round_, all_users=all_users, limit=limit)
    if as_json:
        echo_json([record_to_json(r) for r in records])
        return
    if not records:
        click.echo("No sessions yet. Start one with: interview practice")
        return
    for r in records:
        who = f"  {r.user}" if all_users else ""
        click.echo(f"#{r.id:<5} {r.started_at.astimezone():%Y-%m-%d %H:%M}  "
                   f"{','.join(r.rounds):<28} {_score(r.score):>4}  {r.status:<10} "
                   f"{r.answers} answer(s)  {r.mode}{who}")


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
            click.echo(f"  {t.average:>5.0f}  {t.tag} ({t.count} question(s))")


def register(cli: click.Group) -> None:
    for cmd in (practice_cmd, sessions_cmd, history_cmd, show_cmd, stats_cmd):
        cli.add_command(cmd)

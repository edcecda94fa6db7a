"""The plain-text conversation (`interview practice --plain`, or piped input)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import click

from ..domain.words import clock, plural

if TYPE_CHECKING:
    from ..service import Message, QuestionView, SessionHandle, Turn

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
                 f"{clock(q.time_limit)} allowed"]
        if self.h.mode == "practice" and q.hints_total:
            penalty = self.h.config.hint_penalty
            parts.append(f"{plural(q.hints_total, 'hint')} (/hint, -{penalty:g} each)")
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
                    self.echo(f"({clock(tc.remaining)} left)")
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
                self.echo(f"({clock(tc.elapsed)} used of {clock(tc.limit)}; "
                          f"{clock(tc.remaining)} left)")
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

    def after_last(self) -> str:
        """What to do once the last question is answered: ``finish`` (Enter on an empty
        line, '.', /end or the end of input), ``retry``, ``skip`` or ``quit``."""
        while True:
            line = self.read_line()
            if line is None:
                return "finish"
            stripped = line.strip()
            if stripped in ("", "."):
                return "finish"
            if stripped.startswith("/") and " " not in stripped:
                name = stripped[1:].lower()
                if name in ("retry", "skip", "quit"):
                    return name
                if name == "end":
                    return "finish"
                if name in COMMANDS:
                    self.command(name)
                    continue
            if not self.interactive:  # piped text after the last answer: the end
                return "finish"
            self.echo("(That was the last question: press Enter to finish, or /retry.)")

    def run(self) -> bool:
        """Run until finished, /quit or the end of input. True when the session finished."""
        from ..service import ServiceError

        self.echo("(End each answer with a line holding only '.'; /help lists commands.)")
        self.show(self.h.start().messages)
        while self.h.phase != "finished":
            if self.h.phase == "feedback":  # after the last question
                if self.interactive:
                    again = "/retry to answer it again, or " if self.h.can_retry else ""
                    self.echo(f"(Last question done: {again}press Enter to finish.)")
                choice = self.after_last()
                if choice in ("retry", "skip"):
                    self.command(choice)
                    continue
                if choice == "quit":
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

"""The interview: a chat transcript, the answer box, progress, countdown and the actions.

Every call on the session runs in one exclusive thread worker (scoring and code tests can
take a moment); each answer is stored by the service when it is submitted.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Label, Static, TextArea

from ..rounds import round_title
from ..widgets.answer_area import AnswerArea
from ..widgets.chat import Transcript
from ..widgets.countdown import Countdown
from ..widgets.key_bar import KeyBar
from .base import AppScreen, InSession

DRAFT_SAVE_SECONDS = 3.0
"""How often a changed draft answer is stored."""

if TYPE_CHECKING:
    from ...domain.tests import TestSummary
    from ...service import Message as ChatLine
    from ...service import Phase, QuestionView, SessionHandle, Summary, Turn


def body_indent(code: str) -> str:
    """The indentation of a line after ``code``: its last line's, one level deeper after a
    line ending with ':' (a starter's ``def ...:`` or its docstring inside the body)."""
    lines = [line for line in code.splitlines() if line.strip()]
    if not lines:
        return ""
    last = lines[-1]
    indent = last[:len(last) - len(last.lstrip())]
    return indent + "    " if last.rstrip().endswith(":") else indent


@dataclass(frozen=True)
class SessionStart:
    """A session ready to show: what was said so far and where it stands."""

    handle: SessionHandle
    transcript: tuple[ChatLine, ...]
    state: SessionState
    timer: bool
    draft: str = ""
    """The answer being typed when the session was left (restored into the box)."""
    summary: Summary | None = None
    """Set when resuming finished the session (every question was already answered)."""


@dataclass(frozen=True)
class SessionState:
    """The handle's state, read in the worker right after each action."""

    phase: Phase
    question: QuestionView | None
    can_hint: bool
    can_retry: bool
    remaining: float | None


def read_state(handle: SessionHandle) -> SessionState:
    question = handle.question
    remaining = None
    if question is not None and handle.phase in ("question", "follow-up"):
        remaining = handle.check_time().remaining
    return SessionState(handle.phase, question, handle.can_hint, handle.can_retry, remaining)


def open_session(handle: SessionHandle, *, timer: bool) -> SessionStart:
    """Start (or resume) in a worker thread: the opening lines and the state."""
    handle.start()
    summary = None
    if handle.phase == "feedback":  # resumed right after a scored answer: carry on
        summary = handle.next().summary
    return SessionStart(handle, handle.transcript, read_state(handle), timer,
                        draft=handle.draft, summary=summary)


@dataclass(frozen=True)
class TurnDone:
    """What a session action produced, read in the worker right after it."""

    action: str
    turn: Turn | None
    state: SessionState
    answer: str = ""
    summary: Summary | None = None


def python_highlighting() -> bool:
    """True when the syntax extras (tree-sitter with Python) are installed."""
    return (importlib.util.find_spec("tree_sitter") is not None
            and importlib.util.find_spec("tree_sitter_python") is not None)


class InterviewScreen(InSession, AppScreen[None]):
    CSS_PATH = "../styles/interview.tcss"
    AUTO_FOCUS = "#answer"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", id="submit", priority=True),
        Binding("ctrl+j", "submit", "Submit", id="submit-alt", show=False, priority=True),
        Binding("ctrl+g", "hint", "Hint", id="hint", priority=True),
        Binding("ctrl+n", "skip", "Skip", id="skip", priority=True),
        Binding("ctrl+r", "retry", "Retry", id="retry", priority=True),
        Binding("ctrl+t", "run_tests", "Run tests", id="run-tests", priority=True),
        Binding("ctrl+l", "end", "End", id="end-session", priority=True),
        Binding("escape", "leave", "Pause", id="pause"),
    ]

    def __init__(self, start: SessionStart) -> None:
        super().__init__()
        self.handle = start.handle
        self._opening = start.transcript
        self.state = start.state
        self.timer = start.timer
        self._busy = False
        self._shown_key: tuple[object, ...] | None = None
        self._main_answer = ""
        self._draft = start.draft
        self._finished = start.summary
        self._saved_draft = start.draft
        self._typed = start.draft

    def compose(self) -> ComposeResult:
        with Horizontal(id="status-bar"):
            yield Label("", id="progress")
            yield Label("", id="hints")
            yield Countdown(live=self.interview_app.live_clock, id="countdown")
        yield Transcript(id="transcript")
        yield AnswerArea("", soft_wrap=True, tab_behavior="focus",
                         placeholder="Type your answer…", id="answer")
        yield Static("", id="answer-help")
        yield KeyBar()

    async def on_mount(self) -> None:
        transcript = self.query_one(Transcript)
        for line in self._opening:
            await transcript.add(line.role, line.kind, line.text)
        if self._finished is not None:
            self._finish(self._finished)
            return
        self._show_state(self.state)
        self.set_interval(DRAFT_SAVE_SECONDS, self._save_draft)

    # -- state ------------------------------------------------------------------------------
    def _show_state(self, state: SessionState) -> None:
        self.state = state
        q = state.question
        progress = self.query_one("#progress", Label)
        answer = self.query_one("#answer", TextArea)
        help_line = self.query_one("#answer-help", Static)
        countdown = self.query_one(Countdown)
        if q is None:
            progress.update("Session finished")
            countdown.stop()
            self.refresh_bindings()
            return
        phase = "follow-up" if state.phase == "follow-up" else f"{q.difficulty}"
        progress.update(f"{round_title(q.round)} · question {q.index + 1} of {q.total} · "
                        f"{phase} · {self.handle.mode}")
        hints = self.query_one("#hints", Label)
        show_hints = (q.hints_total and state.phase == "question"
                      and self.handle.mode == "practice")
        hints.update(f"hints {q.hints_used}/{q.hints_total}" if show_hints else "")
        key = (q.index, q.attempts, state.phase)
        if key != self._shown_key:  # a new question, retry or follow-up: a fresh answer box
            self._shown_key = key
            coding = q.is_coding and state.phase == "question"
            self.set_class(coding, "-code")  # a taller box for code
            answer.language = "python" if coding and python_highlighting() else None
            answer.theme = "monokai" if coding else "css"
            answer.show_line_numbers = coding
            answer.soft_wrap = not coding
            answer.tab_behavior = "indent" if coding else "focus"
            starter = (q.starter_code or "") if coding else ""
            if starter:  # typing starts on a line of its own, inside the function's body
                starter = starter.rstrip("\n") + "\n" + body_indent(starter)
            answer.text = self._draft or starter
            if self._draft or starter:  # carry on typing at the end of the draft or starter
                answer.move_cursor(answer.document.end)
            self._draft = ""
            if coding:
                help_line.update("Code: tab indents · ctrl+t runs the tests · ctrl+s submit")
            elif state.phase == "follow-up":
                help_line.update("Answer the follow-up (ctrl+s) or skip it (ctrl+n)")
            else:
                hint = " · ctrl+g hint" if self.handle.mode == "practice" else ""
                help_line.update(f"ctrl+s submit{hint} · ctrl+n skip · esc pause")
            if state.remaining is not None and self.timer:
                countdown.start(state.remaining)
            countdown.set_class(not self.timer, "-off")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        q = self.state.question
        practice = self.handle.mode == "practice"
        if action == "hint":  # hidden in an exam; when none is left, pressing says so
            return practice and (self.state.phase == "question" or None)
        if action == "retry":  # shown only when there is something to retry (room at 80x24)
            return practice and self.state.can_retry
        if action == "run_tests":
            return q is not None and q.is_coding and self.state.phase == "question"
        if action in ("submit", "skip"):
            return (q is not None and self.state.phase in ("question", "follow-up")) or None
        return True

    # -- actions ----------------------------------------------------------------------------
    def _start(self, action: str, call: Callable[[], Turn | Summary], answer: str = "") -> None:
        if self._busy:
            self.notify("One moment: still working on the last action.")
            return
        self._busy = True
        self.query_one("#answer", TextArea).loading = action in ("submit", "skip")
        self.run_service(self._act, action, call, answer, done=self._turn_done,
                         failure=f"Could not {action}", group="session", exclusive=False,
                         always=self._idle)

    def _act(self, action: str, call: Callable[[], Turn | Summary], answer: str) -> TurnDone:
        """In the worker: the action, then the state it left."""
        from ...service import Summary

        result = call()
        state = read_state(self.handle)
        if isinstance(result, Summary):
            return TurnDone(action, None, state, answer, result)
        return TurnDone(action, result, state, answer, result.summary)

    def _idle(self) -> None:
        self._busy = False
        self.query_one("#answer", TextArea).loading = False

    def action_submit(self) -> None:
        text = self.query_one("#answer", TextArea).text
        if not text.strip():
            self.notify("Type an answer first, or press ctrl+n to skip.", severity="warning")
            return
        if self.state.phase == "question":
            self._main_answer = text  # the report's character spans refer to this text
        self._start("submit", lambda: self.handle.submit(text), text)

    def action_hint(self) -> None:
        self._start("hint", self.handle.hint)

    def action_skip(self) -> None:
        if self.state.phase == "question":
            self._main_answer = ""
        self._start("skip", self.handle.skip)

    def action_retry(self) -> None:
        self._start("retry", self.handle.retry)

    def action_end(self) -> None:
        from .confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._start("end", self.handle.end)

        self.app.push_screen(ConfirmScreen(
            "End the session now?",
            "Answers given so far are kept and scored; questions not reached are left out.",
            yes="End session"), confirmed)

    def unsaved_work(self) -> str | None:
        """A question (or follow-up) is in progress: ctrl+q asks first."""
        if self.state.phase not in ("question", "follow-up") and not self._busy:
            return None
        kept = ("What you typed is kept as a draft" if self._typed.strip()
                else "The session is kept")
        clock = (" The exam clock keeps running while the app is closed."
                 if self.handle.mode == "exam" else "")
        return f"{kept}: resume it from Home (ctrl+r).{clock}"

    def _typed_at(self) -> tuple[int, Phase] | None:
        """Where the text in the answer box was typed (question index, phase)."""
        q = self.state.question
        return None if q is None else (q.index, self.state.phase)

    def action_leave(self) -> None:
        draft = self.query_one("#answer", TextArea).text
        typed_at = self._typed_at()
        self.run_service(lambda: self.handle.pause(draft, typed_at=typed_at),
                         done=lambda _: self._left(), failure="Could not pause",
                         group="session", exclusive=False)

    def _left(self) -> None:
        self.notify("Paused. Resume it from Home (ctrl+r).")
        self.dismiss(None)

    def on_unmount(self) -> None:
        """Leaving (the app quits, ctrl+q): store the last keystrokes too, unless an action
        is still running (then the 3-second saves have kept all but the last moment)."""
        if self._busy or self.state.phase not in ("question", "follow-up"):
            return
        text = self._typed  # the widgets are gone by now
        if text != self._saved_draft:
            self._saved_draft = text
            self.handle.save_draft(text, typed_at=self._typed_at())

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "answer":
            self._typed = event.text_area.text

    def _save_draft(self) -> None:
        """Now and then, store what is typed (so quitting loses nothing)."""
        if self._busy or self.state.phase not in ("question", "follow-up"):
            return
        text = self.query_one("#answer", TextArea).text
        if text != self._saved_draft:
            self._saved_draft = text
            typed_at = self._typed_at()
            self.run_service(lambda: self.handle.save_draft(text, typed_at=typed_at),
                             failure="Could not save the draft", group="draft")

    def action_run_tests(self) -> None:
        q = self.state.question
        if q is None or not q.is_coding:
            return
        code = self.query_one("#answer", TextArea).text
        self.run_service(self.handle.run_visible_tests, code, done=self._show_tests,
                         failure="Could not run the tests", group="code-tests")

    def _show_tests(self, summary: TestSummary) -> None:
        from ..widgets.report_view import tests_renderable

        self.query_one(Transcript).mount(
            Static(tests_renderable(summary), classes="message -system -kind-tests"))

    def on_countdown_expired(self) -> None:
        """Exam mode: time is up, so what was typed is submitted (or the question skipped)."""
        if self.handle.mode != "exam" or not self.timer or self._busy:
            return
        if self.state.phase not in ("question", "follow-up"):
            return
        text = self.query_one("#answer", TextArea).text
        self.notify("Time is up: your answer was submitted.", severity="warning")
        if not text.strip():
            self.action_skip()
            return
        q = self.state.question
        # Submitted by the clock, on the limit: not "over time".
        elapsed = q.time_limit if q is not None and self.state.phase == "question" else None
        if self.state.phase == "question":
            self._main_answer = text
        self._start("submit", lambda: self.handle.submit(text, elapsed), text)

    # -- results ----------------------------------------------------------------------------
    async def _turn_done(self, event: TurnDone) -> None:
        answer = self.query_one("#answer", TextArea)
        transcript = self.query_one(Transcript)
        if event.turn is not None:
            for line in event.turn.messages:
                await transcript.add(line.role, line.kind, line.text)
        if event.summary is not None:
            self.query_one(Countdown).stop()
            self._finish(event.summary)
            return
        self._show_state(event.state)
        answer.focus()
        feedback = event.turn.feedback if event.turn is not None else None
        if feedback is not None:
            from .feedback import FeedbackScreen

            self.query_one(Countdown).stop()
            question = event.state.question
            self.app.push_screen(
                FeedbackScreen(feedback, self._main_answer, question, self.handle),
                self._after_feedback)

    def _after_feedback(self, choice: str | None) -> None:
        if choice == "retry":
            self._start("retry", self.handle.retry)
        elif choice == "end":
            self._start("end", self.handle.end)
        else:
            self._start("next", self.handle.next)

    def _finish(self, summary: Summary) -> None:
        from .summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(summary, self.handle.id))

"""Replay a stored session question by question, each attempt with its feedback, its mentor
notes and overrides, and its disputes. A mentor (any user on SQLite; a mentor role on a
cohort database) adds a note or an override to the attempt shown with ``a``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from ...present import clock
from ...present.mentor import mentor_section
from ...present.richtext import section_renderable
from ..formatting import fmt_score, fmt_when
from ..rounds import round_title, rounds_title
from ..widgets.key_bar import KeyBar
from ..widgets.report_view import ReportView
from .base import AppScreen
from .summary import summary_lines

if TYPE_CHECKING:
    from ...service import QuestionRecord, SessionDetail
    from ...service.mentor import AnnotateResult
    from .mentor_dialogs import NoteInput


class ReplayScreen(AppScreen[None]):
    CSS_PATH = "../styles/history.tcss"
    AUTO_FOCUS = "#questions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("left_square_bracket", "attempt(-1)", "Prev attempt", id="prev-attempt"),
        Binding("right_square_bracket", "attempt(1)", "Next attempt", id="next-attempt"),
        Binding("x", "export", "Export .md", id="export-replay"),
        Binding("a", "annotate", "Note/override", id="annotate"),
    ]

    def __init__(self, session_id: int, *, all_users: bool = False) -> None:
        super().__init__()
        self.session_id = session_id
        self.all_users = all_users
        self.detail: SessionDetail | None = None
        self.question_index = -1
        self.attempt_index = 0
        self.mentor = False
        """May annotate (checked once, in a worker, when the screen opens)."""

    def compose(self) -> ComposeResult:
        yield Label(f"Session #{self.session_id}", id="replay-title")
        with Horizontal(id="replay-main"):
            yield OptionList(id="questions")
            yield VerticalScroll(Static("loading…"), id="replay-body")
        yield KeyBar()

    def on_mount(self) -> None:
        from ...service.mentor import can_mentor

        self.load()
        self.run_service(can_mentor, self.interview_app.service, done=self._mentor_checked,
                         failure="Could not check mentor rights", group="mentor-check")

    def _mentor_checked(self, result: tuple[bool, str]) -> None:
        self.mentor = result[0]
        self.refresh_bindings()

    def load(self) -> None:
        svc = self.interview_app.service
        self.run_service(lambda: svc.session_detail(self.session_id, all_users=self.all_users),
                         done=self._detail_loaded, failure="Could not open the session",
                         group="replay")

    async def _detail_loaded(self, detail: SessionDetail) -> None:
        keep = (self.question_index, self.attempt_index) if self.detail is not None else None
        self.detail = d = detail
        rec = d.record
        self.query_one("#replay-title", Label).update(
            f"Session #{rec.id} · {rounds_title(rec.rounds)} · {rec.mode} · "
            f"{fmt_when(rec.started_at)} · score {fmt_score(rec.score)} · {rec.status}")
        options = self.query_one("#questions", OptionList)
        options.clear_options()
        options.add_option(Option("Summary", id="summary"))
        for q in d.questions:
            marks = ("✎" if any(a.notes for a in q.attempts) else "") + (
                "?" if any(x.status == "pending" for a in q.attempts for x in a.disputes) else "")
            options.add_option(Option(f"{q.index + 1}. {q.question_id}  "
                                      f"{fmt_score(q.best_score)}{' ' + marks if marks else ''}",
                                      id=str(q.index)))
        if keep is not None and keep[0] >= 0:  # reloaded after a note: stay where we were
            self.question_index, self.attempt_index = keep
            options.highlighted = keep[0] + 1
            await self._show_question()
            return
        options.highlighted = 0
        await self._show_summary()

    @on(OptionList.OptionHighlighted, "#questions")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.detail is None:
            return
        if event.option.id == "summary":
            await self._show_summary()
        elif event.option.id is not None:
            index = int(event.option.id)
            if index == self.question_index and self.body_shows_question:
                return  # re-highlighted after a reload: already shown
            self.question_index = index
            q = self._question()
            self.attempt_index = max(0, len(q.attempts) - 1) if q else 0
            await self._show_question()
        self.refresh_bindings()

    def _question(self) -> QuestionRecord | None:
        if self.detail is None:
            return None
        for q in self.detail.questions:
            if q.index == self.question_index:
                return q
        return None

    @property
    def body_shows_question(self) -> bool:
        return bool(self.query("#replay-body .replay-meta"))

    async def _show_summary(self) -> None:
        self.question_index = -1
        body = self.query_one("#replay-body", VerticalScroll)
        await body.remove_children()
        if self.detail is not None:
            await body.mount(Static("\n".join(summary_lines(self.detail.summary)),
                                    classes="replay-summary"))

    async def _show_question(self) -> None:
        q = self._question()
        if q is None:
            return
        body = self.query_one("#replay-body", VerticalScroll)
        await body.remove_children()
        widgets: list[Static | Markdown | ReportView | Label] = [
            Label(f"{round_title(q.round)} · {q.difficulty} · {q.question_id}",
                  classes="replay-meta"),
            Markdown(q.prompt, classes="replay-prompt"),
        ]
        if not q.attempts:
            widgets.append(Static("Not answered.", classes="replay-attempt"))
        else:
            self.attempt_index = min(self.attempt_index, len(q.attempts) - 1)
            a = q.attempts[self.attempt_index]
            nav = (f" · \\[ and ] switch between {len(q.attempts)} attempts"
                   if len(q.attempts) > 1 else "")
            widgets.append(Static(
                f"Attempt {a.attempt} of {len(q.attempts)} · "
                + (f"{a.score:.0f} ({a.band}) · " if a.report is None else "")
                + f"time {clock(a.elapsed)} of {clock(a.time_limit)}"
                + (" · over time" if a.over_time else "")
                + (" · after the model answer: does not count" if a.after_reveal else "")
                + nav, classes="replay-attempt"))
            mentor = mentor_section(a)
            if mentor is not None:
                widgets.append(Static(section_renderable(mentor), classes="replay-mentor"))
            if a.skipped:
                widgets.append(Static("Skipped.", classes="replay-skipped"))
            elif a.report is None:
                widgets.append(Static(a.answer, markup=False, classes="replay-answer"))
                widgets.append(Static("The detailed report is unavailable (written by another "
                                      "version); the stored score is kept.",
                                      classes="replay-skipped"))
            else:
                widgets.append(ReportView(a.report, a.answer, followups=a.followups))
        if q.model_answer:
            widgets.append(Markdown("### Model answer\n\n" + q.model_answer,
                                    classes="replay-model"))
        await body.mount_all(widgets)
        body.scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "attempt":
            q = self._question()
            return q is not None and len(q.attempts) > 1
        if action == "annotate":
            q = self._question()
            return self.mentor and q is not None and bool(q.attempts)
        return True

    def action_annotate(self) -> None:
        from .mentor_dialogs import NoteScreen

        q = self._question()
        if q is None or not q.attempts or not self.mentor:
            return
        a = q.attempts[min(self.attempt_index, len(q.attempts) - 1)]
        heading = f"Note on answer {q.index + 1}, attempt {a.attempt} ({q.question_id})"
        self.app.push_screen(NoteScreen(heading, None if a.skipped else a.score),
                             lambda result: self._save_note(q.index, a.attempt, result))

    def _save_note(self, index: int, attempt: int, result: NoteInput | None) -> None:
        from ...service.mentor import annotate

        if result is None:
            return
        svc = self.interview_app.service
        self.run_service(
            lambda: annotate(svc, self.session_id, index + 1, note=result.note,
                             score=result.score, reason=result.reason, attempt=attempt),
            done=self._note_saved, failure="Could not save the note", group="annotate")

    def _note_saved(self, result: AnnotateResult) -> None:
        self.notify(f"Note saved on answer {result.ref.index + 1}"
                    + (f"; session score now {result.session_score:.0f}"
                       if result.session_score is not None else ""))
        self.load()

    async def action_attempt(self, step: int) -> None:
        q = self._question()
        if q is None or not q.attempts:
            return
        self.attempt_index = (self.attempt_index + step) % len(q.attempts)
        await self._show_question()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        self._export()

    def _export(self) -> None:
        svc = self.interview_app.service
        self.run_service(lambda: svc.export(self.session_id, "md", all_users=self.all_users),
                         done=lambda path: self.notify(f"Written to {escape(str(path))}"),
                         failure="Could not export", group="export", exclusive=False)

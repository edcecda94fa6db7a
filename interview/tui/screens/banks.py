"""Banks: every loaded bank and question, broken files with their errors, and a preview of a
question with its effective rubric. ``l`` opens the rubric lab for the selected question."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Label, Markdown, Static, Tree

from ...present import clock, plural
from ..rounds import ROUND_TITLES, ROUNDS
from ..widgets.key_bar import KeyBar
from ..widgets.title_bar import TitleBar
from .base import AppScreen

if TYPE_CHECKING:
    from ...service.library import BankEntry, QuestionPreview
    from .interview import SessionStart

NodeData = tuple[str, object]


def rubric_lines(p: QuestionPreview) -> list[str]:
    source = {"inline": "its own criteria", "extends": f"extends '{p.extends}'",
              "auto": "auto-derived from the model answer"}.get(p.rubric_source, p.rubric_source)
    lines = [f"[$text-muted]Effective rubric: {escape(source)}[/]"]
    for c in p.criteria:
        req = " [b $warning]required[/]" if c.required else ""
        lines.append(f"● [b]{escape(c.label)}[/b] [$text-muted]weight {c.weight:g}[/]{req}")
        lines.append("    " + " | ".join(escape(k) for k in c.keywords))
        if c.probe:
            lines.append(f"    [$text-muted]probe: {escape(c.probe)}[/]")
    for r in p.red_flags:
        lines.append(f"[$error]⚑[/] {' | '.join(escape(k) for k in r.keywords)} "
                     f"[$text-muted]−{r.penalty:g}[/] {escape(r.note)}")
    return lines


def preview_widgets(p: QuestionPreview) -> list[Widget]:
    meta = (f"[b]{escape(p.id)}[/b] · {escape(p.round_title)} · {p.difficulty} · "
            f"{clock(p.time_limit)} · bank {escape(p.bank)}")
    if p.tags:
        meta += " · tags " + ", ".join(escape(t) for t in p.tags)
    out: list[Widget] = [Static(meta, classes="preview-meta"),
                         Markdown(p.prompt, classes="preview-prompt"),
                         Label("Rubric", classes="section"),
                         Static("\n".join(rubric_lines(p)), classes="preview-rubric")]
    if p.hints:
        out += [Label("Hints", classes="section"),
                Static("\n".join(f"{i}. {escape(h)}" for i, h in enumerate(p.hints, 1)))]
    if p.examples:
        out += [Label("Calibration examples", classes="section"),
                Static("\n".join(f"• {escape(e.label or 'example')} expects {e.min:g}–{e.max:g}"
                                 for e in p.examples))]
    if p.tests_visible or p.tests_hidden:
        out += [Label("Code tests", classes="section"),
                Static(f"{p.tests_visible} visible, {p.tests_hidden} hidden · entrypoint "
                       f"{escape(p.entrypoint or '?')}")]
    if p.model_answer:
        out += [Label("Model answer", classes="section"), Markdown(p.model_answer)]
    out.append(Static(f"[$text-muted]{escape(str(p.path))} · press p to practise it, l for "
                      "the rubric lab[/]",
                      classes="preview-path"))
    return out


class BanksScreen(AppScreen[None]):
    CSS_PATH = "../styles/banks.tcss"
    AUTO_FOCUS = "#bank-tree"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "practise", "Practise this question", id="practise-question"),
        Binding("l", "lab", "Rubric lab", id="rubric-lab"),
        Binding("ctrl+r", "app.reload_banks", "Reload", id="reload-banks"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected_question: str | None = None
        self._starting = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="banks-main"):
            tree: Tree[NodeData] = Tree("Banks", id="bank-tree")
            tree.show_root = False
            yield tree
            yield VerticalScroll(Static("loading banks…"), id="bank-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        from ...service.library import list_banks

        self.run_service(list_banks, self.interview_app.service, done=self._banks_loaded,
                         failure="Could not load the banks", group="banks")

    async def _banks_loaded(self, entries: list[BankEntry]) -> None:
        # Tree labels take Rich markup (no theme variables).
        tree = self.query_one("#bank-tree", Tree)
        tree.clear()

        broken = [e for e in entries if not e.ok]
        if broken:
            node = tree.root.add(f"[bold red]Broken files ({len(broken)})[/]", expand=True)
            for e in broken:
                node.add_leaf(f"[red]✘[/] {escape(e.path.name)}", data=("file", e))
        for rid in ROUNDS:
            banks = [e for e in entries if e.ok and e.kind == "bank" and e.round == rid]
            count = sum(len(b.questions) for b in banks)
            rnode = tree.root.add(f"{ROUND_TITLES[rid]} [dim]({count})[/]",
                                  data=("round", rid), expand=len(entries) < 12)
            for b in banks:
                warn = f" [yellow]⚠{len(b.warnings)}[/]" if b.warnings else ""
                bnode = rnode.add(f"{escape(b.title)} [dim]{escape(b.id)}[/]{warn}",
                                  data=("bank", b), expand=len(entries) < 6)
                for q in b.questions:
                    bnode.add_leaf(f"{escape(q.id)} [dim]{q.difficulty}[/]",
                                   data=("question", q.id))
        rubrics = [e for e in entries if e.ok and e.kind == "rubric"]
        if rubrics:
            node = tree.root.add(f"Shared rubrics [dim]({len(rubrics)})[/]")
            for e in rubrics:
                node.add_leaf(f"{escape(e.id)}", data=("file", e))
        detail = self.query_one("#bank-detail", VerticalScroll)
        await detail.remove_children()
        total = sum(len(e.questions) for e in entries)
        text = (f"{sum(1 for e in entries if e.kind == 'bank' and e.ok)} banks, {total} "
                f"questions, {len(rubrics)} shared rubrics")
        if broken:
            text += f", [$error]{plural(len(broken), 'broken file')}[/]"
        text += (".\n\nSelect a question to preview it with its effective rubric; press p "
                 "to practise it on its own, or l to open the rubric lab and score sample "
                 "answers as you type.")
        if not entries:
            text = ("No banks found. Add YAML banks under a folder passed with --banks, or "
                    "run `interview bank new`.")
        await detail.mount(Static(text, classes="banks-intro"))

    @on(Tree.NodeHighlighted, "#bank-tree")
    async def _highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        data = event.node.data
        if data is None:
            return
        kind, value = data
        if kind == "question" and isinstance(value, str):
            self.selected_question = value
            self._preview(value)
        elif kind in ("bank", "file"):
            from ...service.library import BankEntry

            self.selected_question = None
            if isinstance(value, BankEntry):
                await self._show_file(value)
        self.refresh_bindings()

    async def _show_file(self, entry: BankEntry) -> None:
        detail = self.query_one("#bank-detail", VerticalScroll)
        await detail.remove_children()
        lines = [f"[b]{escape(entry.title)}[/b] · {escape(entry.round_title)} · "
                 f"{escape(str(entry.path))}"]
        if entry.kind == "bank":
            lines.append(plural(len(entry.questions), "question"))
        if entry.errors:
            lines.append("")
            lines.append("[b $error]Errors — this file is not loaded:[/]")
            lines += [f"[$error]{escape(e)}[/]" for e in entry.errors]
        if entry.warnings:
            lines.append("")
            lines.append("[b $warning]Warnings:[/]")
            lines += [f"[$warning]{escape(w)}[/]" for w in entry.warnings]
        await detail.mount(Static("\n".join(lines), classes="file-detail"))

    def _preview(self, qid: str) -> None:
        from ...service.library import question_preview

        self.run_service(question_preview, self.interview_app.service, qid,
                         done=self._preview_loaded, failure=f"Could not preview {qid}",
                         group="preview")

    async def _preview_loaded(self, preview: QuestionPreview) -> None:
        if preview.id != self.selected_question:
            return  # another question was selected meanwhile
        detail = self.query_one("#bank-detail", VerticalScroll)
        await detail.remove_children()
        await detail.mount_all(preview_widgets(preview))
        detail.scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("lab", "practise"):
            return True if self.selected_question else None
        return True

    def action_lab(self) -> None:
        if self.selected_question is None:
            self.notify("Select a question first.")
            return
        from .rubric_lab import RubricLabScreen

        self.app.push_screen(RubricLabScreen(self.selected_question))

    def action_practise(self) -> None:
        """A session of just the selected question (practice mode, with the countdown)."""
        qid = self.selected_question
        if qid is None:
            self.notify("Select a question first.")
            return
        if self._starting:
            return
        self._starting = True
        self.run_service(self._open_question, qid, done=self._question_opened,
                         failure=f"Could not start {qid}", group="open-session",
                         always=self._started)

    def _open_question(self, qid: str) -> SessionStart:
        from .interview import open_session

        app = self.interview_app
        handle = app.service.start_question(qid, seed=app.session_seed)
        return open_session(handle, timer=True)

    def _started(self) -> None:
        self._starting = False

    def _question_opened(self, start: SessionStart) -> None:
        from .interview import InterviewScreen

        self.app.push_screen(InterviewScreen(start))

"""The end of a session: total, per-round scores, time, hints, and what to work on next."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Label, Static

from ...engine.summary import weak_topics
from ...present import clock, plural
from ..formatting import band_style
from ..widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from ...service import Summary


def summary_lines(s: Summary) -> list[str]:
    lines = [f"Total [b {band_style(s.total)}]{s.total:.0f} / 100[/]"
             + ("" if s.finished else "  [$text-muted](so far)[/]"),
             f"{s.answered} answered · {s.skipped} skipped · {s.questions} planned · "
             f"time {clock(s.time_used)} · {plural(s.hints_used, 'hint')}"
             + (f" · [$error]{s.over_time} over time[/]" if s.over_time else "")]
    if s.per_round:
        lines.append("")
        lines.append("[b $accent]By round[/]")
        for r in s.per_round:
            lines.append(f"  {escape(r.title):<24} [{band_style(r.score)}]{r.score:>4.0f}[/]  "
                         f"[$text-muted]{plural(r.answered, 'question')}[/]")
    if s.weakest_criteria:
        lines.append("")
        lines.append("[b $accent]Points you missed[/]")
        for c in s.weakest_criteria[:6]:
            lines.append(f"  • {escape(c.label)}" + (f" ×{c.count}" if c.count > 1 else ""))
    weak = weak_topics(s.weakest_tags)
    if weak:
        lines.append("")
        lines.append("[b $accent]Weakest topics[/]")
        for t in weak[:5]:
            lines.append(f"  • {escape(t.tag)} [$text-muted]avg {t.average:.0f} over {t.count}[/]")
    return lines


class SummaryScreen(Screen[None]):
    CSS_PATH = "../styles/feedback.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Home", id="summary-home"),
        Binding("r", "replay", "Replay in History", id="replay-session"),
    ]

    def __init__(self, summary: Summary, session_id: int) -> None:
        super().__init__()
        self.summary = summary
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="feedback-body"):
            yield Label(f"Session #{self.session_id} — summary", id="feedback-title")
            yield Static("\n".join(summary_lines(self.summary)), id="summary")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_replay(self) -> None:
        from .replay import ReplayScreen

        session_id = self.session_id
        self.dismiss(None)
        self.app.switch_mode("history")
        self.app.push_screen(ReplayScreen(session_id))

"""Help: every key by screen (read from the bindings themselves), the command palette's main
actions, and the themes (pick one to switch; it is remembered)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...present import bands_help
from ..commands import MAIN_ACTIONS
from ..widgets.key_bar import KeyBar
from .base import AppScreen


def screen_bindings() -> list[tuple[str, list[BindingType]]]:
    from ..app import InterviewApp
    from .banks import BanksScreen
    from .feedback import FeedbackScreen
    from .history import HistoryScreen
    from .home import HomeScreen
    from .interview import InterviewScreen
    from .replay import ReplayScreen
    from .rubric_lab import RubricLabScreen
    from .summary import SummaryScreen

    return [
        ("Everywhere", InterviewApp.BINDINGS),
        ("Home", HomeScreen.BINDINGS),
        ("Interview", InterviewScreen.BINDINGS),
        ("Feedback", FeedbackScreen.BINDINGS),
        ("Summary", SummaryScreen.BINDINGS),
        ("History", HistoryScreen.BINDINGS),
        ("Replay", ReplayScreen.BINDINGS),
        ("Banks", BanksScreen.BINDINGS),
        ("Rubric lab", RubricLabScreen.BINDINGS),
    ]


class HelpScreen(AppScreen[None]):
    CSS_PATH = "../styles/help.tcss"
    AUTO_FOCUS = "#themes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "close", "Close", id="close-help"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Help", id="help-title")
        with Horizontal(id="help-main"):
            with VerticalScroll(id="help-keys"):
                yield Static(self._keys_text(), id="keys")
                yield Label("Command palette (ctrl+p)", classes="section")
                yield Static("\n".join(f"[b]{escape(a.title)}[/b] — {escape(a.help)}"
                                       for a in MAIN_ACTIONS)
                             + "\nplus Textual's own: change theme, keys, screenshot, quit.",
                             id="palette")
                yield Label("Scoring", classes="section")
                yield Static(
                    "Each answer is scored against the question's rubric: each criterion is "
                    "an idea, matched (fuzzily) by any of its phrases. Bands: "
                    f"{bands_help()}. Missing a required point caps the score; red "
                    "flags (misconceptions) and hints cost points.", id="scoring-help")
            with VerticalScroll(id="help-side"):
                yield Label("Themes", classes="section")
                yield OptionList(id="themes")
        yield KeyBar()

    def _keys_text(self) -> str:
        lines: list[str] = []
        for title, bindings in screen_bindings():
            lines.append(f"[b $accent]{escape(title)}[/]")
            for b in bindings:
                if not isinstance(b, Binding) or not b.description or not b.show:
                    continue
                keys = ", ".join(self.app.get_key_display(Binding(k.strip(), b.action))
                                 for k in b.key.split(","))
                # Every "[" escaped (markup's escape() leaves a lone "[", as in the replay
                # keys, which then swallows the text up to the next "]"); padded as shown.
                pad = " " * max(1, 19 - len(keys))
                lines.append(f"  {keys.replace('[', chr(92) + '[')}{pad}"
                             f"{escape(b.description)}")
            lines.append("")
        return "\n".join(lines).rstrip()

    def on_mount(self) -> None:
        themes = self.query_one("#themes", OptionList)
        names = sorted(self.app.available_themes)
        themes.add_options([Option(n, id=n) for n in names])
        if self.app.theme in names:
            themes.highlighted = names.index(self.app.theme)

    @on(OptionList.OptionSelected, "#themes")
    def _theme_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.theme = event.option.id  # the app remembers it (watch_theme)

    def action_close(self) -> None:
        self.dismiss(None)

"""The key bar: the screen's shown keys on one line, disabled ones dimmed, the palette key at
the right, kept up to date with the bindings, and a click on a key presses it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from interview.tui.widgets.key_bar import KeyBar


class KeysApp(App[None]):
    CSS = "KeyBar { dock: bottom; height: 1; }"  # as in styles/app.tcss
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+j", "save", "Save too", show=False),
        Binding("f5", "refresh_it", "Refresh"),
        Binding("ctrl+g", "hint", "Hint"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved = 0
        self.hints = True

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hint":
            return self.hints or None  # None: shown, but disabled
        return True

    def action_save(self) -> None:
        self.saved += 1

    def action_hint(self) -> None:
        pass


async def test_the_bar_shows_the_keys_dims_disabled_ones_and_presses_a_clicked_key() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert [(k.display, k.description, k.enabled) for k in bar.keys][:3] == [
            ("^s", "Save", True), ("f5", "Refresh", True), ("^g", "Hint", True)]
        line = str(bar.render())
        assert line.startswith(" ^s Save  f5 Refresh  ^g Hint ")
        assert "Save too" not in line  # hidden, and the same action is shown once
        assert line.rstrip().endswith("^p palette") and len(line) == 80

        app.hints = False
        app.refresh_bindings()
        await pilot.pause()
        hint = next(k for k in bar.keys if k.description == "Hint")
        assert not hint.enabled
        assert any("dim" in str(span.style) for span in bar.render().spans)

        await pilot.click(KeyBar, offset=(2, 0))  # on "^s Save"
        await pilot.pause()
        assert app.saved == 1

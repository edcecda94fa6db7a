"""The key bar at the foot of every screen: the screen's shown keys on one line, one widget.

Textual's ``Footer`` builds a widget per key and recomposes itself whenever the bindings
change (every focus move), restyling each key: that was a large share of the app's time per
screen. This bar draws the same information as one line of text and only repaints.

Disabled keys are dimmed. Clicking a key presses it. The command palette's key sits at the
right end, as in ``Footer``. Colours come from styles/app.tcss and the theme's footer
variables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground"


class ShownKey(NamedTuple):
    key: str
    """The key pressed when this entry is clicked."""
    display: str
    description: str
    enabled: bool


def shown_keys(screen: Screen[object]) -> tuple[list[ShownKey], ShownKey | None]:
    """The keys a footer shows for ``screen`` now (one per action, in binding order), and
    the command palette's key (None when the palette is off)."""
    app = screen.app
    keys: list[ShownKey] = []
    actions: set[str] = set()
    palette: ShownKey | None = None
    active = screen.active_bindings
    for _, binding, enabled, _ in active.values():
        if not binding.show or binding.action in actions:
            continue
        actions.add(binding.action)
        keys.append(ShownKey(binding.key, app.get_key_display(binding), binding.description,
                             enabled))
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
        _, binding, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
        palette = ShownKey(binding.key, app.get_key_display(binding), binding.description,
                           enabled)
    return keys, palette


class KeyBar(Widget, can_focus=False):
    """One line of keys for the screen it is on, kept up to date with its bindings."""

    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[ShownKey] = []
        self._palette: ShownKey | None = None

    @property
    def keys(self) -> list[ShownKey]:
        """What the bar shows now, left to right (without the palette key)."""
        return list(self._keys)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        keys, palette = shown_keys(screen)
        if keys != self._keys or palette != self._palette:
            self._keys = keys
            self._palette = palette
            self.refresh()

    @staticmethod
    def _entry(index: int, entry: ShownKey) -> Content:
        click = f" @click=press({index})"
        dim = "" if entry.enabled else " dim"
        return Content.assemble(
            (f" {entry.display} ", KEY_STYLE + dim + click),
            (f"{entry.description} ", DESCRIPTION_STYLE + dim + click),
        )

    def render(self) -> Content:
        parts = [self._entry(i, e) for i, e in enumerate(self._keys)]
        left = Content.assemble(*parts)
        if self._palette is None:
            return left
        right = self._entry(len(self._keys), self._palette)
        gap = self.size.width - left.cell_length - right.cell_length - 1
        if gap < 1:  # no room: the screen's own keys come first
            return left
        return Content.assemble(left, " " * gap, ("▏", "$text-muted"), right)

    def action_press(self, index: int) -> None:
        """A click on a key: press it (a disabled key rings the bell, as in ``Footer``)."""
        entries = [*self._keys, *([self._palette] if self._palette else [])]
        if not 0 <= index < len(entries):
            return
        entry = entries[index]
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

"""The key bar at the foot of every screen: the screen's shown keys on one line, one widget.

Textual's ``Footer`` builds a widget per key and recomposes itself whenever the bindings
change (every focus move), restyling each key: that was a large share of the app's time per
screen. This bar draws the same information as one line of text and only repaints.

Disabled keys are dimmed. Clicking a key presses it; the key under the pointer is highlighted. The command palette's key sits at the
right end, as in ``Footer``. Colours come from styles/app.tcss and the theme's footer
variables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
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
        self._hover: int | None = None
        """The entry under the mouse pointer (highlighted)."""

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

    def _entries(self) -> list[ShownKey]:
        return [*self._keys, *([self._palette] if self._palette else [])]

    @staticmethod
    def _entry(entry: ShownKey, hover: bool) -> Content:
        dim = "" if entry.enabled else " dim"
        hovered = " on $block-hover-background" if hover else ""
        return Content.assemble(
            (f" {entry.display} ", KEY_STYLE + dim + hovered),
            (f"{entry.description} ", DESCRIPTION_STYLE + dim + hovered),
        )

    def _layout(self) -> list[tuple[int, int]]:
        """The cells (start, end) of each entry, as ``render`` places them."""
        spans = []
        x = 0
        for entry in self._keys:
            width = cell_len(entry.display) + cell_len(entry.description) + 3
            spans.append((x, x + width))
            x += width
        if self._palette is not None:
            width = cell_len(self._palette.display) + cell_len(self._palette.description) + 3
            start = self.size.width - width
            if start - 1 > x:  # room for it, after a separator
                spans.append((start, start + width))
        return spans

    def render(self) -> Content:
        spans = self._layout()
        parts = [self._entry(e, i == self._hover)
                 for i, e in enumerate(self._keys)]
        if len(spans) <= len(self._keys) or self._palette is None:
            return Content.assemble(*parts)
        start = spans[-1][0]
        gap = start - spans[-2][1] - 1 if len(spans) > 1 else start - 1
        return Content.assemble(*parts, " " * gap, ("▕", "$footer-foreground 30%"),
                                self._entry(self._palette, self._hover == len(self._keys)))

    def _index_at(self, x: int) -> int | None:
        for i, (start, end) in enumerate(self._layout()):
            if start <= x < end:
                return i
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._index_at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it (a disabled key rings the bell, as in ``Footer``)."""
        index = self._index_at(event.x)
        if index is None:
            return
        entry = self._entries()[index]
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

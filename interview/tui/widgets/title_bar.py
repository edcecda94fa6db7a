"""The title line at the top of Home, History and Banks: one widget drawn as one line of text.

It looks like Textual's ``Header`` (icon on the left, the app's title and sub-title centred,
the clock's space on the right), which is four widgets with four stylesheets of their own:
on Home's first frame they were a tenth of the work. The icon opens the command palette
when clicked, and is highlighted under the pointer. Colours come from styles/app.tcss.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""Cells for the icon (one space of padding each side), as in ``Header``."""
CLOCK_WIDTH = 10
"""Cells kept blank on the right, where ``Header`` keeps its clock's space."""


class TitleBar(Widget, can_focus=False):
    """The screen's title (or the app's) and sub-title, centred on one line."""

    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hover = False

    def on_mount(self) -> None:
        for node, name in ((self.app, "title"), (self.app, "sub_title"),
                           (self.screen, "title"), (self.screen, "sub_title")):
            self.watch(node, name, self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def _title(self) -> Content:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}").pad_right(ICON_WIDTH - 2)
        if self._hover:
            icon = icon.stylize("on $foreground 10%")
        middle = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        return Content.assemble(icon, self._title().center(middle, ellipsis=True),
                                " " * CLOCK_WIDTH)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE
        if hover != self._hover:
            self._hover = hover
            self.tooltip = "Open the command palette" if hover else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover:
            self._hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        """A click on the icon opens the command palette, as ``Header``'s does."""
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")

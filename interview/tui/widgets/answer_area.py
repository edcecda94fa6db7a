"""The answer box: a TextArea that, for code (tab indents), keeps the indentation on Enter
(one level more after a line ending in ':'), and jumps to the start/end with ctrl+home/end.

Every key the box binds (Enter, backspace, delete, the arrows, ctrl+w...) is handled in the
box's own key handler, in turn with the characters typed around it. Textual runs a widget's
bindings when the key has bubbled up to the app, after the characters queued behind it have
been inserted, and runs priority bindings at once, ahead of them: keys arriving in one burst
(fast typing while the app is busy, a paste in a terminal without bracketed paste) came out
reordered: "x", backspace, "y" as "y" deleted, and line breaks before the text."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import TextArea

INDENT = "    "


def next_indent(line_before_cursor: str) -> str:
    """The indentation a new line continues with (code): the same, plus one level after ':'."""
    stripped = line_before_cursor.rstrip()
    indent = line_before_cursor[:len(line_before_cursor) - len(line_before_cursor.lstrip())]
    return indent + INDENT if stripped.endswith(":") else indent


@cache
def bound_actions(widget_class: type[TextArea]) -> dict[str, str]:
    """Key -> action of the bindings ``widget_class`` and its bases declare (the subclass's
    winning, as in Textual's binding lookup)."""
    actions: dict[str, str] = {}
    for klass in reversed(widget_class.__mro__):
        for binding in klass.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                for key in binding.key.split(","):
                    actions[key.strip()] = binding.action
    return actions


class AnswerArea(TextArea):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "document_start", "Start of the answer", show=False),
        Binding("ctrl+end", "document_end", "End of the answer", show=False),
    ]

    @property
    def is_code(self) -> bool:
        return self.tab_behavior == "indent"

    async def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()  # TextArea's own Enter inserts a bare line break
            self.action_newline()
            return
        actions = bound_actions(type(self))
        action = next((actions[key] for key in event.aliases if key in actions), None)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.app.run_action(action, self)

    def action_newline(self) -> None:
        if self.read_only:
            return
        start, end = sorted(self.selection)
        text = "\n"
        if self.is_code:
            row, column = start
            text += next_indent(self.document.get_line(row)[:column])
        result = self.replace(text, start, end, maintain_selection_offset=False)
        self.move_cursor(result.end_location)

    def action_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        self.move_cursor(self.document.end)

"""A virtual table for long lists (the History screen): only the visible lines are drawn.

The rows come from a ``TableRows`` source, which gives each row's text when it is drawn
(so 10,000 rows need not be formatted to show 30) and each column's widest text. Sorting
and filtering only reorder a list of row numbers, so with 10,000 sessions they take
milliseconds: nothing is rebuilt or re-measured (a ``DataTable`` re-adds every row, which
took seconds at that size).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 2


class TableRows(Protocol):
    """What a ``SessionTable`` shows: rows numbered from 0."""

    @property
    def widths(self) -> Sequence[int]:
        """Each column's widest text."""
        ...

    def __len__(self) -> int: ...

    def cells(self, i: int) -> tuple[str, ...]:
        """Row ``i``'s text, one string per column."""
        ...

    def key(self, i: int) -> str:
        """Row ``i``'s key (what ``RowSelected`` and ``cursor_key`` give)."""
        ...


class _NoRows:
    widths: Sequence[int] = ()

    def __len__(self) -> int:
        return 0

    def cells(self, i: int) -> tuple[str, ...]:
        raise IndexError(i)

    def key(self, i: int) -> str:
        raise IndexError(i)


class SessionTable(ScrollView, can_focus=True):
    """Columns of text with a sticky header, a row cursor and zebra stripes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "session-table--header", "session-table--even", "session-table--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "jump(0)", "First", show=False),
        Binding("end,ctrl+end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor_row: reactive[int] = reactive(0)

    class RowSelected(Message):
        def __init__(self, table: SessionTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> SessionTable:
            return self.table

    class HeaderSelected(Message):
        def __init__(self, table: SessionTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

        @property
        def control(self) -> SessionTable:
            return self.table

    def __init__(self, columns: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        """(key, label) per column."""
        self.labels = [label for _, label in columns]
        self.rows: TableRows = _NoRows()
        self.order: list[int] = []
        """Row numbers shown, in display order."""
        self.widths = [len(label) for label in self.labels]

    # -- data ---------------------------------------------------------------------------
    def set_rows(self, rows: TableRows) -> None:
        """Replace the data (shown in its own order until ``show`` is called); the cursor
        stays on the row with the same key, if any."""
        key = self.cursor_key
        self.rows = rows
        self.widths = [max(len(label) + 2, width)
                       for label, width in zip(self.labels, rows.widths, strict=False)]
        self.widths += [len(label) + 2 for label in self.labels[len(self.widths):]]
        self.order = list(range(len(rows)))
        found = (i for i in self.order if rows.key(i) == key) if key is not None else ()
        self.cursor_row = next(iter(found), 0)
        self.show(self.order)

    def show(self, order: Sequence[int]) -> None:
        """Display these row numbers in this order; the cursor stays on its row if shown."""
        current = self.order[self.cursor_row] if 0 <= self.cursor_row < len(self.order) else None
        self.order = list(order)
        width = sum(self.widths) + GAP * max(0, len(self.widths) - 1)
        self.virtual_size = Size(width, len(self.order) + 1)
        try:
            self.cursor_row = self.order.index(current) if current is not None else 0
        except ValueError:  # filtered out
            self.cursor_row = 0
        self._scroll_cursor_into_view()
        self.refresh()

    def set_header_labels(self, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        self.refresh()

    @property
    def row_count(self) -> int:
        """Rows shown (after filtering)."""
        return len(self.order)

    def get_row_at(self, n: int) -> tuple[str, ...]:
        """The text of the ``n``-th row shown."""
        return self.rows.cells(self.order[n])

    @property
    def cursor_key(self) -> str | None:
        if 0 <= self.cursor_row < len(self.order):
            return self.rows.key(self.order[self.cursor_row])
        return None

    # -- drawing ------------------------------------------------------------------------
    def _line(self, cells: Sequence[str], style: Style) -> Strip:
        segments = []
        for i, (cell, width) in enumerate(zip(cells, self.widths, strict=False)):
            text = cell[:width].ljust(width) + (" " * GAP if i < len(self.widths) - 1 else "")
            segments.append(Segment(text, style))
        strip = Strip(segments)
        scroll_x = self.scroll_offset.x
        return strip.crop(scroll_x, scroll_x + self.size.width).extend_cell_length(
            self.size.width, style)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("session-table--header")
            return self._line(self.labels, header)
        n = self.scroll_offset.y + y - 1
        if n >= len(self.order):
            return Strip.blank(self.size.width, base)
        style = base
        if n % 2:
            style += self.get_component_rich_style("session-table--even")
        if n == self.cursor_row:
            style += self.get_component_rich_style("session-table--cursor")
        return self._line(self.rows.cells(self.order[n]), style)

    # -- cursor -------------------------------------------------------------------------
    def _scroll_cursor_into_view(self) -> None:
        # Line 0 is the header: row n is on virtual line n + 1, and must not hide under it.
        self.scroll_to_region(Region(0, self.cursor_row, 1, 2), animate=False, force=True)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()

    def validate_cursor_row(self, value: int) -> int:
        return max(0, min(value, len(self.order) - 1)) if self.order else 0

    def action_cursor(self, delta: int) -> None:
        self.cursor_row += delta
        self._scroll_cursor_into_view()

    def action_page(self, direction: int) -> None:
        self.cursor_row += direction * max(1, self.size.height - 2)
        self._scroll_cursor_into_view()

    def action_jump(self, where: int) -> None:
        self.cursor_row = where if where >= 0 else len(self.order) - 1
        self._scroll_cursor_into_view()

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.RowSelected(self, key))

    def on_click(self, event: Click) -> None:
        if event.y == 0:
            x = event.x + self.scroll_offset.x
            for (key, _), width in zip(self.columns, self.widths, strict=True):
                if x < width + GAP:
                    self.post_message(self.HeaderSelected(self, key))
                    return
                x -= width + GAP
            return
        n = self.scroll_offset.y + event.y - 1
        if 0 <= n < len(self.order):
            self.cursor_row = n
            self.action_select()

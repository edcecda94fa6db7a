"""History: a sortable, filterable table of past sessions, a score trend per round and the
criteria missed most often. Enter opens a session to replay it question by question."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.markup import escape
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Sparkline, Static
from textual.widgets.data_table import ColumnKey

from ..formatting import fmt_score, fmt_when
from ..rounds import ROUND_TITLES, ROUNDS, rounds_title
from .base import AppScreen

if TYPE_CHECKING:
    from ...service import SessionRecord, Stats

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "#"), ("started", "Started"), ("rounds", "Round"), ("mode", "Mode"),
    ("score", "Score"), ("answers", "Answers"), ("status", "Status"),
)
SORT_KEYS: dict[str, Callable[[SessionRecord], Any]] = {
    "id": lambda r: r.id,
    "started": lambda r: r.started_at,
    "rounds": lambda r: rounds_title(r.rounds),
    "mode": lambda r: r.mode,
    "score": lambda r: (r.score is not None, r.score or 0.0),
    "answers": lambda r: r.answers,
    "status": lambda r: r.status,
}


def row_cells(r: SessionRecord) -> tuple[str, ...]:
    return (str(r.id), fmt_when(r.started_at), rounds_title(r.rounds), r.mode,
            fmt_score(r.score), f"{r.answers}/{r.questions}", r.status)


class HistoryLoaded(Message):
    def __init__(self, records: list[SessionRecord], stats: Stats) -> None:
        super().__init__()
        self.records = records
        self.stats = stats


class HistoryScreen(AppScreen[None]):
    CSS_PATH = "../styles/history.tcss"
    AUTO_FOCUS = "#sessions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open", id="replay"),
        Binding("slash", "focus_filter", "Filter", id="filter"),
        Binding("s", "sort_next", "Sort", id="sort"),
        Binding("x", "export", "Export .md", id="export"),
        Binding("delete", "delete", "Delete", id="delete-session"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.records: list[SessionRecord] = []
        self.sort_column = "started"
        self.sort_reverse = True

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-filters"):
            yield Input(placeholder="/ filter: round, mode, status, date…", compact=True,
                        id="filter")
            yield Select([("All rounds", "")] + [(ROUND_TITLES[r], r) for r in ROUNDS],
                         value="", allow_blank=False, compact=True, id="round-filter")
        table: DataTable[str] = DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("loading…", id="history-empty")
        with Horizontal(id="history-bottom"):
            with Vertical(id="trends") as trends:
                trends.border_title = "Score trend per round"
                for rid in ROUNDS:
                    with Horizontal(classes="trend-row", id=f"trend-{rid}"):
                        yield Label(ROUND_TITLES[rid], classes="trend-name")
                        yield Sparkline([], summary_function=max)
                        yield Label("", classes="trend-last")
            with Vertical(id="missed") as missed:
                missed.border_title = "Missed most often"
                yield Static("", id="missed-list")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load(self) -> None:
        app = self.interview_app
        try:
            records = app.service.history()
            stats = app.service.stats()
        except Exception as exc:
            app.call_from_thread(app.show_error, "Could not read the history", exc)
            return
        self.post_message(HistoryLoaded(records, stats))

    def on_history_loaded(self, event: HistoryLoaded) -> None:
        self.records = event.records
        self._fill_table()
        for rs in event.stats.rounds:
            try:
                row = self.query_one(f"#trend-{rs.round}", Horizontal)
            except Exception:
                continue
            row.query_one(Sparkline).data = list(rs.trend)
            row.set_class(len(rs.trend) < 2, "-flat")
            row.query_one(".trend-last", Label).update(
                f"last {fmt_score(rs.last)} · avg {fmt_score(rs.average)}" if rs.sessions
                else "no sessions")
        missed = event.stats.missed_criteria
        self.query_one("#missed-list", Static).update(
            "\n".join(f"{c.count:>3}× {escape(c.label)}" for c in missed[:8])
            or "nothing missed yet")

    # -- table ----------------------------------------------------------------------------
    def visible_records(self) -> list[SessionRecord]:
        text = self.query_one("#filter", Input).value.strip().lower()
        round_value = self.query_one("#round-filter", Select).value
        out = []
        for r in self.records:
            if isinstance(round_value, str) and round_value and round_value not in r.rounds:
                continue
            if text and not all(word in " ".join(row_cells(r)).lower()
                                for word in text.split()):
                continue
            out.append(r)
        out.sort(key=SORT_KEYS[self.sort_column], reverse=self.sort_reverse)
        return out

    def _fill_table(self) -> None:
        table = self.query_one("#sessions", DataTable)
        current = None
        if table.row_count and table.cursor_row >= 0:
            current = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        table.clear()
        rows = self.visible_records()
        for r in rows:
            table.add_row(*row_cells(r), key=str(r.id))
        for key, label in COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            table.columns[ColumnKey(key)].label = Text(label + arrow)
        table.refresh()
        if current is not None:
            with suppress(Exception):  # the row was filtered out
                table.move_cursor(row=table.get_row_index(current))
        note = self.query_one("#history-empty", Static)
        if not self.records:
            note.update("No sessions yet. Start one from Home (f4).")
        elif not rows:
            note.update("No session matches the filter.")
        else:
            note.update(f"{len(rows)} of {len(self.records)} session(s) · enter or o opens "
                        "one · click a header or press s to sort")

    @on(Input.Changed, "#filter")
    @on(Select.Changed, "#round-filter")
    def _filter_changed(self) -> None:
        self._fill_table()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = key, key in ("started", "score", "id")
        self._fill_table()

    def action_sort_next(self) -> None:
        keys = [k for k, _ in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = self.sort_column in ("started", "score", "id")
        self._fill_table()
        self.notify(f"Sorted by {dict(COLUMNS)[self.sort_column]}", timeout=2)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def _selected_id(self) -> int | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    @on(DataTable.RowSelected, "#sessions")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open(int(event.row_key.value))

    def action_open(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            self._open(session_id)

    def _open(self, session_id: int) -> None:
        from .replay import ReplayScreen

        self.app.push_screen(ReplayScreen(session_id))

    def action_export(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            self._export(session_id)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, session_id: int) -> None:
        app = self.interview_app
        try:
            path = app.service.export(session_id, "md")
        except Exception as exc:
            app.call_from_thread(app.show_error, "Could not export", exc)
            return
        app.call_from_thread(app.notify, f"Session #{session_id} written to {path}")

    def action_delete(self) -> None:
        session_id = self._selected_id()
        if session_id is None:
            return
        from .confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(session_id)

        self.app.push_screen(ConfirmScreen(
            f"Delete session #{session_id}?",
            "Its answers and scores are removed from your history for good.",
            yes="Delete"), confirmed)

    @work(thread=True, group="delete", exit_on_error=False)
    def _delete(self, session_id: int) -> None:
        app = self.interview_app
        try:
            app.service.delete_session(session_id)
        except Exception as exc:
            app.call_from_thread(app.show_error, "Could not delete", exc)
            return
        app.call_from_thread(app.notify, f"Session #{session_id} deleted")
        app.call_from_thread(self.load)

"""History: a sortable, filterable table of past sessions, a score trend per round and the
criteria missed most often. Enter opens a session to replay it question by question.

The newest sessions arrive first and fill the table; the trends follow, then the whole
list in one go, kept as stored rows and formatted only where shown (``history_data``).
Sorting and filtering (debounced) only reorder the rows shown, so they stay instant at
10,000 sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static

from ...domain.words import plural
from ..formatting import fmt_score
from ..rounds import ROUND_TITLES, ROUNDS
from ..widgets.key_bar import KeyBar
from ..widgets.round_row import text_sparkline
from ..widgets.session_table import SessionTable
from ..widgets.title_bar import TitleBar
from .base import AppScreen
from .history_data import COLUMNS, HistoryData

if TYPE_CHECKING:
    from ...service import Stats
    from ...service.history_table import SessionRow


TREND_POINTS = 10
"""The latest sessions drawn per round, one block each, oldest on the left."""
TREND_SCALE = "0▁▂▃▄▅▆▇█100"
"""The trend column's heading: the blocks' fixed 0-100 scale (a low bar is a low score)."""

FILTER_DELAY = 0.15
"""Seconds of quiet typing before the filter applies."""


FIRST_PAGE = 100
"""Sessions shown first, before the trends and the rest of a long history arrive."""


class HistoryLoaded(Message):
    def __init__(self, rows: list[SessionRow], *, complete: bool = True) -> None:
        super().__init__()
        self.rows = rows
        """Newest first, as stored (formatted when shown)."""
        self.complete = complete
        """Every session (False: the newest ``FIRST_PAGE``, the rest still loading)."""


class StatsLoaded(Message):
    def __init__(self, stats: Stats) -> None:
        super().__init__()
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
        Binding("u", "everyone", "Everyone", id="everyone"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data = HistoryData([])
        self.loaded = False
        self.sort_column = "started"
        self.sort_reverse = True
        self._filter_timer: Timer | None = None
        self.all_users = False
        """Everyone's sessions (a mentor's view), not just the current user's."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="history-filters"):
            yield Input(placeholder="/ filter: round, mode, status, date…", compact=True,
                        id="filter")
            yield Select([("All rounds", "")] + [(ROUND_TITLES[r], r) for r in ROUNDS],
                         value="", allow_blank=False, compact=True, id="round-filter")
        yield SessionTable(COLUMNS, id="sessions")
        yield Static("loading…", id="history-empty")
        with Horizontal(id="history-bottom"):
            with Vertical(id="trends") as trends:
                trends.border_title = "Score trend per round"
                with Horizontal(classes="trend-row -head"):
                    yield Label("Round", classes="trend-name")
                    yield Label(TREND_SCALE, classes="trend-spark")
                    yield Label("last", classes="trend-last")
                    yield Label("avg", classes="trend-avg")
                for rid in ROUNDS:
                    with Horizontal(classes="trend-row", id=f"trend-{rid}"):
                        yield Label(ROUND_TITLES[rid], classes="trend-name")
                        yield Label("", classes="trend-spark")
                        yield Label("", classes="trend-last")
                        yield Label("", classes="trend-avg")
            with Vertical(id="missed") as missed:
                missed.border_title = "Missed most often"
                yield Static("", id="missed-list")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load(self) -> None:
        """The newest sessions first (one small query: the table fills at once), then the
        trends, then the rest of a long history in one go."""
        from ...service.history_table import history_rows

        app = self.interview_app
        try:
            everyone = self.all_users
            first = [] if self.loaded else history_rows(app.service, all_users=everyone,
                                                        limit=FIRST_PAGE)
            if first:
                self.post_message(HistoryLoaded(first, complete=len(first) < FIRST_PAGE))
            self.post_message(StatsLoaded(app.service.stats(all_users=everyone, tags=False)))
            if not first or len(first) == FIRST_PAGE:  # a reload, or more than a page
                self.post_message(HistoryLoaded(history_rows(app.service, all_users=everyone)))
        except Exception as exc:
            app.call_from_thread(self._load_failed, exc)

    def _load_failed(self, exc: BaseException) -> None:
        if not self.loaded:
            self.query_one("#history-empty", Static).update("history unavailable")
        self.interview_app.show_error("Could not read the history", exc)

    def on_history_loaded(self, event: HistoryLoaded) -> None:
        self.data = HistoryData(event.rows)
        self.loaded = event.complete
        self.query_one("#sessions", SessionTable).set_rows(self.data)
        self._fill_table()

    def on_stats_loaded(self, event: StatsLoaded) -> None:
        for rs in event.stats.rounds:
            try:
                row = self.query_one(f"#trend-{rs.round}", Horizontal)
            except Exception:
                continue
            row.query_one(".trend-spark", Label).update(
                text_sparkline(rs.trend, TREND_POINTS) if rs.sessions
                else "[$text-muted]no sessions[/]")
            row.query_one(".trend-last", Label).update(fmt_score(rs.last) if rs.sessions else "")
            row.query_one(".trend-avg", Label).update(
                fmt_score(rs.average) if rs.sessions else "")
        missed = event.stats.missed_criteria
        self.query_one("#missed-list", Static).update(
            "\n".join(f"{c.count:>3}× {escape(c.label)}" for c in missed[:8])
            or "nothing missed yet")

    # -- table ----------------------------------------------------------------------------
    def visible_rows(self) -> list[int]:
        """Row numbers (into ``data``) that pass the filters, in the chosen order."""
        words = self.query_one("#filter", Input).value.strip().lower().split()
        round_value = self.query_one("#round-filter", Select).value
        wanted = round_value if isinstance(round_value, str) and round_value else None
        return self.data.order(words, wanted, self.sort_column, self.sort_reverse)

    def _fill_table(self) -> None:
        table = self.query_one("#sessions", SessionTable)
        rows = self.visible_rows()
        table.show(rows)
        table.set_header_labels([
            label + ((" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else "")
            for key, label in COLUMNS])
        note = self.query_one("#history-empty", Static)
        if not self.loaded:
            note.update(f"newest {len(self.data)} shown · loading the rest…" if self.data
                        else "loading…")
        elif not self.data:
            note.update("No sessions yet. Start one from Home (f4).")
        elif not rows:
            note.update("No session matches the filter.")
        else:
            note.update(f"{len(rows)} of {plural(len(self.data), 'session')} · enter or o opens "
                        "one · click a header or press s to sort")

    @on(Input.Changed, "#filter")
    def _filter_typed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._fill_table)

    @on(Select.Changed, "#round-filter")
    def _round_changed(self) -> None:
        if self.loaded:
            self._fill_table()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._fill_table()
        self.query_one("#sessions", SessionTable).focus()

    @on(SessionTable.HeaderSelected)
    def _header_selected(self, event: SessionTable.HeaderSelected) -> None:
        key = event.column
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
        key = self.query_one("#sessions", SessionTable).cursor_key
        return int(key) if key is not None else None

    @on(SessionTable.RowSelected, "#sessions")
    def _row_selected(self, event: SessionTable.RowSelected) -> None:
        self._open(int(event.key))

    def action_open(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            self._open(session_id)

    def _open(self, session_id: int) -> None:
        from .replay import ReplayScreen

        self.app.push_screen(ReplayScreen(session_id, all_users=self.all_users))

    def action_everyone(self) -> None:
        """Everyone's sessions or only yours (a mentor opens a candidate's session)."""
        self.all_users = not self.all_users
        self.notify("Everyone's sessions" if self.all_users else "Your sessions", timeout=2)
        self.load()

    def action_export(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            self._export(session_id)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, session_id: int) -> None:
        app = self.interview_app
        try:
            path = app.service.export(session_id, "md", all_users=self.all_users)
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

"""The History table's data: rows formatted when drawn, widths from distinct values, and
filtering and sorting on stored values that match what the table shows."""

from __future__ import annotations

from datetime import datetime

from interview.service.history_table import SessionRow
from interview.tui.screens.history_data import COLUMNS, HistoryData

ROWS = [  # newest first, as stored; SQLite gives times as text, PostgreSQL as datetimes
    SessionRow(12, "2026-03-02 09:30:00.000000", 0, "exam", ",system-design,", None, 0, 3),
    SessionRow(11, "2026-03-01 18:00:00.000000", 1, "practice", ",ml-theory,", 71.5, 5, 5),
    SessionRow(10, "2026-03-01 18:00:00.000000", 1, "practice",
               ",ml-theory,system-design,behavioral,portfolio,coding-screen,", 100.0, 12, 12),
    SessionRow(9, "2026-02-27 07:05:00.000000", 1, "practice", ",behavioral,", 4.0, 2, 2),
]


def test_cells_and_widths_are_those_of_the_formatted_rows() -> None:
    data = HistoryData(ROWS)
    cells = [data.cells(i) for i in range(len(data))]
    assert [c[0] for c in cells] == ["12", "11", "10", "9"]
    assert cells[0][4:] == ("—", "0/3", "unfinished")
    assert cells[2][2] == "Full loop" and cells[1][4] == "72"
    assert data.widths == [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    assert data.key(3) == "9" and HistoryData([]).widths == [0] * len(COLUMNS)


def test_times_from_either_database_read_the_same() -> None:
    text = HistoryData(ROWS[:1]).cells(0)
    as_datetime = HistoryData([ROWS[0]._replace(started_at=datetime(2026, 3, 2, 9, 30))])
    assert as_datetime.cells(0) == text


def test_filters_and_sorts_match_the_text_shown() -> None:
    data = HistoryData(ROWS)
    shown = data.order([], None, "started", True)
    assert shown == [0, 1, 2, 3]  # as stored: newest first, then the higher id
    assert data.order([], None, "started", False) == [3, 1, 2, 0]
    assert data.order([], None, "score", True) == [2, 1, 3, 0]  # no score last
    assert data.order([], None, "id", False) == [3, 2, 1, 0]
    assert [data.cells(i)[2] for i in data.order([], None, "rounds", False)] == sorted(
        data.cells(i)[2] for i in shown)
    assert data.order([], "system-design", "started", True) == [0, 2]
    assert data.order(["practice", "ml"], None, "started", True) == [1]  # not "Full loop"
    assert data.order(["unfinished"], None, "id", True) == [0]
    assert data.order(["loop"], "behavioral", "answers", True) == [2]

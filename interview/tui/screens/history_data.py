"""The History table's data: sessions kept as the database returns them, each formatted
only when it is drawn (or, once, when the filter is first used).

At 10,000 sessions, building a record per session took about 0.12 s of CPU and formatting
every row (a local time, a round title, a score) 0.07 s more, before the table could show;
a screen shows about 30 rows. Sorting compares the stored values, and the column widths
come from the distinct values of each column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ...service.history_table import SessionRow, rounds_of, stored_time
from ..formatting import fmt_score, fmt_when
from ..rounds import rounds_title

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "#"), ("started", "Started"), ("rounds", "Round"), ("mode", "Mode"),
    ("score", "Score"), ("answers", "Answers"), ("status", "Status"),
)
WHEN_WIDTH = len("2026-01-01 00:00")
"""``fmt_when``'s text is always this long."""


def status(row: SessionRow) -> str:
    return "finished" if row.finished else "unfinished"


class HistoryData:
    """Rows for a ``SessionTable``: ``len``, ``cells(i)``, ``key(i)`` and each column's
    content ``widths``; ``order`` filters and sorts row numbers without formatting."""

    def __init__(self, rows: Sequence[SessionRow]) -> None:
        self.rows = rows
        self._cells: dict[int, tuple[str, ...]] = {}
        self._titles: dict[str, str] = {}
        self._search: list[str] | None = None
        self.widths = self._widths()

    def __len__(self) -> int:
        return len(self.rows)

    def key(self, i: int) -> str:
        return str(self.rows[i].id)

    def title(self, rounds: str) -> str:
        """A stored ``rounds`` value's short name (few distinct values: kept)."""
        title = self._titles.get(rounds)
        if title is None:
            title = self._titles[rounds] = rounds_title(rounds_of(rounds))
        return title

    def cells(self, i: int) -> tuple[str, ...]:
        cells = self._cells.get(i)
        if cells is None:
            cells = self._cells[i] = self._format(self.rows[i])
        return cells

    def _format(self, r: SessionRow) -> tuple[str, ...]:
        return (str(r.id), fmt_when(stored_time(r.started_at)), self.title(r.rounds), r.mode,
                fmt_score(r.score), f"{r.answers}/{r.questions}", status(r))

    def _widths(self) -> list[int]:
        """The longest text of each column, from its distinct values."""
        if not self.rows:
            return [0] * len(COLUMNS)
        ids, _, finished, modes, rounds, scores, answers, questions = zip(*self.rows, strict=True)
        return [
            len(str(max(ids))), WHEN_WIDTH, max(len(self.title(t)) for t in set(rounds)),
            max(len(m) for m in set(modes)), max(len(fmt_score(s)) for s in set(scores)),
            max(len(f"{a}/{q}") for a, q in set(zip(answers, questions, strict=True))),
            max(len("finished" if f else "unfinished") for f in set(finished)),
        ]

    def _search_text(self) -> list[str]:
        """Each row's text in lower case (built the first time the filter is used)."""
        if self._search is None:
            self._search = [" ".join(self._cells.get(i) or self._format(r)).lower()
                            for i, r in enumerate(self.rows)]
        return self._search

    def sort_key(self, column: str) -> Callable[[int], Any]:
        rows = self.rows
        keys: dict[str, Callable[[int], Any]] = {
            "id": lambda i: rows[i].id,
            "started": lambda i: rows[i].started_at,  # stored times sort as times
            "rounds": lambda i: self.title(rows[i].rounds),
            "mode": lambda i: rows[i].mode,
            "score": lambda i: (rows[i].score is not None, rows[i].score or 0.0),
            "answers": lambda i: rows[i].answers,
            "status": lambda i: status(rows[i]),
        }
        return keys[column]

    def order(self, words: Sequence[str], round_id: str | None, column: str,
              reverse: bool) -> list[int]:
        """Row numbers whose text holds every word and whose session has ``round_id`` (None:
        any), sorted by ``column``."""
        rows = self.rows
        out: Sequence[int] = range(len(rows))
        if round_id is not None:
            wanted = f",{round_id},"
            out = [i for i in out if wanted in rows[i].rounds]
        if words:
            text = self._search_text()
            out = [i for i in out if all(w in text[i] for w in words)]
        if column == "started" and reverse:  # the stored order: newest first, then by id
            return list(out)
        return sorted(out, key=self.sort_key(column), reverse=reverse)

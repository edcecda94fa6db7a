"""One round on the home screen: its name, last/best/average score and a trend sparkline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Sparkline

from ..formatting import fmt_score


class RoundRow(Horizontal):
    """Painted with the name at once; ``update`` fills the figures when they arrive."""

    DEFAULT_CSS = """
    RoundRow { height: 1; }
    RoundRow > .round-name { width: 24; text-style: bold; }
    RoundRow > .round-stats { width: 34; color: $text-muted; }
    RoundRow > Sparkline { width: 1fr; min-width: 8; }
    RoundRow.-empty > Sparkline { display: none; }
    """

    def __init__(self, round_id: str, title: str) -> None:
        super().__init__(id=f"round-{round_id}", classes="-empty")
        self.round_id = round_id
        self.title = title

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="round-name")
        yield Label("loading…", classes="round-stats")
        yield Sparkline([], summary_function=max)

    def update(self, *, sessions: int, last: float | None, best: float | None,
               average: float | None, trend: tuple[float, ...]) -> None:
        stats = self.query_one(".round-stats", Label)
        if sessions == 0:
            stats.update("not practised yet")
        else:
            stats.update(f"last {fmt_score(last):>3}  best {fmt_score(best):>3}  "
                         f"avg {fmt_score(average):>3}")
        self.query_one(Sparkline).data = list(trend)
        self.set_class(len(trend) < 2, "-empty")

    def failed(self) -> None:
        self.query_one(".round-stats", Label).update("unavailable")

"""One round on the home screen: its name, last/best/average score and a trend sparkline.

A single Static per round (drawn as text) keeps the home screen's first paint cheap.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..formatting import fmt_score

BLOCKS = "▁▂▃▄▅▆▇█"


def text_sparkline(values: tuple[float, ...] | list[float], width: int = 10) -> str:
    """Scores (0-100, oldest first) as block characters on a fixed 0-100 scale."""
    recent = list(values)[-width:]
    out = []
    for v in recent:
        v = min(100.0, max(0.0, v))
        out.append(BLOCKS[min(len(BLOCKS) - 1, int(v / 100 * len(BLOCKS)))])
    return "".join(out)


class RoundRow(Static):
    """Painted with the name at once; ``update_stats`` fills the figures when they arrive.

    Styled in styles/home.tcss.
    """

    def __init__(self, round_id: str, title: str) -> None:
        super().__init__(id=f"round-{round_id}")
        self.round_id = round_id
        self.title = title
        self._show("loading…")

    def _show(self, stats: str, trend: str = "") -> None:
        line = Content.assemble((f"{self.title:<24}", "bold"), (f"{stats:<34}", "$text-muted"),
                                (trend, "$accent"))
        self.update(line)

    def update_stats(self, *, sessions: int, last: float | None, best: float | None,
                     average: float | None, trend: tuple[float, ...]) -> None:
        if sessions == 0:
            self._show("not practised yet")
            return
        self._show(f"last {fmt_score(last):>3}  best {fmt_score(best):>3}  "
                   f"avg {fmt_score(average):>3}", text_sparkline(trend))

    def failed(self) -> None:
        self._show("unavailable")

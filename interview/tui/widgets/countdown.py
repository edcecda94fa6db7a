"""The question's countdown: mm:ss left, warning colour in the last 30 s, then time over."""

from __future__ import annotations

import time

from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from ..formatting import fmt_countdown

WARNING_SECONDS = 30


class Countdown(Static):
    """Counts down from ``start(remaining)``. ``live=False`` shows the time without ticking."""


    remaining: reactive[float] = reactive(0.0)

    class Expired(Message):
        """Time is up for the question (sent once per ``start``)."""

    def __init__(self, *, live: bool = True, id: str | None = None) -> None:
        super().__init__("--:--", id=id)
        self.live = live
        self._deadline: float | None = None
        self._expired = False

    def on_mount(self) -> None:
        if self.live:
            self.set_interval(0.5, self._tick)

    def start(self, remaining: float) -> None:
        self._deadline = time.monotonic() + remaining
        self._expired = False
        self.remaining = remaining

    def stop(self) -> None:
        self._deadline = None

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def _tick(self) -> None:
        if self._deadline is not None:
            self.remaining = self._deadline - time.monotonic()

    def watch_remaining(self, remaining: float) -> None:
        if self._deadline is None and remaining == 0:
            return
        over = remaining <= 0
        if over and self._deadline is not None and not self._expired:
            self._expired = True
            self.post_message(self.Expired())
        self.set_class(over, "-over")
        self.set_class(0 < remaining <= WARNING_SECONDS, "-warning")
        self.update(f"⏱ {fmt_countdown(-remaining)} over" if over else f"⏱ {fmt_countdown(remaining)}")

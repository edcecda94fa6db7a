"""What a paused session needs besides its stored attempts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

LivePhase = Literal["question", "follow-up", "feedback", "finished"]


@dataclass(frozen=True)
class LiveState:
    """Where the session stood when it was last saved.

    ``elapsed`` is the time already spent on the current question (or follow-up). In exam
    mode the clock is strict: ``deadline`` (wall-clock seconds since the epoch) is stored
    instead, so time keeps running while the program is closed.
    """

    index: int
    phase: LivePhase
    hints: int = 0
    """Hints taken on the current question (their penalty applies to the next answer)."""
    revealed: tuple[int, ...] = ()
    """Questions whose model answer was shown."""
    elapsed: float = 0.0
    deadline: float | None = None
    draft: str = ""
    """The answer being typed (restored into the answer box)."""

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "phase": self.phase, "hints": self.hints,
                "revealed": list(self.revealed), "elapsed": self.elapsed,
                "deadline": self.deadline, "draft": self.draft}

    @classmethod
    def from_json(cls, data: object) -> LiveState | None:
        """None for anything unreadable (an older or newer program wrote it)."""
        if not isinstance(data, dict):
            return None
        try:
            phase = str(data.get("phase", "question"))
            if phase not in ("question", "follow-up", "feedback", "finished"):
                return None
            deadline = data.get("deadline")
            return cls(index=int(data.get("index", 0)), phase=phase,  # type: ignore[arg-type]
                       hints=int(data.get("hints", 0)),
                       revealed=tuple(int(i) for i in data.get("revealed") or ()),
                       elapsed=float(data.get("elapsed", 0.0)),
                       deadline=None if deadline is None else float(deadline),
                       draft=str(data.get("draft") or ""))
        except (TypeError, ValueError):
            return None

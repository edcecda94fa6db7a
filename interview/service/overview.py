"""The home screen's figures (per-round summaries and unfinished sessions), and a small
snapshot of them on disk so that the next start paints them with the first frame.

Import-light on purpose (no SQLAlchemy, pydantic or engine): the TUI reads the snapshot
while it builds its first screen. The snapshot is only derived data in the cache dir. For
a SQLite history it is used only while the database files are exactly as they were when it
was taken; for a server database it is shown until the refresh that always follows.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import write_atomic

if TYPE_CHECKING:
    from ..config import Settings
    from ..store.history_queries import StatsRows
    from ..store.records import SessionRecord
    from .app import Service

SNAPSHOT_FORMAT = 2
TREND = 10


@dataclass(frozen=True)
class RoundStats:
    """Per-round figures across sessions (per-session round score = mean best score)."""

    round: str
    title: str
    sessions: int
    average: float | None
    best: float | None
    last: float | None
    trend: tuple[float, ...]
    """Per-session round scores, oldest first (the last 10)."""


@dataclass(frozen=True)
class ReviewFigures:
    """The spaced-review queue at a glance (Home's "N due for review")."""

    due: int = 0
    scheduled: int = 0
    next_due: datetime | None = None
    needs_rebuild: bool = False
    """The user has a history but no cards yet: ``Service.rebuild_review_queue`` builds
    them (seconds for a long history, so Home runs it after showing the rest)."""


@dataclass(frozen=True)
class HomeFigures:
    rounds: tuple[RoundStats, ...]
    """Every round, in ROUNDS order."""
    unfinished: tuple[SessionRecord, ...]
    """Sessions not finished yet, newest first."""
    review: ReviewFigures = ReviewFigures()


Painted = tuple[HomeFigures, list[Any] | None]
"""Figures shown from the snapshot, and the database files' stamp when they were shown."""


def home_figures(svc: Service, painted: Painted | None = None) -> HomeFigures:
    """``Service.home_figures``. When the figures ``painted`` from the snapshot still hold
    (the database files are as they were), only the review queue is read again: its due
    count is the one figure that changes with time alone. At 10,000 sessions that saves
    about 0.2 s of CPU at each start, while the user may already be on another screen."""
    from datetime import UTC, datetime

    from ..store import history_queries

    stamp = database_stamp(svc.settings)
    now = datetime.fromtimestamp(svc.wall_clock(), UTC)
    if painted is not None and stamp is not None and painted[1] == stamp:
        with svc._history_reader() as conn:  # (answers left in a journal are written first)
            due, total, soonest = history_queries.due_summary(conn, svc.user, now)
        known = painted[0]
        if database_stamp(svc.settings) == stamp:
            return HomeFigures(known.rounds, known.unfinished, ReviewFigures(
                due, total, soonest, needs_rebuild=known.review.needs_rebuild))
        stamp = database_stamp(svc.settings)
    rows = svc._stats_rows(svc.user, tags=False)
    with svc._history_reader() as conn:
        unfinished = history_queries.history(conn, user=svc.user, unfinished=True)
        due, total, soonest = history_queries.due_summary(conn, svc.user, now)
    # Cards come from answers: sessions without one (started, then paused or skipped
    # through) have none to rebuild, and would otherwise say "building" for good.
    review = ReviewFigures(due, total, soonest,
                           needs_rebuild=not total and any(s.answers for s in rows.sessions))
    figures = HomeFigures(round_figures(rows), tuple(unfinished), review)
    write_snapshot(svc.settings, figures, stamp)
    return figures


def round_figures(data: StatsRows) -> tuple[RoundStats, ...]:
    """Per round (all five, ROUNDS order): sessions, average, best, last and trend, where a
    session's round score is the mean best score of its questions in that round."""
    from ..rounds import ROUND_TITLES, ROUNDS

    out = []
    for r in ROUNDS:
        sums = (data.round_scores.get((s.id, r)) for s in data.sessions)
        scores = [total / n for total, n in filter(None, sums)]
        out.append(RoundStats(
            round=r, title=ROUND_TITLES[r], sessions=len(scores),
            average=sum(scores) / len(scores) if scores else None,
            best=max(scores) if scores else None, last=scores[-1] if scores else None,
            trend=tuple(scores[-TREND:]),
        ))
    return tuple(out)


def _sqlite_files(settings: Settings) -> list[Path] | None:
    url = settings.database_url
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        return None
    db = Path(url.removeprefix("sqlite:///").split("?", 1)[0]).expanduser()
    return [db, db.with_name(db.name + "-wal")]


def database_stamp(settings: Settings) -> list[Any] | None:
    """Size and mtime of a SQLite history's files (None for other databases)."""
    files = _sqlite_files(settings)
    if files is None:
        return None
    stamp: list[Any] = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            stamp.append(None)
            continue
        # An empty write-ahead log (it exists while a program has the database open) holds
        # nothing: the same as none.
        stamp.append([st.st_size, st.st_mtime_ns] if st.st_size else None)
    return stamp


def snapshot_path(settings: Settings) -> Path | None:
    from ..paths import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    # Two 32-bit checksums (64 bits) of the database and the user name the file: zlib is
    # loaded with Textual, hashlib would load OpenSSL before the first frame.
    key = f"{settings.database_url}\0{settings.user}".encode()
    return folder / f"home-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.json"


def record_to_json(r: SessionRecord) -> dict[str, Any]:
    """A history row as JSON (``interview history --json``)."""
    return {
        "id": r.id, "user": r.user, "started_at": r.started_at.isoformat(),
        "finished_at": r.finished_at.isoformat() if r.finished_at else None,
        "status": r.status, "mode": r.mode, "rounds": list(r.rounds),
        "score": None if r.score is None else round(r.score, 1), "answers": r.answers,
        "questions": r.questions, "question_ids": list(r.question_ids), "seed": r.seed,
    }


def _record_to_json(r: SessionRecord) -> dict[str, Any]:
    data = asdict(r)
    data["started_at"] = r.started_at.isoformat()
    data["finished_at"] = r.finished_at.isoformat() if r.finished_at else None
    return data


def _record_from_json(d: dict[str, Any]) -> SessionRecord:
    from ..store.records import SessionRecord

    return SessionRecord(
        id=int(d["id"]), user=str(d["user"]), started_at=datetime.fromisoformat(d["started_at"]),
        finished_at=datetime.fromisoformat(d["finished_at"]) if d.get("finished_at") else None,
        status="finished" if d.get("finished_at") else "unfinished", mode=str(d["mode"]),
        rounds=tuple(d["rounds"]), score=d.get("score"), answers=int(d["answers"]),
        questions=int(d["questions"]), question_ids=tuple(d.get("question_ids") or ()),
        seed=d.get("seed"))


def read_snapshot(settings: Settings) -> HomeFigures | None:
    """The figures of the last start, when still valid (None otherwise). Never raises."""
    path = snapshot_path(settings)
    if path is None:
        return None
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != SNAPSHOT_FORMAT or data.get("user") != settings.user:
            return None
        if data.get("stamp") != database_stamp(settings):
            return None
        rounds = tuple(RoundStats(**{**r, "trend": tuple(r["trend"])}) for r in data["rounds"])
        unfinished = tuple(_record_from_json(r) for r in data["unfinished"])
        rev = data["review"]
        review = ReviewFigures(
            int(rev["due"]), int(rev["scheduled"]),
            datetime.fromisoformat(rev["next_due"]) if rev.get("next_due") else None,
            bool(rev.get("needs_rebuild")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return HomeFigures(rounds, unfinished, review)


def write_snapshot(settings: Settings, figures: HomeFigures, stamp: list[Any] | None) -> None:
    """Keep the figures for the next start (``stamp``: taken before they were read)."""
    path = snapshot_path(settings)
    if path is None:
        return
    payload = json.dumps({
        "format": SNAPSHOT_FORMAT, "user": settings.user, "stamp": stamp,
        "rounds": [asdict(r) for r in figures.rounds],
        "unfinished": [_record_to_json(r) for r in figures.unfinished],
        "review": {"due": figures.review.due, "scheduled": figures.review.scheduled,
                   "next_due": figures.review.next_due.isoformat()
                   if figures.review.next_due else None,
                   "needs_rebuild": figures.review.needs_rebuild},
    })
    write_atomic(path, [payload.encode("utf-8")], prefix=".home-")

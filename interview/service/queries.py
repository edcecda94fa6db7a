"""Read-side helpers: round listings, session detail and statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.figures import CriterionMiss, TagScore
from ..rounds import ROUNDS
from .overview import round_figures
from .records import SessionDetail, Stats

if TYPE_CHECKING:
    from ..store.history_queries import StatsRows
    from ..store.repository import Repository

TOP = 5


def check_round(round_: str) -> str:
    """A real round id (not ``loop``), else ``SetupError`` with a did-you-mean."""
    if round_ in ROUNDS:
        return round_
    from ..engine.setup import check_round as _check_round

    return _check_round(round_, allow_loop=False)


def build_detail(repo: Repository, session_id: int, *, user: str | None) -> SessionDetail:
    from ..engine.summary import summarise
    from .sessions import restore_attempts

    stored = repo.load_session(session_id, user=user)
    items = [(q.round, q.tags, atts)
             for q, atts in zip(stored.questions, restore_attempts(stored), strict=True)]
    summary = summarise(items, planned=len(stored.questions),
                        finished=stored.record.status == "finished")
    return SessionDetail(record=stored.record, questions=stored.questions, summary=summary)


def build_stats(data: StatsRows) -> Stats:
    """Per-round figures, weakest tags and most-missed criteria from aggregated rows."""
    tags = sorted((TagScore(tag=t, average=total / n, count=n)
                   for t, (total, n) in data.tag_scores.items()), key=lambda t: (t.average, t.tag))
    return Stats(
        rounds=round_figures(data),
        sessions=sum(1 for s in data.sessions if s.answers or s.score is not None),
        answers=sum(s.answers for s in data.sessions),
        missed_criteria=tuple(CriterionMiss(id=c, label=lbl, count=n)
                              for c, lbl, n in data.missed[:TOP]),
        weakest_tags=tuple(tags[:TOP]),
    )

"""Read-side helpers: round listings, session detail and statistics."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..banks.models import ROUND_TITLES, ROUNDS
from ..engine.setup import check_round as _check_round
from ..engine.summary import summarise
from ..engine.types import CriterionMiss, TagScore
from .records import RoundStats, SessionDetail, Stats

if TYPE_CHECKING:
    from ..store.repository import Repository

TREND = 10
TOP = 5


def check_round(round_: str) -> str:
    """A real round id (not ``loop``), else ``SetupError`` with a did-you-mean."""
    return _check_round(round_, allow_loop=False)


def build_detail(repo: Repository, session_id: int, *, user: str | None) -> SessionDetail:
    from .sessions import restore_attempts

    stored = repo.load_session(session_id, user=user)
    items = [(q.round, q.tags, atts)
             for q, atts in zip(stored.questions, restore_attempts(stored), strict=True)]
    summary = summarise(items, planned=len(stored.questions),
                        finished=stored.record.status == "finished")
    return SessionDetail(record=stored.record, questions=stored.questions, summary=summary)


def build_stats(repo: Repository, *, user: str | None) -> Stats:
    data = repo.stats_data(user=user)
    per_session_round: dict[tuple[int, str], list[float]] = defaultdict(list)
    tag_scores: dict[str, list[float]] = defaultdict(list)
    for item in data.items:
        per_session_round[(item.session_id, item.round)].append(item.best)
        for t in item.tags:
            tag_scores[t].append(item.best)
    rounds = []
    for r in ROUNDS:
        scores = [sum(v) / len(v) for s in data.sessions
                  if (v := per_session_round.get((s.id, r)))]
        rounds.append(RoundStats(
            round=r, title=ROUND_TITLES[r], sessions=len(scores),
            average=sum(scores) / len(scores) if scores else None,
            best=max(scores) if scores else None, last=scores[-1] if scores else None,
            trend=tuple(scores[-TREND:]),
        ))
    tags = sorted((TagScore(tag=t, average=sum(v) / len(v), count=len(v))
                   for t, v in tag_scores.items()), key=lambda t: (t.average, t.tag))
    return Stats(
        rounds=tuple(rounds),
        sessions=sum(1 for s in data.sessions if s.answers or s.score is not None),
        answers=sum(s.answers for s in data.sessions),
        missed_criteria=tuple(CriterionMiss(id=c, label=lbl, count=n)
                              for c, lbl, n in data.missed[:TOP]),
        weakest_tags=tuple(tags[:TOP]),
    )

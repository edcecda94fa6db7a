"""Read-side helpers: round listings, session detail and statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine.types import CriterionMiss, TagScore
from ..rounds import ROUND_TIME_LIMITS, ROUND_TITLES, ROUNDS
from .overview import round_figures
from .records import RoundInfo, SessionDetail, Stats

if TYPE_CHECKING:
    from ..banks import Catalog
    from ..store.history_queries import StatsRows
    from ..store.repository import Repository

TOP = 5


def check_round(round_: str) -> str:
    """A real round id (not ``loop``), else ``SetupError`` with a did-you-mean."""
    if round_ in ROUNDS:
        return round_
    from ..engine.setup import check_round as _check_round

    return _check_round(round_, allow_loop=False)


def round_infos(catalog: Catalog) -> list[RoundInfo]:
    out = []
    for r in ROUNDS:
        refs = catalog.by_round(r)
        out.append(RoundInfo(
            id=r, title=ROUND_TITLES[r], questions=len(refs),
            default_time_limit=ROUND_TIME_LIMITS[r],
            banks=tuple(sorted({ref.bank.bank for ref in refs})),
            tags=tuple(sorted({t for ref in refs for t in ref.question.tags})),
        ))
    return out


def build_detail(repo: Repository, session_id: int, *, user: str | None) -> SessionDetail:
    from ..engine.summary import AttemptState, summarise

    stored = repo.load_session(session_id, user=user)
    items = [
        (q.question_id, q.round, q.tags, [
            AttemptState(attempt=a.attempt, answer=a.answer, skipped=a.skipped, report=a.report,
                         hints_used=a.hints_used, hint_penalty=a.hint_penalty,
                         elapsed=a.elapsed, time_limit=a.time_limit, over_time=a.over_time,
                         followups=list(a.followups), concluded=True)
            for a in q.attempts])
        for q in stored.questions
    ]
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

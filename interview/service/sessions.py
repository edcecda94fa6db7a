"""Starting and resuming sessions: the engine wired to the repository and the grader."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..domain.attempt import Attempt
from ..domain.errors import SessionStateError, SetupError
from ..domain.live import LiveState
from ..engine.session import InterviewEngine
from ..engine.setup import PlannedQuestion, pick_questions, plan, with_question_round
from ..engine.types import REVIEW, ReviewCue, SessionConfig
from .handle import SessionHandle, resume_live

if TYPE_CHECKING:
    from ..store.records import StoredSession
    from .app import Service


def config_to_json(config: SessionConfig) -> dict[str, Any]:
    data = asdict(config)
    for key in ("banks", "tags", "question_ids", "review_missing"):
        data[key] = list(data[key])
    data["review"] = [{**c, "missed": list(c["missed"])} for c in data["review"]]
    return data


def config_from_json(data: dict[str, Any]) -> SessionConfig:
    fields = SessionConfig.__dataclass_fields__
    kwargs = {k: v for k, v in data.items() if k in fields}
    for key in ("banks", "tags", "question_ids", "review_missing"):
        if key in kwargs:
            kwargs[key] = tuple(kwargs[key] or ())
    if "review" in kwargs:
        kwargs["review"] = tuple(
            ReviewCue(question_id=str(c["question_id"]), days_ago=int(c["days_ago"]),
                      score=float(c["score"]), band=str(c["band"]),
                      missed=tuple(str(m) for m in c.get("missed") or ()))
            for c in kwargs["review"] or () if isinstance(c, dict))
    return SessionConfig(**kwargs)


def start_session(svc: Service, config: SessionConfig) -> SessionHandle:
    catalog = svc.catalog()
    if config.round == REVIEW and not config.question_ids:
        from .review import review_config

        config = review_config(svc, config)
    else:
        config = with_question_round(config, catalog)
    seed = config.seed if config.seed is not None else secrets.randbelow(2**31 - 1)
    refs = pick_questions(catalog, config, seed)
    planned = plan(catalog, refs)
    repo = svc.repository()
    session_id = repo.create_session(
        user=svc.user, mode=config.mode, round_=config.round, config=config_to_json(config),
        seed=seed, planned=planned)
    engine = InterviewEngine(config, planned, seed=seed, scorer=svc.scorer, clock=svc.clock)
    return SessionHandle(session_id, engine, repo, grader=svc.grader, wall=svc.wall_clock,
                         reviews=svc.reviews())


def restore_attempts(stored: StoredSession) -> list[list[Attempt]]:
    """The stored attempts per question: the ONE restore used by resume and by detail."""
    return [list(q.attempts) for q in stored.questions]


def restore_planned(stored: StoredSession) -> list[PlannedQuestion]:
    try:
        return [PlannedQuestion.from_snapshot(d) for d in stored.snapshots]
    except (KeyError, TypeError, ValueError) as exc:  # pydantic's ValidationError included
        raise SetupError(f"session {stored.record.id} cannot be resumed: its stored "
                         f"questions are unreadable ({exc})") from None


def resume_session(svc: Service, session_id: int) -> SessionHandle:
    repo = svc.repository()
    stored = repo.load_session(session_id, user=svc.user)
    if stored.record.status == "finished":
        raise SessionStateError(f"session {session_id} is finished; nothing to resume")
    planned = restore_planned(stored)
    config = config_from_json(stored.config)
    live = resume_live(stored.live, time_limit=lambda i: planned[i].time_limit,
                       wall=svc.wall_clock)
    engine = InterviewEngine(config, planned, seed=stored.seed, scorer=svc.scorer,
                             clock=svc.clock, restored=restore_attempts(stored), live=live)
    draft = _draft_for(live, engine)
    return SessionHandle(session_id, engine, repo, grader=svc.grader, wall=svc.wall_clock,
                         draft=draft, reviews=svc.reviews())


def _draft_for(live: LiveState | None, engine: InterviewEngine) -> str:
    """The saved draft, when the session resumes where it was typed."""
    if live is None or not live.draft:
        return ""
    if live.index == engine.index and live.phase == engine.phase:
        return live.draft
    return ""

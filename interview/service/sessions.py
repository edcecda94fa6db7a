"""Starting and resuming sessions: the engine wired to the repository."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..engine.errors import SessionStateError, SetupError
from ..engine.session import InterviewEngine
from ..engine.setup import PlannedQuestion, pick_questions, plan
from ..engine.summary import AttemptState
from ..engine.types import SessionConfig
from .handle import SessionHandle

if TYPE_CHECKING:
    from .app import Service


def config_to_json(config: SessionConfig) -> dict[str, Any]:
    data = asdict(config)
    for key in ("banks", "tags", "question_ids"):
        data[key] = list(data[key])
    return data


def config_from_json(data: dict[str, Any]) -> SessionConfig:
    fields = SessionConfig.__dataclass_fields__
    kwargs = {k: v for k, v in data.items() if k in fields}
    for key in ("banks", "tags", "question_ids"):
        if key in kwargs:
            kwargs[key] = tuple(kwargs[key] or ())
    return SessionConfig(**kwargs)


def start_session(svc: Service, config: SessionConfig) -> SessionHandle:
    catalog = svc.catalog()
    seed = config.seed if config.seed is not None else secrets.randbelow(2**31 - 1)
    refs = pick_questions(catalog, config, seed)
    planned = plan(catalog, refs)
    repo = svc._repository()
    session_id = repo.create_session(
        user=svc.user, mode=config.mode, round_=config.round, config=config_to_json(config),
        seed=seed, planned=planned)
    engine = InterviewEngine(config, planned, seed=seed, clock=svc._clock_fn())
    return SessionHandle(session_id, engine, repo)


def resume_session(svc: Service, session_id: int) -> SessionHandle:
    repo = svc._repository()
    stored = repo.load_session(session_id, user=svc.user)
    if stored.record.status == "finished":
        raise SessionStateError(f"session {session_id} is finished; nothing to resume")
    try:
        planned = [PlannedQuestion.from_snapshot(d) for d in stored.snapshots]
    except Exception as exc:
        raise SetupError(f"session {session_id} cannot be resumed: its stored questions "
                         f"are unreadable ({exc})") from None
    restored = [
        [AttemptState(attempt=a.attempt, answer=a.answer, skipped=a.skipped, report=a.report,
                      hints_used=a.hints_used, hint_penalty=a.hint_penalty, elapsed=a.elapsed,
                      time_limit=a.time_limit, over_time=a.over_time,
                      followups=list(a.followups), concluded=True)
         for a in q.attempts]
        for q in stored.questions
    ]
    config = config_from_json(stored.config)
    engine = InterviewEngine(config, planned, seed=stored.seed, clock=svc._clock_fn(),
                             restored=restored)
    return SessionHandle(session_id, engine, repo)

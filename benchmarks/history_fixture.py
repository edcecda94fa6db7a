"""Build a large, realistic history quickly, by bulk-inserting rows (for the scale benchmark).

Realistic mix, as in the performance review: ML theory, system design, behavioral and
portfolio sessions, 10% full loops and 5% coding sessions; about 3% of questions skipped,
10% of answers retried once, 5% of sessions left unfinished; one session per hour, oldest
first. The answers are the banks' calibration examples, scored once each by the real scorer
(rubric part only: no code is run), so reports and criterion rows are real.

    from benchmarks.history_fixture import build_history
    build_history("sqlite:///big.db", sessions=10_000, users=["me"])
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert

MIX = (("ml-theory", 0.30), ("system-design", 0.20), ("behavioral", 0.20),
       ("portfolio", 0.15), ("loop", 0.10), ("coding-screen", 0.05))


@dataclass
class Scored:
    answer: str
    score: float
    band: str
    report: dict[str, Any]
    criteria: list[dict[str, Any]]


@dataclass
class Prepared:
    snapshot_id: int
    question_id: str
    round: str
    time_limit: int
    answers: list[Scored]


def _prepare(seed: int, answers_per_question: int | None = None,
             questions_per_round: int | None = None
             ) -> tuple[list[dict[str, Any]], dict[str, list[Prepared]]]:
    from interview.banks import load_catalog
    from interview.engine.setup import plan
    from interview.paths import shipped_dir
    from interview.scoring import score_answer

    catalog = load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")])
    rng = random.Random(seed)
    snapshots: list[dict[str, Any]] = []
    by_round: dict[str, list[Prepared]] = {}
    refs = list(catalog.questions.values())
    if questions_per_round is not None:  # the first ones of each round, in library order
        per_round: dict[str, list[Any]] = {}
        for ref in refs:
            per_round.setdefault(ref.round, []).append(ref)
        refs = [r for rs in per_round.values() for r in rs[:questions_per_round]]
    for i, p in enumerate(plan(catalog, refs), start=1):
        snapshots.append(dict(id=i, content_hash=p.content_hash(), question_id=p.id,
                              round=p.round, bank=p.bank, data=p.snapshot(),
                              created_at=datetime(2024, 1, 1)))
        texts = [e.answer for e in p.question.examples] or [p.question.model_answer or "-"]
        if answers_per_question is not None and len(texts) > answers_per_question:
            texts = rng.sample(texts, answers_per_question)
        scored = []
        for text in texts:
            report = score_answer(text, p.rubric, prompt=p.question.prompt)
            scored.append(Scored(
                text, report.score, report.band, report.model_dump(mode="json"),
                [dict(criterion_id=c.id[:120], label=c.label[:300], weight=c.weight,
                      earned=c.earned, status=c.status, source=c.source)
                 for c in report.criteria]))
        rng.shuffle(scored)
        by_round.setdefault(p.round, []).append(
            Prepared(i, p.id, p.round, p.time_limit, scored))
    return snapshots, by_round


def _chunks(rows: list[dict[str, Any]], size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def build_history(url: str, *, sessions: int, users: Sequence[str] = ("me",),
                  seed: int = 7, answers_per_question: int | None = None,
                  questions_per_round: int | None = None) -> dict[str, int]:
    """Create (and migrate) the database at ``url`` and fill it. Returns row counts.

    Preparing the answers (compiling each question's rubric, scoring its examples) is most
    of the cost of a small history; for a quicker one, ``questions_per_round`` draws on only
    the first questions of each round and ``answers_per_question`` scores only that many of
    each question's examples (picked at random)."""
    from interview.store.db import open_engine
    from interview.store.models import (
        Attempt,
        CriterionResultRow,
        QuestionSnapshot,
        SessionQuestion,
        SessionRow,
        User,
    )
    from interview.store.summaries import refresh as refresh_summaries

    snapshots, by_round = _prepare(seed, answers_per_question, questions_per_round)
    rng = random.Random(seed)
    engine: Engine = open_engine(url)
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "users", "sessions", "questions", "attempts", "criteria")}
    start = datetime(2024, 1, 1)
    for uid, name in enumerate(users, start=1):
        rows["users"].append(dict(id=uid, name=name, created_at=start))
    rounds = [r for r, _ in MIX]
    weights = [w for _, w in MIX]
    sq_id = attempt_id = crit_id = 0
    for sid in range(1, sessions + 1):
        kind = rng.choices(rounds, weights)[0]
        if kind == "loop":
            picked = [rng.choice(by_round[r]) for r in
                      ("coding-screen", "ml-theory", "system-design", "behavioral", "portfolio")]
        else:
            pool = by_round[kind]
            n = 2 if kind == "coding-screen" else rng.choice((3, 5, 5, 5, 7))
            picked = rng.sample(pool, min(n, len(pool)))
        started = start + timedelta(hours=sid)
        unfinished = rng.random() < 0.05
        reached = len(picked) if not unfinished else rng.randrange(0, len(picked))
        best_scores: list[float] = []
        for pos, pq in enumerate(picked):
            sq_id += 1
            rows["questions"].append(dict(id=sq_id, session_id=sid, position=pos,
                                          snapshot_id=pq.snapshot_id, question_id=pq.question_id,
                                          round=pq.round))
            if pos >= reached:
                continue
            skipped = rng.random() < 0.03
            tries = 1 if skipped or rng.random() >= 0.10 else 2
            best = 0.0
            for attempt_no in range(1, tries + 1):
                attempt_id += 1
                s = rng.choice(pq.answers)
                when = started + timedelta(minutes=5 * pos + attempt_no)
                rows["attempts"].append(dict(
                    id=attempt_id, session_id=sid, session_question_id=sq_id,
                    attempt_no=attempt_no, answer="" if skipped else s.answer, skipped=skipped,
                    score=0.0 if skipped else s.score, band="skipped" if skipped else s.band,
                    report=None if skipped else s.report, hints_used=0, hint_penalty=0.0,
                    elapsed=float(rng.randint(30, pq.time_limit)), time_limit=pq.time_limit,
                    over_time=False, followups=[], concluded=True, created_at=when,
                    updated_at=when))
                if not skipped:
                    best = max(best, s.score)
                    for c in s.criteria:
                        crit_id += 1
                        rows["criteria"].append(dict(id=crit_id, attempt_id=attempt_id, **c))
            best_scores.append(best)
        score = sum(best_scores) / len(best_scores) if best_scores else None
        rows["sessions"].append(dict(
            id=sid, user_id=rng.randint(1, len(users)), started_at=started,
            updated_at=started + timedelta(minutes=30),
            finished_at=None if unfinished else started + timedelta(minutes=40),
            mode="practice" if rng.random() < 0.8 else "exam", round=kind,
            rounds="," + ",".join(dict.fromkeys(p.round for p in picked)) + ",",
            config={"round": kind, "n": len(picked)}, seed=sid, score=score,
            app_version="bench"))
    targets = ((User, "users"), (QuestionSnapshot, None), (SessionRow, "sessions"),
               (SessionQuestion, "questions"), (Attempt, "attempts"),
               (CriterionResultRow, "criteria"))
    with engine.begin() as conn:
        for model, key in targets:
            data = snapshots if key is None else rows[key]
            for chunk in _chunks(data):
                conn.execute(insert(model.__table__), chunk)  # type: ignore[arg-type]
        refresh_summaries(conn, None)  # what the write paths keep, for the bulk rows
        if engine.dialect.name == "postgresql":  # explicit ids: move the sequences on
            for model, _ in targets:
                name = model.__tablename__
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {name}), 1))")
    if engine.dialect.name == "postgresql":
        # The planner's statistics, as autovacuum gathers them within a minute or so of a
        # bulk load on a real server (a benchmark run straight after the load would
        # otherwise plan with default estimates).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return {"sessions": sessions, "attempts": attempt_id, "criteria": crit_id,
            "questions": sq_id}

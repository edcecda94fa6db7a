"""Choosing a session's questions from the catalog: rounds, filters, seeded pick."""

from __future__ import annotations

import difflib
import hashlib
import json
import random
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..banks.models import ROUND_TITLES, ROUNDS, EffectiveRubric, Question
from ..rounds import LOOP, REVIEW
from .errors import SetupError

if TYPE_CHECKING:
    from ..banks import Catalog, QuestionRef
    from .types import Mode, SessionConfig

DIFFICULTIES = ("easy", "medium", "hard")
MODES = ("practice", "exam")


@dataclass(frozen=True)
class PlannedQuestion:
    """A question as the session asks it: frozen copies of the question and its rubric."""

    question: Question
    round: str
    bank: str
    time_limit: int
    rubric: EffectiveRubric

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def round_title(self) -> str:
        return ROUND_TITLES.get(self.round, self.round)

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready copy of the question and its effective rubric."""
        return {
            "question": self.question.model_dump(mode="json"),
            "rubric": self.rubric.model_dump(mode="json"),
            "round": self.round,
            "bank": self.bank,
            "time_limit": self.time_limit,
        }

    def content_hash(self) -> str:
        """sha256 over the snapshot (canonical JSON): equal hash, same question as asked."""
        blob = json.dumps(self.snapshot(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> PlannedQuestion:
        return cls(
            question=Question.model_validate(data["question"]),
            round=str(data["round"]),
            bank=str(data["bank"]),
            time_limit=int(data["time_limit"]),
            rubric=EffectiveRubric.model_validate(data["rubric"]),
        )


def check_round(round_: str, *, allow_loop: bool = True) -> str:
    known = (*ROUNDS, LOOP) if allow_loop else ROUNDS
    if round_ in known:
        return round_
    close = difflib.get_close_matches(round_, known, n=1, cutoff=0.5)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise SetupError(f"unknown round '{round_}'{hint}; choose from {', '.join(known)}")


def validate_config(config: SessionConfig, catalog: Catalog) -> None:
    if config.round == REVIEW:
        if not config.question_ids:
            raise SetupError("nothing is due for review (see interview review)")
    else:
        check_round(config.round)
    if config.mode not in MODES:
        raise SetupError(f"unknown mode '{config.mode}'; choose practice or exam")
    if config.n is not None and config.n < 1:
        raise SetupError(f"the number of questions must be at least 1, got {config.n}")
    if config.difficulty is not None and config.difficulty not in DIFFICULTIES:
        raise SetupError(f"unknown difficulty '{config.difficulty}'; "
                         f"choose from {', '.join(DIFFICULTIES)}")
    if config.max_followups < 0:
        raise SetupError("max follow-ups cannot be negative")
    if config.hint_penalty < 0:
        raise SetupError("the hint penalty cannot be negative")
    known_banks = {lf.bank.bank for lf in catalog.banks if lf.bank is not None}
    for b in config.banks:
        if b not in known_banks:
            close = difflib.get_close_matches(b, sorted(known_banks), n=1, cutoff=0.5)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise SetupError(f"unknown bank '{b}'{hint}")
    for qid in config.question_ids:
        check_question(qid, catalog)


def check_question(qid: str, catalog: Catalog) -> str:
    """``qid`` when a loaded bank has it; else ``SetupError`` naming up to three close ids."""
    if qid in catalog.questions:
        return qid
    close = difflib.get_close_matches(qid, sorted(catalog.questions), n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise SetupError(f"no question '{qid}'{hint}")


def one_question_config(catalog: Catalog, qid: str, *, mode: Mode = "practice",
                        seed: int | None = None, max_followups: int = 1) -> SessionConfig:
    """A session of exactly one chosen question, in that question's round."""
    from .types import SessionConfig  # the engine's value types, only when a session starts

    ref = catalog.questions[check_question(qid, catalog)]
    return SessionConfig(round=ref.round, n=1, mode=mode,
                         seed=seed, max_followups=max_followups, question_ids=(qid,))


def with_question_round(config: SessionConfig, catalog: Catalog) -> SessionConfig:
    """Explicit questions all from one round: the session is stored under that round
    (not the default round the config was built with)."""
    rounds = {catalog.questions[q].round for q in config.question_ids if q in catalog.questions}
    if len(rounds) == 1 and config.round not in (LOOP, REVIEW):
        (round_,) = rounds
        if round_ != config.round:
            return replace(config, round=round_)
    return config


def _matches(ref: QuestionRef, config: SessionConfig) -> bool:
    q = ref.question
    if config.banks and ref.bank.bank not in config.banks:
        return False
    if config.difficulty and q.difficulty != config.difficulty:
        return False
    if config.tags:
        wanted = {t.lower() for t in config.tags}
        if not wanted & {t.lower() for t in q.tags}:
            return False
    return True


def candidate_pool(catalog: Catalog, config: SessionConfig) -> dict[str, list[QuestionRef]]:
    """Matching questions per round (in ROUNDS order for a loop), sorted by id."""
    rounds = ROUNDS if config.round in (LOOP, REVIEW) else (check_round(config.round),)
    return {
        r: sorted((ref for ref in catalog.by_round(r) if _matches(ref, config)),
                  key=lambda ref: ref.id)
        for r in rounds
    }


def _describe_filters(config: SessionConfig) -> str:
    parts = [f"round {config.round}"]
    if config.banks:
        parts.append(f"bank {', '.join(config.banks)}")
    if config.tags:
        parts.append(f"tag {', '.join(config.tags)}")
    if config.difficulty:
        parts.append(f"difficulty {config.difficulty}")
    return "; ".join(parts)


def pick_questions(catalog: Catalog, config: SessionConfig, seed: int) -> list[QuestionRef]:
    """The session's questions: explicit ids, one per round for a loop, or ``n`` at random."""
    validate_config(config, catalog)
    if config.question_ids:
        return [catalog.questions[qid] for qid in config.question_ids]
    rng = random.Random(seed)
    pool = candidate_pool(catalog, config)
    if config.round == LOOP:
        picked = [rng.choice(refs) for refs in pool.values() if refs]
    else:
        refs = pool[config.round]
        from .types import DEFAULT_QUESTIONS

        n = config.n or DEFAULT_QUESTIONS
        picked = rng.sample(refs, min(n, len(refs)))
    if not picked:
        total = len(catalog.questions)
        where = "" if total else " (no banks loaded: check --banks)"
        raise SetupError(f"no questions match ({_describe_filters(config)}){where}")
    return picked


def plan(catalog: Catalog, refs: list[QuestionRef]) -> list[PlannedQuestion]:
    from ..scoring import rubric_for

    return [
        PlannedQuestion(
            question=ref.question.model_copy(deep=True),
            round=ref.round,
            bank=ref.bank.bank,
            time_limit=ref.time_limit,
            rubric=rubric_for(ref.question, catalog),
        )
        for ref in refs
    ]

"""The spaced-review queue: an FSRS card per question a user has answered.

Each session gives a question at most one review: its best concluded attempt, rated by
``domain.review.review_rating`` (score, band and missed criteria). ``record`` is called by
the session handle whenever it stores a concluded attempt; a better attempt later in the same
session replaces that session's review (the card keeps the state before it, ``prev_card``).
``rebuild`` replays a user's whole history through the scheduler, oldest answer first, at the
times the answers were given. The scheduler is deterministic (no fuzzing) and works in days:
no minute-long learning steps, since a question comes back in a later session.

``fsrs`` is imported only to schedule (recording and rebuilding), never to list or count.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..domain.attempt import Attempt
from ..domain.review import MissedPoint, ReviewRating, missed_points, session_review
from ..domain.words import plural
from ..domain.words import relative as relative
from ..store import review_queries as rq
from ..store.review_queries import CardRecord, DueSummary

if TYPE_CHECKING:
    from fsrs import Card, Scheduler
    from sqlalchemy import Connection, Engine

    from ..engine.types import ReviewCue, SessionConfig
    from .app import Service

STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}
DEFAULT_LIMIT = 5
"""Questions in a review session when no number is given."""
_scheduler: Scheduler | None = None


def scheduler() -> Scheduler:
    """The one scheduler: FSRS defaults (90% retention), no fuzzing, whole days."""
    global _scheduler
    if _scheduler is None:
        from fsrs import Scheduler

        _scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    return _scheduler


def fsrs_review(before: Card | str | None, rating: ReviewRating, at: datetime) -> Card:
    """The card after a review rated ``rating`` at ``at`` (``before``: the card, or its JSON
    text; None for a new card). ``before`` is not changed."""
    from fsrs import Card, Rating

    if before is None:
        card = Card(card_id=1, due=at)
    elif isinstance(before, str):
        card = Card.from_json(before)
    else:
        card = before
        if card.last_review is not None and at < card.last_review:
            at = card.last_review  # an older session finished late: never review backwards
    new, _ = scheduler().review_card(card, Rating[rating.capitalize()], review_datetime=at)
    return new


def state_of(card_json: str) -> str:
    try:
        return STATE_NAMES.get(int(json.loads(card_json).get("state", 0)), "new")
    except (ValueError, TypeError, AttributeError):
        return "new"


@dataclass(frozen=True)
class QuestionAnswered:
    """What a session knows about a question it asked, for its review."""

    session_id: int
    position: int
    question_id: str
    round: str
    bank: str
    prompt: str
    attempts: Sequence[Attempt]
    missed: dict[int, tuple[MissedPoint, ...]] | None = None
    """What each attempt missed, by attempt number (None: read from the reports)."""

    def missed_of(self, attempt: Attempt) -> tuple[MissedPoint, ...]:
        if self.missed is None:
            return missed_points(attempt)
        return self.missed.get(attempt.attempt, ())


@dataclass(frozen=True)
class _Prev:
    """What a review needs from the card before it (FSRS cards as objects or JSON text)."""

    card: Card | str
    prev_card: Card | str | None
    reviews: int
    last_session_id: int | None


def _prev_of(c: CardRecord | None) -> _Prev | None:
    return None if c is None else _Prev(c.card, c.prev_card, c.reviews, c.last_session_id)


def _json(card: Card | str | None) -> str | None:
    return card if card is None or isinstance(card, str) else card.to_json()


def _review_values(prev: _Prev | None, q: QuestionAnswered, at: datetime,
                   attempt_id: Callable[[int], int | None]) -> dict[str, Any] | None:
    """The card's new column values after this session's review of ``q`` (None: nothing
    concluded yet). ``card`` and ``prev_card`` are left as FSRS objects (``_json``)."""
    found = session_review(q.attempts, q.missed_of)
    if found is None:
        return None
    best, rating = found
    if prev is not None and prev.last_session_id == q.session_id:
        base, reviews = prev.prev_card, prev.reviews - 1
    else:
        base, reviews = (prev.card, prev.reviews) if prev is not None else (None, 0)
    card = fsrs_review(base, rating, at)
    return {
        "question_id": q.question_id, "round": q.round, "bank": q.bank,
        "title": q.prompt, "card": card, "prev_card": base,
        "state": STATE_NAMES.get(int(card.state), "review"), "due": card.due,
        "reviews": reviews + 1, "last_score": best.score, "last_band": best.band,
        "last_rating": rating, "missed": q.missed_of(best), "last_reviewed_at": at,
        "last_session_id": q.session_id, "last_attempt_id": attempt_id(best.attempt),
    }


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    """Column values as stored: cards as JSON text, the prompt as a one-line title."""
    return {**values, "card": _json(values["card"]), "prev_card": _json(values["prev_card"]),
            "title": rq.title_of(values["title"])}


class Reviews:
    """One user's review queue in one database."""

    def __init__(self, engine: Engine, user: str,
                 now: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.user = user
        self.now = now or (lambda: datetime.now(UTC))

    # -- writing --------------------------------------------------------------------------
    def record(self, answered: Sequence[QuestionAnswered], at: datetime) -> None:
        """Update the cards of questions whose attempt was just concluded (one
        transaction). Raises ``DatabaseError``."""
        with self._tx() as conn:
            for q in answered:
                self._record(conn, q, at)

    def _record(self, conn: Connection, q: QuestionAnswered, at: datetime) -> None:
        prev = _prev_of(rq.get_card(conn, self.user, q.question_id))
        values = _review_values(
            prev, q, at, lambda no: rq.attempt_id(conn, q.session_id, q.position, no))
        if values is not None:
            rq.save_card(conn, self.user, _stored(values))

    def rebuild(self) -> int:
        """Drop the user's cards and replay every answered question, oldest first, at the
        time it was answered. Returns the number of cards."""
        with self._tx() as conn:
            rq.delete_cards(conn, self.user)
            latest: dict[str, dict[str, Any]] = {}
            for past in rq.past_questions(conn, self.user):
                last = latest.get(past.question_id)
                prev = None if last is None else _Prev(last["card"], last["prev_card"],
                                                       last["reviews"], last["last_session_id"])
                q = QuestionAnswered(past.session_id, past.position, past.question_id,
                                     past.round, past.bank, past.prompt, past.attempts,
                                     past.missed)
                ids = dict(zip((a.attempt for a in past.attempts), past.attempt_ids,
                               strict=True))
                values = _review_values(prev, q, past.answered_at, ids.get)
                if values is not None:
                    latest[past.question_id] = values
            rq.insert_cards(conn, self.user, [_stored(v) for v in latest.values()])
            return len(latest)

    def ensure(self) -> bool:
        """Rebuild the cards from history when the user has answers but no cards (people
        who practised before the review queue existed). True when it rebuilt."""
        with self._connect() as conn:
            if rq.has_cards(conn, self.user) or not rq.has_answers(conn, self.user):
                return False
        self.rebuild()
        return True

    # -- reading --------------------------------------------------------------------------
    def due(self, limit: int | None = None) -> list[CardRecord]:
        """Cards due now, most overdue first."""
        with self._connect() as conn:
            return rq.list_cards(conn, self.user, due_by=self.now(), limit=limit)

    def all(self) -> list[CardRecord]:
        """Every card, soonest due first."""
        with self._connect() as conn:
            return rq.list_cards(conn, self.user)

    def summary(self) -> DueSummary:
        with self._connect() as conn:
            return rq.due_summary(conn, self.user, self.now())

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self._connect(begin=True) as conn:
            yield conn

    @contextmanager
    def _connect(self, *, begin: bool = False) -> Iterator[Connection]:
        """A connection (a transaction when ``begin``); database failures become one-line
        ``DatabaseError``s."""
        from sqlalchemy.exc import SQLAlchemyError

        from ..store.db import describe_error
        from ..store.errors import DatabaseError

        try:
            with (self.engine.begin() if begin else self.engine.connect()) as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise DatabaseError(describe_error(exc, self.engine.url)) from None


def card_to_json(c: CardRecord, now: datetime) -> dict[str, Any]:
    """A card as ``interview review --json`` prints it."""
    return {
        "question_id": c.question_id, "title": c.title, "round": c.round, "bank": c.bank,
        "due": c.due.isoformat(), "due_now": c.due <= now,
        "overdue_days": round((now - c.due).total_seconds() / 86400, 1),
        "state": c.state, "reviews": c.reviews, "last_score": round(c.last_score, 1),
        "last_band": c.last_band, "last_rating": c.last_rating,
        "last_reviewed_at": c.last_reviewed_at.isoformat(),
        "last_session_id": c.last_session_id,
        "missed": rq.missed_to_json(c.missed),
    }


def nothing_due(summary: DueSummary, now: datetime) -> str:
    """The line to show when no card is due."""
    if summary.next_due is None:
        return ("Nothing to review yet: questions you answer join the review queue "
                "(start with interview practice).")
    local = summary.next_due.astimezone()
    return (f"Nothing is due for review. The next question is due {relative(summary.next_due, now)}"
            f" ({local:%Y-%m-%d %H:%M}); {plural(summary.total, 'question')} scheduled.")


def cue_for(card: CardRecord, now: datetime) -> ReviewCue:
    """What the interviewer recalls about a due card."""
    from ..engine.types import ReviewCue

    missed = tuple(f"{m.label} ({m.probe})" if m.probe else m.label for m in card.missed)
    return ReviewCue(question_id=card.question_id,
                     days_ago=max(0, (now - card.last_reviewed_at).days),
                     score=card.last_score, band=card.last_band, missed=missed)


def review_config(svc: Service, config: SessionConfig) -> SessionConfig:
    """``config`` (round ``review``) with the due questions, most overdue first, up to
    ``config.n`` (default ``DEFAULT_LIMIT``). Due questions no bank has any more are left
    out and named (``review_missing``). Raises ``SetupError`` when nothing is due."""
    from dataclasses import replace

    from ..domain.errors import SetupError

    reviews = svc.reviews()
    reviews.ensure()
    now = reviews.now()
    catalog = svc.catalog()
    due = reviews.due()
    kept = [c for c in due if c.question_id in catalog.questions]
    missing = tuple(c.question_id for c in due if c.question_id not in catalog.questions)
    kept = kept[:config.n or DEFAULT_LIMIT]
    if not kept:
        why = nothing_due(reviews.summary(), now)
        if missing:
            why = (f"the questions due for review ({', '.join(missing)}) are no longer in "
                   "your banks")
        raise SetupError(why)
    return replace(config, question_ids=tuple(c.question_id for c in kept),
                   review=tuple(cue_for(c, now) for c in kept), review_missing=missing)

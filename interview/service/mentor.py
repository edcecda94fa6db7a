"""A mentor in the loop: notes and score overrides per answer, and disputed criteria.

Who may annotate and resolve disputes:

- on a cohort PostgreSQL database (``interview cohort init``), roles made with
  ``interview cohort add NAME --mentor`` (and the database owner); row-level security
  enforces it for raw SQL too;
- on SQLite (one person's file) and on a PostgreSQL database without cohort roles, whoever
  uses the database: a user mentoring themselves, or an instructor sharing the file.

Answers are numbered as ``interview show`` prints them: ``answer`` N is question N; without
an attempt number the attempt that counts is meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.attempt import Attempt
from ..domain.errors import SessionStateError, SetupError
from ..domain.mentor import (
    DISPUTE_REASON,
    OVERRIDE_MAX,
    OVERRIDE_MIN,
    Dispute,
    DisputeStatus,
    MentorNote,
)
from ..store.errors import UnknownSessionError
from ..store.mentor_store import AnswerRef, DisputeListing, MentorStore

if TYPE_CHECKING:
    from .app import Service

MAX_TEXT = 4000
DISPUTABLE = ("missed", "partial")

__all__ = ["AnnotateResult", "DisputeListing", "ResolveResult", "annotate", "can_mentor",
           "dispute", "list_disputes", "resolve_dispute"]


@dataclass(frozen=True)
class AnnotateResult:
    ref: AnswerRef
    note: MentorNote
    machine_score: float
    session_score: float | None


@dataclass(frozen=True)
class ResolveResult:
    dispute: Dispute
    listing: DisputeListing
    override: float | None
    """The recorded override (accepted), else None."""
    session_score: float | None


def can_mentor(svc: Service) -> tuple[bool, str]:
    """(allowed, why not). Cohort databases: mentor roles and the owner only."""
    url = svc.settings.database_url
    if not url.startswith("postgresql"):
        return True, ""
    from ..store.cohort import connection_role, is_cohort

    with svc._reading() as conn:
        if not is_cohort(conn):
            return True, ""
        user, role = connection_role(conn)
    if role in ("mentor", "owner"):
        return True, ""
    return False, (f"'{user}' is not a mentor on this cohort database (the owner adds mentors "
                   "with `interview cohort add NAME --mentor`)")


def _require_mentor(svc: Service) -> None:
    ok, why = can_mentor(svc)
    if not ok:
        raise SessionStateError(why)


def _text(value: str, what: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise SetupError(f"{what} is too long ({len(value)} characters; at most {MAX_TEXT})")
    return value


def _ref(session_id: int, answer: int, attempt: int | None) -> AnswerRef:
    if answer < 1:
        raise SetupError(f"no answer {answer}: answers are numbered from 1 as "
                         "`interview show` prints them")
    if attempt is not None and attempt < 1:
        raise SetupError(f"no attempt {attempt}: attempts are numbered from 1")
    return AnswerRef(session_id, answer - 1, attempt or 0)


def _stored_attempt(svc: Service, ref: AnswerRef, owner: str | None) -> Attempt:
    detail = svc.repository().load_session(ref.session_id, user=owner)
    for q in detail.questions:
        if q.index == ref.index:
            for a in q.attempts:
                if a.attempt == ref.attempt:
                    return a
    raise UnknownSessionError(f"session {ref.session_id}: answer {ref.index + 1} has no "
                              f"attempt {ref.attempt}")


def annotate(svc: Service, session_id: int, answer: int, *, note: str = "",
             score: float | None = None, reason: str = "",
             attempt: int | None = None) -> AnnotateResult:
    """Add a mentor note (and an override when ``score`` is given) to an answer of anyone's
    session. Raises ``SetupError`` (bad input), ``UnknownSessionError``,
    ``SessionStateError`` (not a mentor). Nothing is written unless it all checks out."""
    note = _text(note, "the note")
    reason = _text(reason, "the reason")
    if score is not None and not OVERRIDE_MIN <= score <= OVERRIDE_MAX:
        raise SetupError(f"score {score:g} is out of range: an override is 0-100")
    if not note and score is None:
        raise SetupError("nothing to add: give a note, a score, or both")
    if reason and score is None:
        raise SetupError("a reason goes with an override score (add --score)")
    ref = _ref(session_id, answer, attempt)
    _require_mentor(svc)
    store = MentorStore(svc.repository())
    ref = store.resolve_ref(ref, owner=None)
    machine = _stored_attempt(svc, ref, None).score
    saved, total = store.add_note(ref, author=svc.user, text=note,
                                  score=None if score is None else round(score, 1),
                                  reason=reason)
    return AnnotateResult(ref, saved, machine, total)


def dispute(svc: Service, session_id: int, answer: int, *, criterion: str, words: str,
            attempt: int | None = None) -> tuple[AnswerRef, Dispute]:
    """The candidate disputes a missed (or partly met) criterion of their own answer, with
    the words they used. Stored as pending; the score does not change."""
    words = _text(words, "the words")
    if not words:
        raise SetupError("say which words covered it (the words you used in your answer)")
    criterion = criterion.strip()
    ref = _ref(session_id, answer, attempt)
    store = MentorStore(svc.repository())
    ref = store.resolve_ref(ref, owner=svc.user)
    att = _stored_attempt(svc, ref, svc.user)
    if att.skipped:
        raise SetupError(f"answer {answer} was skipped: there is nothing to dispute")
    if att.report is None:
        raise SetupError(f"answer {answer} has no readable report (written by another "
                         "version): ask a mentor to annotate it instead")
    found = next((c for c in att.report.criteria if c.id == criterion), None)
    open_ = [c.id for c in att.report.criteria if c.status in DISPUTABLE]
    if found is None or found.status not in DISPUTABLE:
        state = "no such criterion" if found is None else f"it was {found.status}"
        choices = ", ".join(open_) if open_ else "none: every criterion was met"
        raise SetupError(f"cannot dispute '{criterion}' ({state}); missed criteria of answer "
                         f"{answer}: {choices}")
    saved = store.add_dispute(ref, criterion_id=found.id, label=found.label, words=words,
                              owner=svc.user)
    return ref, saved


def list_disputes(svc: Service, status: DisputeStatus | None = "pending") -> list[DisputeListing]:
    """Disputes (pending by default; None: all), by question then oldest first."""
    return MentorStore(svc.repository()).disputes(status=status)


def resolve_dispute(svc: Service, dispute_id: int, *, accept: bool,
                    note: str = "") -> ResolveResult:
    """A mentor accepts or rejects a pending dispute. Accepting records an override: the
    answer's score recomputed with the disputed criterion (and any accepted before) met, by
    the scorer's own totals arithmetic, with the reason "dispute accepted: <label>"."""
    from ..scoring.credit import score_with_criteria_met

    note = _text(note, "the note")
    _require_mentor(svc)
    store = MentorStore(svc.repository())
    found = store.disputes(dispute_id=dispute_id)
    if not found:
        raise UnknownSessionError(f"no dispute {dispute_id} (see interview bank disputes "
                                  "--status all)")
    listing = found[0]
    d = listing.dispute
    if d.status != "pending":
        raise SessionStateError(f"dispute {dispute_id} is already {d.status}")
    override: float | None = None
    reason = ""
    if accept:
        ref = AnswerRef(listing.session_id, listing.index, listing.attempt)
        att = _stored_attempt(svc, ref, None)
        if att.report is None:
            raise SetupError(f"dispute {dispute_id}: the answer's report is unreadable, so its "
                             "score cannot be recomputed; use interview annotate --score")
        credited = {x.criterion_id for x in att.disputes if x.status == "accepted"}
        override = score_with_criteria_met(att.report, credited | {d.criterion_id})
        reason = DISPUTE_REASON + d.criterion_label
    saved, total = store.resolve_dispute(dispute_id, accept=accept, resolver=svc.user,
                                         note=note, override=override, reason=reason)
    return ResolveResult(saved, listing, override, total)

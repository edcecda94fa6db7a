"""The spaced-review queue over a real database: cards follow the answers, due order, one
review per question per session, rebuild from history, review sessions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview.config import Settings
from interview.domain.review import MissedPoint
from interview.service import Service, SessionConfig, SetupError
from interview.service.review import fsrs_review
from interview.store import review_queries as rq
from tests.fakes import FakeScorer
from tests.service.test_service import FIXTURES, GOOD

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = 86400.0


class Wall:
    def __init__(self) -> None:
        self.t = T0.timestamp()

    def __call__(self) -> float:
        return self.t

    def days(self, n: float) -> None:
        self.t += n * DAY


@pytest.fixture
def wall() -> Wall:
    return Wall()


@pytest.fixture
def svc(db_url: str, wall: Wall) -> Iterator[Service]:
    s = Service(Settings.build(db_url=db_url, user="ada", banks=[str(FIXTURES)],
                               shipped_banks=False), scorer=FakeScorer(), wall_clock=wall)
    yield s
    s.close()


def _session(svc: Service, answers: dict[str, str]) -> int:
    h = svc.start_session(SessionConfig(question_ids=tuple(answers), max_followups=0))
    h.start()
    for i, answer in enumerate(answers.values()):
        if answer:
            h.submit(answer, elapsed=10)
        else:
            h.skip()
        if i + 1 < len(answers):
            h.next()
    h.next()
    assert h.finished and h.review_error is None
    return h.id


def test_cards_follow_the_answers_and_come_due_weakest_first(svc: Service, wall: Wall) -> None:
    _session(svc, {"mlt-fx-overfit": GOOD, "mlt-fx-bias": "not sure", "mlt-fx-leak": ""})
    cards = {c.question_id: c for c in svc.reviews().all()}
    assert set(cards) == {"mlt-fx-overfit", "mlt-fx-bias", "mlt-fx-leak"}
    good, weak, skipped = cards["mlt-fx-overfit"], cards["mlt-fx-bias"], cards["mlt-fx-leak"]
    assert (good.last_rating, good.last_score, good.missed) == ("easy", 100.0, ())
    assert weak.last_rating == "again" and weak.last_band == "missing"
    assert [m.id for m in weak.missed] == ["bias", "variance", "complexity"]
    assert weak.missed[0].probe == "Where does bias come from?"
    assert skipped.last_rating == "again" and skipped.last_band == "skipped"
    assert weak.due < good.due and good.due - T0 >= timedelta(days=3)
    assert svc.reviews().due() == []  # nothing due straight away
    wall.days(1)
    assert {c.question_id for c in svc.reviews().due()} == {"mlt-fx-bias", "mlt-fx-leak"}
    wall.days(30)
    due = svc.reviews().due()
    assert [c.question_id for c in due][-1] == "mlt-fx-overfit"  # the most overdue first
    assert [c.due for c in due] == sorted(c.due for c in due)
    summary = svc.reviews().summary()
    assert (summary.due, summary.total) == (3, 3)


def test_a_missed_point_brings_the_card_back_sooner() -> None:
    hard = fsrs_review(None, "hard", T0)
    good = fsrs_review(None, "good", T0)
    easy = fsrs_review(None, "easy", T0)
    again = fsrs_review(None, "again", T0)
    assert again.due <= hard.due < good.due < easy.due
    again2 = fsrs_review(good.to_json(), "again", good.due)
    good2 = fsrs_review(good.to_json(), "good", good.due)
    assert again2.due < good2.due and good2.due - good.due > good.due - T0


def test_one_review_per_question_per_session_the_best_attempt(svc: Service, wall: Wall) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0))
    h.start()
    h.submit("not sure", elapsed=5)
    [first] = svc.reviews().all()
    assert (first.reviews, first.last_rating) == (1, "again")
    wall.days(0.01)
    h.retry()
    h.submit(GOOD, elapsed=5)
    [card] = svc.reviews().all()
    assert (card.reviews, card.last_rating, card.last_score) == (1, "easy", 100.0)
    assert card.prev_card is None  # replaced the session's review, did not add one
    assert card.last_attempt_id is not None and card.last_session_id == h.id
    h.next()
    wall.days(10)
    _session(svc, {"mlt-fx-overfit": "It memorises noise."})
    [card] = svc.reviews().all()
    assert card.reviews == 2 and card.prev_card is not None
    assert card.last_rating == "again"  # 40: below the pass line


def test_a_retry_after_the_model_answer_is_not_a_good_review(svc: Service) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0))
    h.start()
    h.submit("not sure", elapsed=5)
    assert h.model_answer()
    h.retry()
    h.submit(GOOD, elapsed=5)
    [card] = svc.reviews().all()
    assert card.last_rating == "again" and card.last_score == 0.0


def test_cards_are_rebuilt_from_history(svc: Service, wall: Wall, db_url: str) -> None:
    _session(svc, {"mlt-fx-overfit": GOOD, "mlt-fx-bias": "not sure"})
    _session(svc, {"mlt-fx-bias": "underfitting and sensitive to the data"})
    live = {c.question_id: c for c in svc.reviews().all()}
    reviews = svc.reviews()
    assert reviews.ensure() is False  # cards exist: nothing to do
    with reviews.engine.begin() as conn:
        assert rq.delete_cards(conn, "ada") == 2
    assert reviews.ensure() is True
    rebuilt = {c.question_id: c for c in reviews.all()}
    assert set(rebuilt) == set(live)
    for qid, card in rebuilt.items():
        old = live[qid]
        assert (card.reviews, card.last_score, card.last_rating, card.missed,
                card.last_session_id, card.last_attempt_id) == \
            (old.reviews, old.last_score, old.last_rating, old.missed,
             old.last_session_id, old.last_attempt_id)
    assert rebuilt["mlt-fx-bias"].reviews == 2
    assert reviews.rebuild() == 2  # deterministic: the same again
    again = {c.question_id: (c.card, c.due) for c in reviews.all()}
    assert again == {q: (c.card, c.due) for q, c in rebuilt.items()}


def test_a_review_session_asks_the_due_questions_and_recalls_the_misses(
        svc: Service, wall: Wall) -> None:
    _session(svc, {"mlt-fx-overfit": GOOD, "mlt-fx-bias": "underfitting",
                   "mlt-fx-leak": ""})
    reviews = svc.reviews()
    with reviews.engine.begin() as conn:  # a question since removed from the banks
        rq.save_card(conn, "ada", {
            "question_id": "mlt-gone", "round": "ml-theory", "bank": "old", "title": "Gone",
            "card": fsrs_review(None, "again", T0).to_json(), "prev_card": None,
            "state": "review", "due": T0, "reviews": 1, "last_score": 10.0,
            "last_band": "missing", "last_rating": "again",
            "missed": [MissedPoint("x", "a point", True, None)], "last_reviewed_at": T0,
            "last_session_id": None, "last_attempt_id": None})
    wall.days(3)
    h = svc.start_session(SessionConfig(round="review", max_followups=0))
    assert h.config.review_missing == ("mlt-gone",)
    assert set(h.config.question_ids) == {"mlt-fx-bias", "mlt-fx-leak"}
    texts = [m.text for m in h.start().messages]
    assert any("no longer in" in t and "mlt-gone" in t for t in texts)
    cue = next(t for t in texts if "3 days ago" in t)
    first = h.question
    assert first is not None
    if first.id == "mlt-fx-bias":
        assert "variance is sensitivity to the sample" in cue
        assert "What happens to a high-variance model" in cue
    h.submit(GOOD, elapsed=5)
    [rec] = [r for r in svc.history() if r.id == h.id]
    assert rec.status == "unfinished"
    card = next(c for c in svc.reviews().all() if c.question_id == first.id)
    assert card.reviews == 2 and card.last_session_id == h.id


def test_nothing_due_is_a_clear_setup_error(svc: Service, wall: Wall) -> None:
    with pytest.raises(SetupError, match="Nothing to review yet"):
        svc.start_session(SessionConfig(round="review"))
    _session(svc, {"mlt-fx-overfit": GOOD})
    with pytest.raises(SetupError, match=r"Nothing is due for review\. The next question is due "
                                         r"in 8 days"):
        svc.start_session(SessionConfig(round="review"))


def test_a_review_session_resumes_with_its_cues(svc: Service, wall: Wall) -> None:
    _session(svc, {"mlt-fx-bias": "underfitting", "mlt-fx-leak": ""})
    wall.days(2)
    h = svc.start_session(SessionConfig(round="review", n=1))
    h.start()
    assert len(h.config.question_ids) == 1 and h.config.review
    h.pause()
    again = svc.resume(h.id)
    assert again.config.review == h.config.review
    assert any("2 days ago" in m.text for m in again.start().messages)


def test_home_figures_count_the_due_cards_and_keep_them_in_the_snapshot(
        svc: Service, wall: Wall) -> None:
    from interview.service.overview import read_snapshot

    _session(svc, {"mlt-fx-overfit": GOOD, "mlt-fx-bias": "not sure"})
    figures = svc.home_figures()
    assert (figures.review.due, figures.review.scheduled) == (0, 2)
    assert figures.review.next_due == T0 + timedelta(days=1)
    wall.days(2)
    figures = svc.home_figures()
    assert figures.review.due == 1
    kept = read_snapshot(svc.settings)
    assert kept is None or kept.review == figures.review  # None: a server database


def test_home_figures_rebuild_the_cards_of_an_older_history(svc: Service, wall: Wall) -> None:
    _session(svc, {"mlt-fx-bias": "not sure"})
    reviews = svc.reviews()
    with reviews.engine.begin() as conn:  # as if answered before the review queue existed
        rq.delete_cards(conn, "ada")
    review = svc.home_figures().review
    assert review.needs_rebuild and review.scheduled == 0  # Home shows the rest first
    rebuilt = svc.rebuild_review_queue()
    assert rebuilt.scheduled == 1 and not rebuilt.needs_rebuild
    assert not svc.home_figures().review.needs_rebuild


def test_sessions_without_an_answer_need_no_rebuild(svc: Service, wall: Wall) -> None:
    """A session started and paused before its first answer has no cards to build: Home
    must not say it is building the queue (it said so for good)."""
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0))
    h.start()
    review = svc.home_figures().review
    assert review.scheduled == 0 and not review.needs_rebuild


def test_importing_sessions_rebuilds_the_review_queue(svc: Service, wall: Wall,
                                                      tmp_path: Path) -> None:
    from interview.service.transfer import export_history, import_history

    _session(svc, {"mlt-fx-bias": "not sure"})
    out = tmp_path / "mine.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        export_history(svc, fh)
    other = Service(Settings.build(db_url=f"sqlite:///{tmp_path / 'other.db'}", user="ada",
                                   banks=[str(FIXTURES)], shipped_banks=False),
                    scorer=FakeScorer(), wall_clock=wall)
    try:
        _session(other, {"mlt-fx-overfit": GOOD})
        assert [c.question_id for c in other.reviews().all()] == ["mlt-fx-overfit"]
        assert import_history(other, str(out)).imported == 1
        other.reviews().ensure()
        assert {c.question_id for c in other.reviews().all()} == {"mlt-fx-overfit",
                                                                  "mlt-fx-bias"}
    finally:
        other.close()

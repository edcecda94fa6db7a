"""Every engine event that matters is stored: a resumed session is the session that was left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, update

from interview.config import Settings
from interview.service import Service, SessionConfig
from interview.store.models import Attempt as AttemptRow
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
PARTIAL = "It memorises noise in the training data."
GOOD = PARTIAL + " Watch the validation error; regularisation helps."


class Wall:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def make(db_url: str, wall: Wall | None = None) -> Service:
    return Service(Settings.build(db_url=db_url, banks=[str(FIXTURES)], shipped_banks=False),
                   scorer=FakeScorer(), wall_clock=wall)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db' / 'history.db'}"


@pytest.fixture
def svc(url: str) -> Iterator[Service]:
    s = make(url)
    yield s
    s.close()


def test_a_follow_up_and_its_draft_survive_a_pause(svc: Service, url: str) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-bias", "mlt-fx-overfit"), seed=1))
    h.start()
    h.submit("Wrong assumptions; sensitivity to the training sample; model complexity.")
    h.next()
    assert h.submit(PARTIAL).phase == "follow-up"  # on the last question
    h.pause(draft="By looking at the valid")
    again = make(url).resume(h.id)
    turn = again.start()
    assert again.phase == "follow-up" and again.draft == "By looking at the valid"
    assert turn.messages[-1].kind == "follow-up"
    fb = again.submit("By looking at the validation error.").feedback
    assert fb is not None and fb.followups[0].earned_back > 0
    assert again.next().summary is not None


def test_a_hint_taken_before_a_pause_still_costs(svc: Service, url: str) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0))
    h.start()
    h.hint()
    h.pause()
    again = make(url).resume(h.id)
    again.start()
    assert again.question is not None and again.question.hints_used == 1
    fb = again.submit(GOOD).feedback
    assert fb is not None and fb.hints_used == 1 and fb.score == 95.0


def test_quitting_does_not_reset_the_exam_clock(url: str) -> None:
    wall = Wall()
    svc = make(url, wall)
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), mode="exam",
                                        max_followups=0))
    h.start()
    h.save_draft("Overfitting is")  # the program is then killed: no pause
    wall.now += 100  # 100 s pass while it is closed
    again = make(url, wall).resume(h.id)
    again.start()
    tc = again.check_time()
    assert tc.elapsed == pytest.approx(100, abs=1) and tc.remaining == pytest.approx(20, abs=1)
    assert again.draft == "Overfitting is"
    wall.now += 30
    assert make(url, wall).resume(h.id).check_time().must_submit


def test_an_unreadable_report_keeps_its_score(svc: Service, url: str) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0))
    h.start()
    h.submit(GOOD)
    h.next()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(update(AttemptRow).values(report={"band": "superb", "score": "?"}))
    engine.dispose()
    detail = svc.session_detail(h.id)
    [att] = detail.questions[0].attempts
    assert att.report is None and att.report_unavailable and att.score == 100.0
    assert detail.summary.total == 100.0 == svc.history()[0].score


def test_a_session_ended_before_any_answer_has_no_score(svc: Service) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",)))
    h.start()
    h.end()
    [rec] = svc.history()
    assert rec.status == "finished" and rec.score is None and rec.answers == 0


def test_visible_tests_run_on_the_session_snapshot(svc: Service) -> None:
    h = svc.start_session(SessionConfig(question_ids=("cs-fx-sum",), max_followups=0))
    h.start()
    svc.reload_catalog()  # the live catalog is not what the session asks
    summary = h.run_visible_tests("def total(xs):\n    return sum(xs)\n")
    assert summary.include_hidden is False and summary.passed == summary.total > 0


def test_a_late_draft_for_a_question_already_answered_is_ignored(svc: Service,
                                                                 url: str) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-bias"),
                                        max_followups=0))
    h.start()
    typed_at = (0, "question")
    h.submit(GOOD)  # the draft below was typed before this, but arrives after it
    h.save_draft(GOOD, typed_at=typed_at)
    h.next()
    h.pause()
    assert make(url).resume(h.id).draft == ""

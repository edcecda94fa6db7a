"""The mentor service over SQLite and PostgreSQL (no cohort roles: whoever uses the database
may annotate): an override made on an unfinished session survives resuming and finishing it,
and a retry does not hide it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interview.config import Settings
from interview.service import Service, SessionConfig, SetupError
from interview.service.mentor import annotate, can_mentor
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
CONFIG = SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-bias"), max_followups=0, seed=1)
THIN = "It memorises noise."


def make_service(db_url: str) -> Service:
    return Service(Settings.build(db_url=db_url, user="ada", banks=[str(FIXTURES)],
                                  shipped_banks=False), scorer=FakeScorer())


@pytest.fixture
def svc(db_url: str) -> Iterator[Service]:
    s = make_service(db_url)
    yield s
    s.close()


def test_an_override_survives_resuming_and_finishing(svc: Service) -> None:
    assert can_mentor(svc) == (True, "")
    h = svc.start_session(CONFIG)
    h.start()
    h.submit(THIN, elapsed=3)
    h.pause()
    res = annotate(svc, h.id, 1, note="Better than it looks.", score=95, reason="concise")
    assert res.session_score == 95.0
    resumed = svc.resume(h.id)
    resumed.start()
    resumed.submit("Bias is error from wrong assumptions.", elapsed=3)
    resumed.next()
    detail = svc.session_detail(h.id)
    assert detail.record.status == "finished"
    first = detail.questions[0].attempts[0]
    assert first.counted_score == 95.0 and first.score < 95.0
    second = detail.questions[1].attempts[0].score
    assert detail.record.score == pytest.approx((95.0 + second) / 2)
    assert svc.history()[0].score == pytest.approx((95.0 + second) / 2)


def test_the_attempt_that_counts_follows_the_override(svc: Service) -> None:
    h = svc.start_session(CONFIG)
    h.start()
    h.submit(THIN, elapsed=3)
    h.retry()
    h.submit("It memorises noise; compare the validation error.", elapsed=3)
    q = svc.session_detail(h.id).questions[0]
    assert q.best_score == q.attempts[1].score  # the better retry counts
    assert q.attempts[1].score < 90 and q.attempts[0].score < q.attempts[1].score
    annotate(svc, h.id, 1, attempt=1, score=90, reason="the first one was complete")
    q = svc.session_detail(h.id).questions[0]
    assert q.best_score == 90.0
    res = annotate(svc, h.id, 1, note="noted")  # no --attempt: the one that counts now
    assert res.ref.attempt == 1


def test_bad_input_writes_nothing(svc: Service) -> None:
    h = svc.start_session(CONFIG)
    h.start()
    h.submit(THIN, elapsed=3)
    for kwargs in ({"score": 100.5}, {"score": -0.1}, {}, {"note": "x" * 5000},
                   {"note": "x", "reason": "r"}):
        with pytest.raises(SetupError):
            annotate(svc, h.id, 1, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(SetupError):
        annotate(svc, h.id, 0, note="x")
    assert not svc.session_detail(h.id).questions[0].attempts[0].notes

"""The service over a real database (SQLite and PostgreSQL): persistence, resume, history,
detail, stats, export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview.config import Settings
from interview.service import (
    LOOP,
    Service,
    SessionConfig,
    SessionStateError,
    SetupError,
    UnknownSessionError,
)
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
GOOD = ("Overfitting is when the model memorises noise in the training data; watch the "
        "validation error on a held-out set; regularisation helps.")


def make_service(db_url: str, user: str = "ada") -> Service:
    return Service(Settings.build(db_url=db_url, user=user, banks=[str(FIXTURES)],
                                  shipped_banks=False), scorer=FakeScorer())


@pytest.fixture
def svc(db_url: str) -> Iterator[Service]:
    s = make_service(db_url)
    yield s
    s.close()


def test_construction_touches_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'h.db'}"
    Service(Settings.build(db_url=url))
    assert not (tmp_path / "nowhere").exists()


def test_each_answer_is_stored_when_submitted(svc: Service, db_url: str) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-bias"),
                                        max_followups=1, seed=1))
    h.start()
    turn = h.submit("It memorises noise in the training data.", elapsed=12)
    assert turn.phase == "follow-up"
    other = make_service(db_url)  # a second program sees it at once
    [q1, _] = other.session_detail(h.id).questions
    assert q1.attempts[0].answer == "It memorises noise in the training data."
    h.submit("Check the validation error.", elapsed=5)
    [q1, q2] = other.session_detail(h.id).questions
    assert q1.attempts[0].followups[0].answer == "Check the validation error."
    assert q1.attempts[0].followups[0].earned_back > 0
    assert q2.attempts == ()
    [rec] = other.history()
    assert rec.status == "unfinished" and rec.answers == 1
    assert rec.score == pytest.approx(q1.attempts[0].score)
    other.close()


def test_finish_history_detail_and_snapshot(svc: Service) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-leak"),
                                        max_followups=0))
    h.start()
    h.hint()
    h.submit(GOOD, elapsed=30)
    h.retry()
    h.submit("not sure", elapsed=10)
    h.next()
    h.skip()
    summary = h.next().summary
    assert summary is not None and h.finished
    [rec] = svc.history()
    assert rec.status == "finished" and rec.finished_at is not None
    assert rec.answers == 1 and rec.questions == 2  # one question answered (twice), one skipped
    assert rec.score == pytest.approx(summary.total)
    detail = svc.session_detail(rec.id)
    q1, q2 = detail.questions
    assert [a.attempt for a in q1.attempts] == [1, 2]
    assert q1.attempts[0].hints_used == 1 and q1.attempts[0].hint_penalty == 5.0
    assert q1.best_score == q1.attempts[0].score
    assert q2.attempts[0].skipped and q2.best_score == 0
    assert q1.prompt.startswith("What is overfitting") and len(q1.content_hash) == 64
    assert q1.model_answer and q1.hints == ("Compare two kinds of error.",
                                            "Think about a held-out set.")
    assert detail.summary.total == pytest.approx(summary.total)
    assert detail.summary.finished


def test_history_filters_by_round_and_user(svc: Service, db_url: str) -> None:
    for cfg in (SessionConfig(round="ml-theory", n=1, seed=1),
                SessionConfig(round=LOOP, seed=2)):
        h = svc.start_session(cfg)
        h.start()
        h.skip()
    bob = make_service(db_url, user="bob")
    bob.start_session(SessionConfig(round="behavioral", n=1)).start()
    assert [r.rounds for r in svc.history()] == [
        ("coding-screen", "ml-theory", "system-design", "behavioral", "portfolio"),
        ("ml-theory",)]
    assert len(svc.history("portfolio")) == 1
    assert len(svc.history("ml-theory")) == 2
    assert len(svc.history("behavioral")) == 1  # bob's is not listed
    assert len(svc.history("behavioral", all_users=True)) == 2
    with pytest.raises(SetupError, match="did you mean 'behavioral'"):
        svc.history("behavioural")
    with pytest.raises(UnknownSessionError, match="--all-users"):
        svc.session_detail(bob.history()[0].id)
    bob.close()


def test_resume_continues_and_finishes(svc: Service, db_url: str) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-bias"),
                                        max_followups=0, seed=3))
    h.start()
    h.submit(GOOD)
    h.pause()
    assert [r.id for r in svc.unfinished_sessions()] == [h.id]
    again = make_service(db_url).resume(h.id)
    turn = again.start()
    assert again.question is not None and again.question.id == "mlt-fx-bias"
    assert any(m.kind == "answer" and m.text == GOOD for m in turn.messages)
    again.submit("Bias is from wrong assumptions, variance from sensitivity to the data.")
    assert again.next().summary is not None
    assert svc.unfinished_sessions() == []
    with pytest.raises(SessionStateError, match="finished"):
        svc.resume(h.id)
    with pytest.raises(UnknownSessionError):
        svc.resume(99999)


def test_stats_per_round_and_most_missed(svc: Service) -> None:
    scores = []
    for answer in ("It memorises noise.", GOOD):
        h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=0))
        h.start()
        fb = h.submit(answer).feedback
        assert fb is not None
        scores.append(fb.score)
        h.next()
    stats = svc.stats()
    mlt = next(r for r in stats.rounds if r.round == "ml-theory")
    assert mlt.sessions == 2 and mlt.trend == pytest.approx(tuple(scores))
    assert mlt.best == pytest.approx(max(scores)) and mlt.last == pytest.approx(scores[-1])
    assert mlt.average == pytest.approx(sum(scores) / 2)
    assert next(r for r in stats.rounds if r.round == "portfolio").sessions == 0
    missed = {c.id: c.count for c in stats.missed_criteria}
    assert missed.get("detection") == 1  # only the first answer missed it
    counts = [c.count for c in stats.missed_criteria]
    assert counts == sorted(counts, reverse=True)
    assert {t.tag for t in stats.weakest_tags} == {"generalisation", "evaluation"}
    assert [r.round for r in svc.round_overview()][:2] == ["coding-screen", "ml-theory"]


def test_export_markdown_and_json(svc: Service, tmp_path: Path) -> None:
    h = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), max_followups=1))
    h.start()
    assert h.submit("It memorises noise in the training data.").phase == "follow-up"
    h.submit("By looking at the validation error.")
    h.next()
    md = svc.export(h.id, "md")
    assert md == svc.settings.exports_dir / f"session-{h.id}.md"
    text = md.read_text()
    for expected in ("What is overfitting", "It memorises noise in the training data.",
                     "#### Criteria", "Follow-ups", "### Model answer", "Overall score"):
        assert expected in text
    out = svc.export(h.id, "json", tmp_path / "x" / "s.json")
    data = json.loads(out.read_text())
    assert data["session"]["id"] == h.id
    assert data["questions"][0]["attempts"][0]["report"]["criteria"]


def test_setup_errors_come_before_anything_is_stored(svc: Service) -> None:
    with pytest.raises(SetupError, match="no questions match"):
        svc.start_session(SessionConfig(round="portfolio", tags=("nope",)))
    assert svc.history() == []

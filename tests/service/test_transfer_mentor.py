"""History transfer carries mentor notes, overrides and disputes: a round trip keeps them and
the score that counts; where notes cannot be written the sessions still go in, and the result
says how many notes were left out and why."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview.config import Settings
from interview.service import Service, SessionConfig
from interview.service.mentor import annotate, dispute, list_disputes, resolve_dispute
from interview.service.transfer import export_history, import_history
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
CONFIG = SessionConfig(question_ids=("mlt-fx-overfit", "mlt-fx-bias"), max_followups=0, seed=1)


def make_service(db_url: str, user: str = "ada") -> Service:
    return Service(Settings.build(db_url=db_url, user=user, banks=[str(FIXTURES)],
                                  shipped_banks=False), scorer=FakeScorer())


def _missed(svc: Service, sid: int, index: int) -> list[str]:
    report = svc.session_detail(sid).questions[index].attempts[-1].report
    assert report is not None
    return [c.id for c in report.criteria if c.status in ("missed", "partial")]


def _history_with_notes(url: str) -> int:
    """ada's session of two answers (the first retried); mia annotates and resolves."""
    ada = make_service(url)
    h = ada.start_session(CONFIG)
    h.start()
    h.submit("It memorises noise.", elapsed=3)
    h.retry()
    h.submit("It memorises noise; compare the validation error.", elapsed=3)
    h.next()
    h.submit("Bias is error from wrong assumptions.", elapsed=3)
    h.next()
    first, second = _missed(ada, h.id, 0), _missed(ada, h.id, 1)
    _, d1 = dispute(ada, h.id, 1, criterion=first[0], words="I said validation error")
    dispute(ada, h.id, 2, criterion=second[0], words="wrong assumptions")
    ada.close()
    mia = make_service(url, "mia")
    annotate(mia, h.id, 1, attempt=1, note="The first try was enough.", score=88,
             reason="complete")
    annotate(mia, h.id, 2, note="Name the variance side too.")
    resolve_dispute(mia, d1.id, accept=True, note="fair")
    mia.close()
    return h.id


def _extras(svc: Service, sid: int) -> list[object]:
    detail = svc.session_detail(sid)
    return [(q.best_score,
             [(a.attempt, a.score, a.counted_score,
               [(n.author, n.text, n.score, n.reason) for n in a.notes],
               [(d.criterion_id, d.words, d.status, d.resolved_by, d.resolution)
                for d in a.disputes]) for a in q.attempts])
            for q in detail.questions] + [detail.record.score]


def _export(url: str, out: Path) -> None:
    svc = make_service(url)
    with out.open("w", encoding="utf-8") as fh:
        export_history(svc, fh, all_users=True)
    svc.close()


def test_a_round_trip_keeps_notes_overrides_disputes_and_the_score(
        tmp_path: Path, db_url: str) -> None:
    source = f"sqlite:///{tmp_path / 'src' / 'history.db'}"
    sid = _history_with_notes(source)
    out = tmp_path / "all.jsonl"
    _export(source, out)
    src = make_service(source)
    before = _extras(src, sid)
    stats_before = src.stats()
    src.close()
    notes = [n for q in before[:-1] for a in q[1] for n in a[3]]  # type: ignore[index]
    assert len(notes) == 3 and {n[0] for n in notes} == {"mia"}

    target = make_service(db_url)
    result = import_history(target, str(out))
    assert (result.imported, result.notes_skipped, result.disputes_skipped) == (1, 0, 0)
    assert result.skipped_notice() == ""
    new_id = target.history()[0].id
    assert _extras(target, new_id) == before
    assert target.history()[0].score == before[-1]
    assert target.stats() == stats_before
    # Present already: skipped. --as-new: a second copy, notes on the same attempts.
    assert import_history(target, str(out)).skipped == 1
    assert import_history(target, str(out), as_new=True).imported == 1
    copy = max(r.id for r in target.history())
    assert copy != new_id and _extras(target, copy) == before
    assert len(list_disputes(target, None)) == 4
    target.close()


def test_notes_the_database_refuses_are_skipped_and_the_sessions_kept(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'src' / 'history.db'}"
    sid = _history_with_notes(source)
    out = tmp_path / "all.jsonl"
    _export(source, out)
    src = make_service(source)
    detail = src.session_detail(sid)
    src.close()
    path = tmp_path / "dst" / "history.db"
    target = make_service(f"sqlite:///{path}")
    target.history()  # creates and migrates the database
    with sqlite3.connect(path) as c:  # a database that will not take notes
        c.execute("CREATE TRIGGER no_notes BEFORE INSERT ON answer_notes "
                  "BEGIN SELECT RAISE(ABORT, 'notes are not allowed here'); END")
    result = import_history(target, str(out))
    assert (result.imported, result.notes_skipped, result.disputes_skipped) == (1, 3, 2)
    notice = result.skipped_notice()
    assert notice.startswith("3 mentor notes and 2 disputes not imported")
    assert "refused" in notice and "\n" not in notice
    new = target.session_detail(target.history()[0].id)
    assert [a.notes for q in new.questions for a in q.attempts] == [()] * 3
    machine = [q.best_score for q in new.questions]
    assert machine != [q.best_score for q in detail.questions]  # the override is not there
    assert new.record.score == pytest.approx(sum(machine) / 2)
    assert target.history()[0].score == new.record.score
    target.close()


def test_a_member_who_may_not_write_notes_imports_sessions_and_pending_disputes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = f"sqlite:///{tmp_path / 'src' / 'history.db'}"
    _history_with_notes(source)
    out = tmp_path / "all.jsonl"
    _export(source, out)
    why = "'ada' is not a mentor on this cohort database"
    monkeypatch.setattr("interview.service.mentor.can_mentor", lambda svc: (False, why))
    target = make_service(f"sqlite:///{tmp_path / 'dst' / 'history.db'}")
    result = import_history(target, str(out))
    assert (result.imported, result.notes_skipped, result.disputes_skipped) == (1, 3, 1)
    assert result.skipped_notice() == (
        f"3 mentor notes and 1 dispute not imported (the sessions were): {why}")
    new = target.session_detail(target.history()[0].id)
    assert [d.status for q in new.questions for a in q.attempts for d in a.disputes] == [
        "pending"]
    assert all(not a.notes for q in new.questions for a in q.attempts)
    assert new.record.score == pytest.approx(sum(q.best_score for q in new.questions) / 2)
    target.close()

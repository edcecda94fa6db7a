"""Mentors on a cohort PostgreSQL database: row-level security lets a mentor write notes,
overrides and dispute resolutions, and a member only read their notes and file pending
disputes on their own answers, through the app and through raw SQL."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from interview.config import Settings
from interview.service import Service, SessionStateError
from interview.service.mentor import annotate, can_mentor, dispute, list_disputes, resolve_dispute
from interview.service.transfer import export_history, import_history

from .test_cohort import (
    ANSWER,
    CONFIG,
    FIXTURES,
    Cohort,
    answered_session,
    co,
    names,
    service,
)

pytestmark = pytest.mark.postgres
__all__ = ["co"]  # the fixture, used by name


def _ids(co: Cohort, sid: int) -> tuple[int, int]:
    with co.sql("postgres") as su:
        aid = su.execute("SELECT id FROM attempts WHERE session_id = %s", (sid,)).fetchone()
        mia = su.execute("SELECT id FROM users WHERE name = current_user").fetchone()
    assert aid is not None
    return aid[0], (mia[0] if mia else 0)


def _missed(co: Cohort, role: str, sid: int) -> str:
    svc = service(co, role)
    report = svc.session_detail(sid).questions[0].attempts[0].report
    svc.close()
    assert report is not None
    return next(c.id for c in report.criteria if c.status in ("missed", "partial"))


def test_a_mentor_annotates_and_the_member_reads_it(co: Cohort) -> None:
    ada, _, mia = names(co)
    sid = answered_session(co, ada)
    svc = service(co, mia)
    assert can_mentor(svc) == (True, "")
    res = annotate(svc, sid, 1, note="Detect it with a held-out set.", score=77,
                   reason="well put")
    svc.close()
    assert res.session_score == 77.0
    svc = service(co, ada)
    d = svc.session_detail(sid)
    a = d.questions[0].attempts[0]
    assert a.counted_score == 77.0 and a.score != 77.0
    assert [n.text for n in a.notes] == ["Detect it with a held-out set."]
    assert d.record.score == 77.0
    assert svc.history()[0].score == 77.0
    # Her mentor's users row is not hers to read; the name stored on the note is.
    assert a.notes[0].author == mia
    svc.delete_session(sid)  # her own session goes, notes and all
    assert svc.history() == []
    svc.close()


def test_a_member_cannot_annotate_or_accept_in_the_app(co: Cohort) -> None:
    ada, _, mia = names(co)
    sid = answered_session(co, ada)
    svc = service(co, ada)
    ok, why = can_mentor(svc)
    assert not ok and "not a mentor" in why
    with pytest.raises(SessionStateError, match="not a mentor"):
        annotate(svc, sid, 1, note="I grade myself", score=100)
    _, d = dispute(svc, sid, 1, criterion=_missed(co, ada, sid), words="my words")
    with pytest.raises(SessionStateError, match="not a mentor"):
        resolve_dispute(svc, d.id, accept=True)
    assert [x.dispute.status for x in list_disputes(svc)] == ["pending"]
    svc.close()
    mentor = service(co, mia)
    res = resolve_dispute(mentor, d.id, accept=True, note="yes")
    assert res.override is not None and res.dispute.status == "accepted"
    mentor.close()
    svc = service(co, ada)
    assert [x.dispute.resolved_by for x in list_disputes(svc, None)] == [mia]
    a = svc.session_detail(sid).questions[0].attempts[0]
    assert [n.author for n in a.notes] == [mia] and a.disputes[0].resolved_by == mia
    svc.close()


def test_a_member_cannot_write_notes_or_resolve_disputes_with_raw_sql(co: Cohort) -> None:
    ada, bob, mia = names(co)
    sid = answered_session(co, ada)
    answered_session(co, bob)
    svc = service(co, mia)
    annotate(svc, sid, 1, note="seed a users row for the mentor")
    svc.close()
    attempt_id, _ = _ids(co, sid)
    with co.sql(ada) as c:
        own = c.execute("SELECT id FROM users WHERE name = current_user").fetchone()
        assert own is not None
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO answer_notes (attempt_id, author_id, text, score, reason, "
                      "created_at) VALUES (%s, %s, 'self', 100, 'me', now())",
                      (attempt_id, own[0]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE answer_notes SET score = 100")
        assert c.execute("SELECT count(*) FROM answer_notes").fetchone() == (1,)  # reads it
        # a dispute on her own answer: only as pending
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO disputes (attempt_id, criterion_id, criterion_label, words, "
                      "status, created_at, resolution) VALUES (%s, 'x', 'x', 'w', 'accepted', "
                      "now(), '')", (attempt_id,))
        c.execute("INSERT INTO disputes (attempt_id, criterion_id, criterion_label, words, "
                  "status, created_at, resolution) VALUES (%s, 'x', 'x', 'w', 'pending', "
                  "now(), '')", (attempt_id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE disputes SET status = 'accepted'")
    with co.sql(bob) as c:  # another member sees none of it and cannot dispute ada's answer
        assert c.execute("SELECT count(*) FROM answer_notes").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM disputes").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO disputes (attempt_id, criterion_id, criterion_label, words, "
                      "status, created_at, resolution) VALUES (%s, 'x', 'x', 'w', 'pending', "
                      "now(), '')", (attempt_id,))
    with co.sql(mia) as c:  # the mentor may
        mine = c.execute("SELECT id FROM users WHERE name = current_user").fetchone()
        assert mine is not None
        c.execute("INSERT INTO answer_notes (attempt_id, author_id, author_name, text, score, "
                  "reason, created_at) VALUES (%s, %s, current_user, 'raw', 50, 'sql', now())",
                  (attempt_id, mine[0]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor under another name
            c.execute("INSERT INTO answer_notes (attempt_id, author_id, author_name, text, "
                      "created_at, reason) VALUES (%s, %s, 'someone', 'forged', now(), '')",
                      (attempt_id, mine[0]))
        assert c.execute("UPDATE disputes SET status = 'rejected'").rowcount == 1
        assert c.execute("UPDATE sessions SET score = 50 WHERE id = %s", (sid,)).rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not under another's name
            c.execute("INSERT INTO answer_notes (attempt_id, author_id, text, created_at, "
                      "reason) VALUES (%s, %s, 'forged', now(), '')", (attempt_id, own[0]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # answers stay the machine's
            c.execute("UPDATE attempts SET score = 100")


def test_a_member_imports_her_sessions_and_the_notes_are_skipped_with_a_notice(
        co: Cohort, tmp_path: Path) -> None:
    ada, _, mia = names(co)
    local = f"sqlite:///{tmp_path / 'local' / 'history.db'}"
    mine = Service(Settings.build(db_url=local, user=ada, banks=[str(FIXTURES)],
                                  shipped_banks=False))
    h = mine.start_session(CONFIG)
    h.start()
    h.submit(ANSWER, elapsed=5)
    mentor = Service(Settings.build(db_url=local, user=mia, banks=[str(FIXTURES)],
                                    shipped_banks=False))
    annotate(mentor, h.id, 1, note="good", score=99, reason="generous")
    mentor.close()
    machine = mine.session_detail(h.id).questions[0].attempts[0].score
    assert mine.session_detail(h.id).record.score == 99.0
    out = tmp_path / "mine.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        export_history(mine, fh)
    mine.close()
    svc = service(co, ada)
    result = import_history(svc, str(out))
    assert (result.imported, result.notes_skipped) == (1, 1)
    assert result.skipped_notice().startswith("1 mentor note not imported (the sessions were): ")
    assert "not a mentor" in result.skipped_notice()
    [row] = svc.history()
    assert row.score == machine  # no override came in, so none counts
    assert svc.session_detail(row.id).questions[0].attempts[0].notes == ()
    svc.close()

"""Mentors and disputes through the CLI: annotate, dispute, bank disputes, disputes
accept|reject; show, history, stats and export carry them. SQLite: whoever uses the file may
annotate (the cohort rules are tested on PostgreSQL in tests/store/test_cohort_mentor.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interview.cli import AppContext, cli
from interview.config import Settings
from interview.domain.attempt import session_score
from interview.scoring.credit import score_with_criteria_met
from interview.scoring.report import ScoreReport
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
OVERFIT = "It memorises noise in the training data."
BIAS = "Bias comes from wrong assumptions."
pytestmark = pytest.mark.usefixtures("no_shipped_banks")


def run(*args: str, input: str | None = None) -> Result:
    obj = AppContext(Settings.build(), scorer=FakeScorer())
    return CliRunner().invoke(cli, ["--banks", str(FIXTURES), *args], input=input, obj=obj)


def ok(*args: str) -> str:
    res = run(*args)
    assert res.exit_code == 0, res.output
    return res.stdout


def fails(code: int, *args: str) -> str:
    res = run(*args)
    assert res.exit_code == code, res.output
    assert "Saved" not in res.output and "saved" not in res.output
    assert "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1
    return res.stderr


def detail(session_id: int = 1) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("show", str(session_id), "--json"))
    return data


def history_score() -> float:
    [h] = json.loads(ok("history", "--json"))
    return float(h["score"])


@pytest.fixture(scope="module")
def _practised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the data dir of the module's first practised session is kept."""
    return tmp_path_factory.mktemp("practised") / "data"


@pytest.fixture
def session(_practised: Path, data_dir: Path) -> dict[str, Any]:
    """One practised session of two answers. The module's first test records it through the
    CLI; the others start from a copy of that data dir (the same session, ids included)."""
    if _practised.exists():
        shutil.copytree(_practised, data_dir, dirs_exist_ok=True)
    else:
        res = run("practice", "-q", "mlt-fx-overfit", "-q", "mlt-fx-bias", "--plain",
                  "--seed", "1", input=f"{OVERFIT}\n.\n{BIAS}\n.\n")
        assert res.exit_code == 0, res.output
        # No writer is left; SQLite rebuilds the WAL index (-shm) of a copy from its -wal.
        shutil.copytree(data_dir, _practised, ignore=shutil.ignore_patterns("*-shm"))
    return detail()


def machine(d: dict[str, Any], n: int) -> float:
    return float(d["questions"][n - 1]["attempts"][0]["score"])


def test_an_override_counts_in_session_history_and_stats_and_the_machine_score_stays(
        session: dict[str, Any]) -> None:
    m1, m2 = machine(session, 1), machine(session, 2)
    assert history_score() == pytest.approx((m1 + m2) / 2, abs=0.06)
    out = ok("annotate", "1", "--answer", "1", "--note", "Say how you would detect it.",
             "--score", "85", "--reason", "clear definition")
    assert "Saved a note on session 1, answer 1 (attempt 1)." in out
    assert f"{m1:.0f} → 85 (mentor tester: clear definition)" in out
    assert history_score() == pytest.approx((85 + m2) / 2, abs=0.06)
    stats = json.loads(ok("stats", "--json"))
    ml = next(r for r in stats["rounds"] if r["round"] == "ml-theory")
    assert ml["last"] == pytest.approx((85 + m2) / 2, abs=0.06)
    d = detail()
    a = d["questions"][0]["attempts"][0]
    assert a["score"] == m1 and a["counted_score"] == 85.0
    assert a["override"]["reason"] == "clear definition"
    assert a["notes"][0]["text"] == "Say how you would detect it."
    assert a["notes"][0]["author"] == "tester"
    assert d["questions"][0]["best_score"] == 85.0
    shown = ok("show", "1")
    assert f"Score {m1:.0f} / 100" in shown  # the machine's report, unchanged
    assert f"Score {m1:.0f} → 85 (mentor tester: clear definition)" in shown
    assert "Say how you would detect it." in shown
    assert "machine score" in shown


def test_notes_are_kept_as_a_thread_and_the_newest_override_counts(
        session: dict[str, Any]) -> None:
    ok("annotate", "1", "-a", "1", "--score", "70", "--reason", "first look")
    ok("annotate", "1", "-a", "1", "--note", "On reflection, fine.", "--score", "90")
    ok("annotate", "1", "-a", "1", "--note", "A note without a score keeps the override.")
    a = detail()["questions"][0]["attempts"][0]
    assert [n["score"] for n in a["notes"]] == [70.0, 90.0, None]
    assert a["counted_score"] == 90.0


@pytest.mark.parametrize(("args", "code", "message"), [
    (("9", "--answer", "1", "--note", "x"), 3, "no session 9"),
    (("1", "--answer", "5", "--note", "x"), 3, "has no answer 5"),
    (("1", "--answer", "1", "--attempt", "2", "--note", "x"), 3, "has no attempt 2"),
    (("1", "--answer", "1", "--score", "150"), 2, "out of range"),
    (("1", "--answer", "1", "--score", "-1"), 2, "out of range"),
    (("1", "--answer", "1", "--score", "abc"), 2, "not a score"),
    (("1", "--answer", "1", "--score", "nan"), 2, "out of range"),
    (("1", "--answer", "1"), 2, "nothing to add"),
    (("1", "--answer", "1", "--note", "x", "--reason", "why"), 2, "reason goes with"),
    (("abc", "--answer", "1", "--note", "x"), 2, "not a session id"),
])
def test_bad_annotations_are_one_line_and_write_nothing(
        session: dict[str, Any], args: tuple[str, ...], code: int, message: str) -> None:
    before = history_score()
    err = fails(code, "annotate", *args)
    assert message in err
    assert history_score() == before
    assert all(not a["notes"] for q in detail()["questions"] for a in q["attempts"])


def test_export_carries_notes_overrides_and_disputes(session: dict[str, Any],
                                                     tmp_path: Path) -> None:
    ok("annotate", "1", "-a", "1", "--note", "Name a remedy next time.", "--score", "66",
       "--reason", "partly right")
    ok("dispute", "1", "-a", "2", "-c", _missed(session, 2)[0], "--words", "my own words")
    md = tmp_path / "s.md"
    ok("export", "1", "-o", str(md))
    text = md.read_text()
    assert "#### Mentor" in text and "Name a remedy next time." in text
    assert f"{machine(session, 1):.0f} → 66 (mentor tester: partly right)" in text
    assert "pending" in text and "my own words" in text
    js = tmp_path / "s.json"
    ok("export", "1", "--format", "json", "-o", str(js))
    data = json.loads(js.read_text())
    a1 = data["questions"][0]["attempts"][0]
    assert a1["override"]["score"] == 66.0 and a1["notes"][0]["reason"] == "partly right"
    assert data["questions"][1]["attempts"][0]["disputes"][0]["status"] == "pending"


def _missed(d: dict[str, Any], n: int) -> list[str]:
    report = d["questions"][n - 1]["attempts"][0]["report"]
    return [c["id"] for c in report["criteria"] if c["status"] == "missed"]


def test_a_dispute_waits_for_a_mentor_and_accepting_recomputes_the_score(
        session: dict[str, Any]) -> None:
    cid = _missed(session, 1)[0]
    before = history_score()
    out = ok("dispute", "1", "--answer", "1", "--criterion", cid, "--words",
             "I said compare the curves")
    assert "Dispute 1 saved" in out and "pending" in out
    assert history_score() == before  # nothing changes until a mentor accepts
    listed = ok("bank", "disputes")
    assert "mlt-fx-overfit" in listed and "I said compare the curves" in listed
    assert OVERFIT in listed
    [row] = json.loads(ok("bank", "disputes", "--json"))
    assert (row["question_id"], row["criterion_id"], row["status"], row["answer"],
            row["words"], row["answer_number"]) == (
        "mlt-fx-overfit", cid, "pending", OVERFIT, "I said compare the curves", 1)

    out = ok("disputes", "accept", "1", "--note", "Fair: you did.")
    report = ScoreReport.model_validate(session["questions"][0]["attempts"][0]["report"])
    expected = score_with_criteria_met(report, {cid})
    assert expected > machine(session, 1)
    assert f"score {machine(session, 1):.0f} → {expected:.0f}" in out
    a = detail()["questions"][0]["attempts"][0]
    label = next(c["label"] for c in report.model_dump()["criteria"] if c["id"] == cid)
    assert a["override"]["score"] == expected
    assert a["override"]["reason"] == f"dispute accepted: {label}"
    assert a["score"] == machine(session, 1)
    assert a["disputes"][0]["status"] == "accepted"
    assert a["disputes"][0]["resolution"] == "Fair: you did."
    assert history_score() == pytest.approx((expected + machine(session, 2)) / 2, abs=0.06)
    assert ok("bank", "disputes") == "No pending disputes.\n"
    assert "accepted" in ok("bank", "disputes", "--status", "all")
    stats = json.loads(ok("stats", "--json"))
    assert cid not in {c["id"] for c in stats["missed_criteria"]}  # credited, not missed
    assert "already accepted" in fails(1, "disputes", "reject", "1")


def test_a_second_accepted_dispute_credits_both_criteria(session: dict[str, Any]) -> None:
    first, second = _missed(session, 1)[:2]
    ok("dispute", "1", "-a", "1", "-c", first, "-w", "one")
    ok("dispute", "1", "-a", "1", "-c", second, "-w", "two")
    ok("disputes", "accept", "1")
    ok("disputes", "accept", "2")
    report = ScoreReport.model_validate(session["questions"][0]["attempts"][0]["report"])
    a = detail()["questions"][0]["attempts"][0]
    assert a["counted_score"] == score_with_criteria_met(report, {first, second})


def test_a_rejected_dispute_leaves_the_score(session: dict[str, Any]) -> None:
    cid = _missed(session, 2)[0]
    before = history_score()
    ok("dispute", "1", "--answer", "2", "--criterion", cid, "--words", "x y z")
    out = ok("disputes", "reject", "1", "--note", "Not in the answer.")
    assert "rejected" in out and "unchanged" in out
    a = detail()["questions"][1]["attempts"][0]
    assert a["disputes"][0]["status"] == "rejected" and a["notes"] == []
    assert a["counted_score"] == a["score"]
    assert history_score() == before
    assert "No pending disputes." in ok("bank", "disputes")


def test_bad_disputes_are_one_line(session: dict[str, Any]) -> None:
    hit = next(c["id"] for c in session["questions"][0]["attempts"][0]["report"]["criteria"]
               if c["status"] == "hit")
    assert "it was hit" in fails(2, "dispute", "1", "-a", "1", "-c", hit, "-w", "x")
    assert "no such criterion" in fails(2, "dispute", "1", "-a", "1", "-c", "nope", "-w", "x")
    assert "words" in fails(2, "dispute", "1", "-a", "1", "-c", _missed(session, 1)[0],
                            "-w", "  ")
    assert "no session 7" in fails(3, "dispute", "7", "-a", "1", "-c", "x", "-w", "x")
    cid = _missed(session, 1)[0]
    ok("dispute", "1", "-a", "1", "-c", cid, "-w", "x")
    assert "already disputed" in fails(1, "dispute", "1", "-a", "1", "-c", cid, "-w", "y")
    assert "no dispute 9" in fails(3, "disputes", "accept", "9")
    assert json.loads(ok("bank", "disputes", "--json"))[0]["id"] == 1


def test_another_users_session_cannot_be_disputed(session: dict[str, Any]) -> None:
    res = CliRunner().invoke(cli, ["--banks", str(FIXTURES), "--user", "someone", "dispute",
                                   "1", "-a", "1", "-c", _missed(session, 1)[0], "-w", "x"],
                             obj=AppContext(Settings.build(user="someone")))
    assert res.exit_code == 3 and "no session 1 for user 'someone'" in res.output


def test_the_session_score_is_the_one_domain_function(session: dict[str, Any]) -> None:
    """The stored score after an override equals ``domain.session_score`` over the attempts
    as show returns them (the one place it is computed)."""
    ok("annotate", "1", "-a", "2", "--score", "3")
    from interview.service import Service

    svc = Service(Settings.build(banks=[str(FIXTURES)]))
    d = svc.session_detail(1)
    assert d.record.score == session_score([q.attempts for q in d.questions])
    assert d.summary.total == d.record.score
    svc.close()

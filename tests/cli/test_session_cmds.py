"""The session commands end to end through the plain CLI, with scripted answers and the
fixed fake scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import AppContext, cli
from interview.config import Settings
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
OVERFIT = ("It memorises noise in the training data.\nYou see it in the validation error on a "
           "held-out set.\nRegularisation helps.")
BIAS = "Bias comes from wrong assumptions; variance is sensitivity to the training sample."
QS = ["-q", "mlt-fx-overfit", "-q", "mlt-fx-bias"]
pytestmark = pytest.mark.usefixtures("no_shipped_banks")


def run(*args: str, input: str | None = None) -> Result:
    """The CLI with the fixed fake scorer (tests/fakes.py), through the CLI's own factory."""
    obj = AppContext(Settings.build(), scorer=FakeScorer())
    return CliRunner().invoke(cli, ["--banks", str(FIXTURES), *args], input=input, obj=obj)


def practice(*extra: str, input: str) -> Result:
    return run("practice", "--round", "ml-theory", "-n", "2", "--plain", "--seed", "1", *extra,
               input=input)


def history() -> list[dict[str, object]]:
    res = run("history", "--json")
    assert res.exit_code == 0, res.output
    data: list[dict[str, object]] = json.loads(res.stdout)
    return data


def test_scripted_session_runs_to_the_summary_and_is_saved() -> None:
    res = practice(*QS, input=f"{OVERFIT}\n.\n{BIAS}\n.\n")
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "Question 1/2 · ML theory · easy · 2:00 allowed" in out
    assert "What is overfitting" in out and "Explain the bias-variance" in out
    assert out.count("Feedback: Score:") == 2
    assert "Summary" in out and "Total:" in out
    assert "Session 1 saved." in out
    [h] = history()
    assert {k: h[k] for k in ("id", "rounds", "status", "answers")} == {
        "id": 1, "rounds": ["ml-theory"], "status": "finished", "answers": 2}
    assert isinstance(h["score"], float) and h["score"] > 50
    assert isinstance(h["started_at"], str)


def test_the_last_answer_may_end_with_the_input_instead_of_a_dot() -> None:
    res = practice(*QS, input=f"{OVERFIT}\n.\n{BIAS}")
    assert res.exit_code == 0
    assert history()[0]["status"] == "finished"


def test_input_ending_early_saves_an_unfinished_session_that_resumes() -> None:
    res = practice(*QS, input=f"{OVERFIT}\n.\n")
    assert res.exit_code == 0, res.output
    assert "saved as unfinished" in res.stdout and "--resume 1" in res.stdout
    [h] = history()
    assert (h["status"], h["answers"]) == ("unfinished", 1)
    res = run("sessions")
    assert "#1" in res.stdout and "1/2 answered" in res.stdout
    res = run("practice", "--resume", "1", "--plain", input=f"{BIAS}\n.\n")
    assert res.exit_code == 0, res.output
    assert "Welcome back" in res.stdout or "question 2 of 2" in res.stdout.lower()
    assert "Session 1 saved." in res.stdout
    [h] = history()
    assert (h["status"], h["answers"]) == ("finished", 2)


def test_commands_hint_skip_retry_model_help() -> None:
    script = "\n".join([
        "/help", "/hint", OVERFIT, ".",   # answer q1 after one hint
        "/retry", "It is bad.", ".",      # retry q1 from q2's prompt: worse, best still counts
        "/model",                         # model answer of q1
        "/bogus",                         # unknown command
        "/skip",                          # skip q2
    ]) + "\n"
    res = practice(*QS, input=script)
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "/retry   answer the last question again" in out
    assert "hint 1 of 2" in out.lower() or "hint 1/2" in out.lower() or "1 of 2" in out
    assert "Best so far" in out
    assert "Model answer:\nOverfitting is when a model learns noise" in out
    assert "Unknown command /bogus" in out
    assert "Skipped" in out
    detail = json.loads(run("show", "1", "--json").stdout)
    q1, q2 = detail["questions"]
    assert [a["hints_used"] for a in q1["attempts"]] == [1, 0]
    assert q1["best_score"] == q1["attempts"][0]["score"]
    assert q2["attempts"][0]["skipped"] is True


def test_quit_keeps_the_session_resumable() -> None:
    res = practice(*QS, input=f"{OVERFIT}\n.\n/quit\n{BIAS}\n.\n")
    assert res.exit_code == 0
    assert "saved as unfinished" in res.stdout
    assert history()[0]["status"] == "unfinished"


def test_end_finishes_now() -> None:
    res = practice(*QS, input=f"{OVERFIT}\n.\n/end\n")
    assert res.exit_code == 0
    assert "Summary" in res.stdout and "over 1 of 2" in res.stdout
    assert history()[0]["status"] == "finished"


def test_exam_mode_refuses_hints() -> None:
    res = practice(*QS, "--mode", "exam", input=f"/hint\n{OVERFIT}\n.\n{BIAS}\n.\n")
    assert res.exit_code == 0
    assert "(no hints in exam mode)" in res.stdout
    assert "exam mode" in res.stdout.lower()


def test_follow_ups_when_asked_for_with_piped_input() -> None:
    res = practice("-q", "mlt-fx-overfit", "--max-followups", "1",
                   input="It memorises noise in the training data.\n.\n"
                         "I look at the validation error.\n.\n")
    assert res.exit_code == 0, res.output
    assert "How would you notice it when looking at your metrics?" in res.stdout
    assert "Follow-up earned back" in res.stdout


def test_loop_asks_each_round_in_order() -> None:
    answers = "".join(f"answer {i}\n.\n" for i in range(5))
    res = run("practice", "--round", "loop", "--plain", input=answers)
    assert res.exit_code == 0, res.output
    order = [res.stdout.index(t) for t in ("Coding screen", "ML theory", "System design",
                                           "Behavioral", "Portfolio walkthrough")]
    assert order == sorted(order)
    assert history()[0]["rounds"] == ["coding-screen", "ml-theory", "system-design",
                                      "behavioral", "portfolio"]


def test_history_text_round_filter_and_users() -> None:
    practice(*QS, input=f"{OVERFIT}\n.\n{BIAS}\n.\n")
    run("--user", "bob", "practice", "--round", "behavioral", "--plain", input="x\n.\n")
    res = run("history")
    assert res.exit_code == 0 and "#1" in res.stdout and "behavioral" not in res.stdout
    assert len(history()) == 1
    res = run("history", "--all-users", "--json")
    assert len(json.loads(res.stdout)) == 2
    res = run("history", "--round", "behavioral", "--json")
    assert json.loads(res.stdout) == []


def test_history_shows_the_latest_with_a_count_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from interview.cli import session_cmds

    for _ in range(3):
        practice(*QS, input=f"{OVERFIT}\n.\n{BIAS}\n.\n")
    res = run("history", "--limit", "2")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["#3", "#2"]
    assert lines[2] == ("Showing the latest 2 of 3 sessions (--limit N for more, --all for "
                        "every one).")
    monkeypatch.setattr(session_cmds, "HISTORY_SHOWN", 1)  # the default when no option
    lines = run("history").stdout.splitlines()
    assert lines[0].startswith("#3") and lines[1].startswith("Showing the latest 1 of 3")
    lines = run("history", "--all").stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["#3", "#2", "#1"]  # no count line
    assert len(history()) == 3  # --json lists every session unless --limit
    data = json.loads(run("history", "--json", "--limit", "1").stdout)
    assert [d["id"] for d in data] == [3] and data[0]["question_ids"] == [
        "mlt-fx-overfit", "mlt-fx-bias"]
    res = run("history", "--all", "--limit", "2")
    assert res.exit_code == 2 and "cannot be used together" in res.stderr


def test_show_and_export() -> None:
    practice(*QS, input=f"{OVERFIT}\n.\n{BIAS}\n.\n")
    res = run("show", "1")
    assert res.exit_code == 0
    assert "## Question 1: mlt-fx-overfit" in res.stdout and "#### Criteria" in res.stdout
    res = run("export", "1", "--format", "md")
    assert res.exit_code == 0
    path = Path(res.stdout.strip())
    assert path.parent.name == "exports" and path.read_text().startswith("# Mock interview #1")
    assert "### Model answer" in path.read_text()
    res = run("export", "1", "--format", "json", "-o", str(path.parent / "one.json"))
    assert json.loads(Path(res.stdout.strip()).read_text())["session"]["id"] == 1


def test_stats_text_and_json() -> None:
    practice(*QS, input=f"{OVERFIT}\n.\n{BIAS}\n.\n")
    practice(*QS, input="I do not know.\n.\nNo idea.\n.\n")
    res = run("stats")
    assert res.exit_code == 0
    assert "ML theory" in res.stdout and "Most missed criteria" in res.stdout
    data = json.loads(run("stats", "--json").stdout)
    mlt = next(r for r in data["rounds"] if r["round"] == "ml-theory")
    assert mlt["sessions"] == 2 and len(mlt["trend"]) == 2
    assert mlt["last"] == mlt["trend"][-1] and mlt["best"] == max(mlt["trend"])
    assert data["missed_criteria"] and data["weakest_tags"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["show", "42"], 3, "no session 42"),
    (["show", "abc"], 2, "not a session id: 'abc'"),
    (["export", "7", "--format", "md"], 3, "no session 7"),
    (["practice", "--round", "ml-theroy", "--plain"], 2, "did you mean 'ml-theory'"),
    (["history", "--round", "design"], 2, "unknown round 'design'"),
    (["practice", "--resume", "5", "--plain"], 3, "no session 5"),
    (["practice", "--tag", "nothing", "--plain"], 2, "no questions match"),
    (["--db", "nosuch://x", "history"], 4, "unsupported database URL"),
    (["--db", "postgresql+psycopg://u@/db?host=/nonexistent-dir", "history"], 4,
     "cannot connect to the database"),
])
def test_bad_input_is_one_line_and_a_non_zero_exit(args: list[str], code: int,
                                                  message: str) -> None:
    res = run(*args, input="")
    assert res.exit_code == code, res.output
    assert message in res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.output


def test_corrupt_and_newer_databases(data_dir: Path) -> None:
    db = data_dir / "history.db"
    db.write_bytes(b"garbage" * 100)
    res = run("history")
    assert res.exit_code == 4 and "corrupt" in res.stderr and res.stderr.count("\n") == 1
    db.unlink()
    assert run("history").exit_code == 0  # creates a fresh one
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zz_future'")
    res = run("stats")
    assert res.exit_code == 4 and "newer version of interview" in res.stderr


class TimedInput:
    """Lines that arrive ``step`` seconds apart on a fake clock."""

    def __init__(self, lines: list[str], clock: list[float], step: float) -> None:
        self.lines = lines
        self.clock = clock
        self.step = step

    def readline(self) -> str:
        self.clock[0] += self.step
        return self.lines.pop(0) + "\n" if self.lines else ""


def test_exam_mode_submits_what_was_typed_when_time_is_up() -> None:
    from interview.cli.plain import PlainSession
    from interview.config import Settings
    from interview.service import Service, SessionConfig

    now = [0.0]
    svc = Service(Settings.build(banks=[str(FIXTURES)], shipped_banks=False),
                  clock=lambda: now[0])
    handle = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",), mode="exam",
                                             max_followups=0))
    said: list[str] = []
    # 50 s per line against a 120 s limit: the third line arrives too late and is dropped.
    stream = TimedInput(["It memorises noise in the training data.", "More thoughts.",
                         "Typed after the deadline.", "."], now, 50.0)
    PlainSession(handle, stream, interactive=False, echo=said.append).run()  # type: ignore[arg-type]
    [q] = svc.session_detail(handle.id).questions
    [a] = q.attempts
    assert a.answer == "It memorises noise in the training data.\nMore thoughts."
    assert a.over_time and a.elapsed == 150.0
    assert any("Time's up" in s or "time for this one" in s.lower() or "120" in s or "2:00" in s
               for s in said)
    svc.close()


def test_service_counts_matching_questions() -> None:
    from interview.config import Settings
    from interview.service import Service, SessionConfig

    svc = Service(Settings.build(banks=[str(FIXTURES)], shipped_banks=False))
    assert svc.available_questions(SessionConfig(round="ml-theory", tags=("data",))) == 1
    assert svc.available_questions(SessionConfig(round="loop")) == 7

"""`interview review` and `interview practice --review --plain` end to end, with the fixed
fake scorer. Time passing is simulated by moving the stored cards' dates back."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import update

from interview.config import Settings
from interview.store import review_queries as rq
from interview.store.db import open_engine
from tests.cli.test_session_cmds import BIAS, OVERFIT, run

pytestmark = pytest.mark.usefixtures("no_shipped_banks")


def days_pass(days: float) -> None:
    """Move every card's dates ``days`` into the past (as if that much time went by)."""
    engine = open_engine(Settings.build().database_url)
    try:
        with engine.begin() as conn:
            for row in conn.execute(rq.cards.select()).all():
                conn.execute(update(rq.cards).where(rq.cards.c.id == row.id).values(
                    due=row.due - timedelta(days=days),
                    last_reviewed_at=row.last_reviewed_at - timedelta(days=days)))
    finally:
        engine.dispose()


def practise(*qids: str, input: str) -> None:
    args = [a for q in qids for a in ("-q", q)]
    res = run("practice", *args, "--plain", "--seed", "1", input=input)
    assert res.exit_code == 0, res.output


def test_nothing_answered_yet_is_a_friendly_line() -> None:
    res = run("review")
    assert res.exit_code == 0
    assert res.stdout.startswith("Nothing to review yet")
    data = json.loads(run("review", "--json").stdout)
    assert data["cards"] == [] and data["due"] == 0 and data["next_due"] is None


def test_review_lists_what_is_due_and_why() -> None:
    # overfit: every point (100: easy); bias: one point of three (40: again); leak skipped.
    practise("mlt-fx-overfit", "mlt-fx-bias", "mlt-fx-leak",
             input=f"{OVERFIT}\n.\nunderfitting\n.\n/skip\n")
    res = run("review")
    assert res.exit_code == 0
    assert "Nothing is due for review. The next question is due in 23 hours" in res.stdout
    assert "3 questions scheduled" in res.stdout
    days_pass(1)
    res = run("review")
    out = res.stdout
    assert res.exit_code == 0, res.output
    assert out.startswith("2 questions due for review, most overdue first (of 3 scheduled):")
    assert "mlt-fx-bias · Explain the bias-variance trade-off. (ML theory)" in out
    assert "last: 40 (weak)" in out and "rated again" in out
    assert ("missed: variance is sensitivity to the sample — What happens to a high-variance "
            "model if you retrain it on a new sample?") in out
    assert "mlt-fx-leak" in out and "last: skipped" in out
    assert "mlt-fx-overfit" not in out  # not due yet
    assert "interview practice --review" in out

    everything = run("review", "--all").stdout
    assert everything.startswith("3 questions scheduled for review, soonest first (2 due now)")
    assert everything.index("mlt-fx-leak") < everything.index("mlt-fx-overfit")
    assert "rated easy" in everything

    data = json.loads(run("review", "--json").stdout)
    assert (data["due"], data["scheduled"]) == (2, 3)
    assert {c["question_id"] for c in data["cards"]} == {"mlt-fx-bias", "mlt-fx-leak"}
    bias = next(c for c in data["cards"] if c["question_id"] == "mlt-fx-bias")
    assert bias["due_now"] and bias["last_rating"] == "again" and bias["last_score"] == 40.0
    assert [m["id"] for m in bias["missed"]] == ["variance", "complexity"]
    [one] = json.loads(run("review", "--all", "--limit", "1", "--json").stdout)["cards"]
    assert one["question_id"] in {"mlt-fx-bias", "mlt-fx-leak"}  # the soonest due


def test_practice_review_plain_runs_the_due_questions() -> None:
    practise("mlt-fx-overfit", "mlt-fx-bias", input=f"{OVERFIT}\n.\nunderfitting\n.\n")
    res = run("practice", "--review", "--plain", input="")
    assert res.exit_code != 0 and "Nothing is due for review" in res.output
    assert "Traceback" not in res.output
    days_pass(2)
    res = run("practice", "--review", "--plain", input=f"{BIAS}\n.\n")
    out = res.stdout
    assert res.exit_code == 0, res.output
    assert "Interviewer: Welcome back. This is a review: 1 question" in out \
        or "Interviewer: Hi again. Today we revisit 1 question" in out
    assert "2 days ago" in out and "40 (weak)" in out
    assert "variance is sensitivity to the sample" in out
    assert "What is overfitting" not in out  # not due
    assert "Session 2 saved." in out
    after = json.loads(run("review", "--all", "--json").stdout)
    bias = next(c for c in after["cards"] if c["question_id"] == "mlt-fx-bias")
    assert bias["reviews"] == 2 and bias["last_session_id"] == 2
    # 80 (strong) but "complexity moves the balance" missed: hard, not good
    assert bias["last_rating"] == "hard" and not bias["due_now"]


def test_bad_input_is_one_line_and_non_zero() -> None:
    res = run("review", "--limit", "0")
    assert res.exit_code == 2 and "Traceback" not in res.output
    res = run("practice", "--review", "-q", "mlt-fx-bias", "--plain", input="")
    assert res.exit_code == 2 and "leave out --question" in res.output

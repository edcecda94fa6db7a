"""`interview practice --question ID`: one chosen question, stored in its own round with a
snapshot; an unknown id is one line with close ids. And the plain conversation's end: Enter on
an empty line after the last question finishes, as the text says."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import AppContext, cli
from interview.cli.plain import PlainSession
from interview.config import Settings
from interview.service import Service
from tests.fakes import FakeScorer

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
OVERFIT = "It memorises noise in the training data. Watch the validation error; regularise."
pytestmark = pytest.mark.usefixtures("no_shipped_banks")


def run(*args: str, input: str | None = None) -> Result:
    obj = AppContext(Settings.build(), scorer=FakeScorer())
    return CliRunner().invoke(cli, ["--banks", str(FIXTURES), *args], input=input, obj=obj)


def test_practice_one_chosen_question_in_its_own_round() -> None:
    res = run("practice", "--question", "cs-fx-sum", "--plain",
              input="def total(xs):\n    return sum(xs)\n.\n")
    assert res.exit_code == 0, res.output
    assert "Question 1/1" in res.stdout and "Session 1 saved." in res.stdout
    [h] = json.loads(run("history", "--json").stdout)
    assert h["rounds"] == ["coding-screen"] and h["questions"] == 1
    detail = json.loads(run("show", "1", "--json").stdout)
    [q] = detail["questions"]
    assert q["id"] == "cs-fx-sum" and q["round"] == "coding-screen"


def test_an_unknown_question_is_one_line_with_close_ids() -> None:
    res = run("practice", "--question", "mlt-fx-overfi", "--plain", input="")
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        "interview: no question 'mlt-fx-overfi' "
        "(did you mean mlt-fx-overfit, mlt-fx-leak, mlt-fx-bias?)"]
    assert json.loads(run("history", "--json").stdout) == []  # nothing was started


def test_the_service_snapshots_a_chosen_question() -> None:
    svc = Service(Settings.build(banks=[str(FIXTURES)], shipped_banks=False),
                  scorer=FakeScorer())
    handle = svc.start_question("mlt-fx-leak", mode="exam")
    assert handle.mode == "exam" and handle.config.round == "ml-theory"
    assert handle.config.question_ids == ("mlt-fx-leak",)
    stored = svc.repository().load_session(handle.id, user=svc.user)
    assert [s["question"]["id"] for s in stored.snapshots] == ["mlt-fx-leak"]
    svc.close()


def _plain(script: str, *, followups: int = 0) -> tuple[PlainSession, list[str], Service]:
    svc = Service(Settings.build(banks=[str(FIXTURES)], shipped_banks=False),
                  scorer=FakeScorer())
    from interview.service import SessionConfig

    handle = svc.start_session(SessionConfig(question_ids=("mlt-fx-overfit",),
                                             max_followups=followups))
    out: list[str] = []
    session = PlainSession(handle, io.StringIO(script), interactive=True, echo=out.append)
    return session, out, svc


def test_enter_on_an_empty_line_after_the_last_question_finishes() -> None:
    session, out, svc = _plain(f"{OVERFIT}\n.\n\n")
    assert session.run() is True
    assert session.h.finished
    text = "\n".join(out)
    assert "press Enter to finish" in text and "Summary" in text
    assert svc.history()[0].status == "finished"
    svc.close()


def test_after_the_last_question_retry_still_works_and_text_is_not_an_answer() -> None:
    session, out, svc = _plain(f"{OVERFIT}\n.\nsomething else\n/retry\n{OVERFIT}\n.\n\n")
    assert session.run() is True
    text = "\n".join(out)
    assert "That was the last question: press Enter to finish" in text
    assert len(svc.session_detail(session.h.id).questions[0].attempts) == 2
    svc.close()


def test_n_with_a_loop_is_refused() -> None:
    res = run("practice", "--round", "loop", "-n", "3", "--plain", input="")
    assert res.exit_code == 2
    assert res.stderr == ("interview: -n does not apply here: a loop asks one question per "
                          "round\n")


def test_empty_piped_input_leaves_no_empty_session() -> None:
    res = run("practice", "--round", "ml-theory", "--plain", input="")
    assert res.exit_code == 0, res.output
    assert "no session was saved" in res.stdout and "saved as unfinished" not in res.stdout
    assert json.loads(run("history", "--json").stdout) == []
    res = run("practice", "--round", "ml-theory", "--plain", input="/skip\n")
    assert "saved as unfinished" in res.stdout  # a skip is something to resume from

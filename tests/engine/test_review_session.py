"""Review sessions in the engine: the greeting, the recollection before each question (once,
not on a retry), questions left out, no round-change lines."""

from __future__ import annotations

import pytest

from interview.banks import Catalog
from interview.engine import InterviewEngine, SessionConfig, SetupError, pick_questions, plan
from interview.engine.types import ReviewCue
from tests.fakes import FakeScorer

from .conftest import FakeClock

CUES = (ReviewCue("mlt-fx-bias", 3, 40.0, "weak",
                  ("variance is sensitivity to the sample (What happens on a new sample?)",)),
        ReviewCue("cs-fx-sum", 0, 90.0, "strong"))


def make(catalog: Catalog, clock: FakeClock, **cfg: object) -> InterviewEngine:
    config = SessionConfig(round="review", question_ids=("mlt-fx-bias", "cs-fx-sum"),
                           review=CUES, seed=3, max_followups=0, **cfg)  # type: ignore[arg-type]
    planned = plan(catalog, pick_questions(catalog, config, seed=3))
    return InterviewEngine(config, planned, seed=3, clock=clock, scorer=FakeScorer())


def test_the_interviewer_recalls_last_time_once_per_question(catalog: Catalog,
                                                             clock: FakeClock) -> None:
    eng = make(catalog, clock, review_missing=("gone-q",))
    msgs = eng.opening().messages
    texts = [m.text for m in msgs]
    assert "review" in texts[0] or "revisit" in texts[0]
    assert any("gone-q" in t for t in texts)
    cue = msgs[-2]
    assert cue.kind == "notice" and "3 days ago" in cue.text and "40 (weak)" in cue.text
    assert "variance is sensitivity to the sample (What happens on a new sample?)" in cue.text
    eng.submit("not sure")
    retry = [m.text for m in eng.retry().messages]
    assert not any("days ago" in t for t in retry)
    eng.submit("not sure")
    nxt = eng.next().messages
    assert nxt[0].kind == "transition" and "2 of 2" in nxt[0].text
    assert "Coding screen" not in nxt[0].text  # a plain transition, not a round change
    assert any("today" in m.text and "90 (strong)" in m.text for m in nxt)


def test_a_review_without_questions_is_a_setup_error(catalog: Catalog) -> None:
    with pytest.raises(SetupError, match="nothing is due"):
        pick_questions(catalog, SessionConfig(round="review"), 1)

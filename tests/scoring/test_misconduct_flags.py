"""Misconduct in a behavioral story (the shared STAR rubric's red flags): hiding a mistake,
gaming an evaluation, dismissing or overriding people and drawing the wrong lesson cost
points; the same story told with the right conduct does not, and neither does a candidate
who names the behaviour to reject it."""

from __future__ import annotations

import pytest

from interview.banks import Catalog, load_catalog
from interview.paths import shipped_dir
from interview.scoring.rubric import score_question


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")])


def _flags(catalog: Catalog, qid: str, answer: str) -> tuple[float, set[str | None]]:
    rep = score_question(catalog.questions[qid].question, answer, catalog)
    return rep.score, {f.id for f in rep.red_flags}


HID = ("Last spring I pushed a change to our feature pipeline that shifted a timestamp by one "
       "day, and the demand forecasts the warehouse team used for staffing were off for a week. "
       "When I found it I quietly patched it in the next deploy and never corrected the numbers "
       "they had already used. The forecasts were only off by a few percent, so I decided not to "
       "mention it. I added a unit test on the timestamp column so it cannot happen again, and I "
       "learned to check time zones in every join.")

OWNED = ("Last spring I pushed a change to our feature pipeline that shifted a timestamp by one "
         "day, and the demand forecasts the warehouse team used for staffing were off for a week. "
         "When I found it I told my manager and the warehouse lead within the hour, estimated "
         "which shifts were affected, and reran the forecasts for the next two weeks. I wrote a "
         "short postmortem, added a unit test on the timestamp column so it cannot happen again, "
         "and learned to check time zones in every join.")


def test_hiding_a_mistake_costs_points_owning_it_does_not(catalog: Catalog) -> None:
    hid, hid_flags = _flags(catalog, "beh-owning-mistake", HID)
    owned, owned_flags = _flags(catalog, "beh-owning-mistake", OWNED)
    assert "hides-a-mistake" in hid_flags
    assert not owned_flags
    assert hid < 55 and owned > hid + 20


def test_naming_the_temptation_to_reject_it_is_not_the_misconduct(catalog: Catalog) -> None:
    answer = OWNED.replace("When I found it I told", "When I found it, it was tempting to fix "
                           "it quietly, but I told")
    _, flags = _flags(catalog, "beh-owning-mistake", answer)
    assert "hides-a-mistake" not in flags


def test_rerunning_seeds_until_the_model_wins_is_gaming_the_evaluation(
        catalog: Catalog) -> None:
    gamed = ("I spent two months on a deep model for product categories, and on the holdout it "
             "came in just below the logistic regression baseline. I tried different random "
             "seeds until it beat the baseline by a point and reported that run to leadership, "
             "and the model went to production. I learned to push for ambitious models.")
    honest = ("I spent two months on a deep model for product categories, and on the holdout it "
              "came in just below the logistic regression baseline, across five seeds. I "
              "reported that to my lead with the error analysis, we kept the baseline, and I "
              "wrote up where the deep model did better, which fed the next quarter's plan. I "
              "learned to build the baseline first.")
    score_gamed, flags = _flags(catalog, "beh-below-baseline", gamed)
    score_honest, honest_flags = _flags(catalog, "beh-below-baseline", honest)
    assert "games-the-evaluation" in flags
    assert "games-the-evaluation" not in honest_flags
    assert score_honest > score_gamed + 15


def test_dismissing_and_overriding_a_stakeholder_adds_up(catalog: Catalog) -> None:
    answer = ("Our PM wanted the feed model to optimise time spent, while I argued for click "
              "rate. She raised concerns about clickbait, but I felt that was speculative. I "
              "owned the pipeline, so I just trained on clicks, and in the A/B test clicks went "
              "up 9%, which proved my point. As I see it, it's my job to pick the objective; "
              "they don't understand what is actually optimisable. We launched it.")
    score, flags = _flags(catalog, "beh-disagree-pm", answer)
    assert {"dismisses-concerns", "overrides-people", "belittles-others",
            "claims-victory"} <= flags
    assert score < 55


def test_the_wrong_lesson_is_a_red_flag(catalog: Catalog) -> None:
    answer = ("We had ten days to ship a credit model for a regulatory deadline, and I made the "
              "call to cut the bias review. We hit the date and leadership was thrilled. My "
              "lesson was that process is often just a safety blanket, and the best engineers "
              "know which rules to break.")
    _, flags = _flags(catalog, "beh-tight-deadline", answer)
    assert "wrong-lesson" in flags

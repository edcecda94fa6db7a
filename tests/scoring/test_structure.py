"""Templates earn nothing: STAR parts and the coding approach credit specifics."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.banks import load_catalog
from interview.paths import shipped_dir
from interview.scoring import score_answer, score_question
from interview.scoring.params import DEFAULT_PARAMS

TEMPLATE = ("The situation was that at my last job things were a bit messy. My task was to "
            "improve it. I decided to take ownership and I worked on it. As a result it was "
            "better and the team was happy. I learned a lot and next time I would do it the "
            "same way.")

CONCRETE = ("We were building a loan-approval model at a regional bank, and in a pre-launch "
            "review the false-negative rate for applicants over 60 was twice the average. I "
            "owned the evaluation, so it was on me to fix it before launch. I sliced the "
            "validation data by age band, traced the gap to a credit-history feature, and "
            "retrained with reweighting. I presented the before and after to the risk "
            "committee. The gap fell from 2x to 1.1x with a 0.4 point drop in AUC, and we "
            "launched on time. Since then I add per-group error rates to every model review.")

NO_CUES = ("Our fraud model at a payments startup flagged 3% of card transactions, and the "
           "manual review queue of four analysts was drowning. I profiled the alerts, found "
           "that two merchant categories produced most false positives, and rewrote the "
           "threshold logic per category. Review volume dropped by 40% in two weeks while "
           "recall stayed at 0.91. Looking back, I should have involved the analysts in "
           "choosing the thresholds from day one.")


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog([shipped_dir("question_banks"), shipped_dir("rubrics")])


def _star_question(catalog):  # type: ignore[no-untyped-def]
    """A shipped behavioral question whose rubric extends the shared STAR rubric."""
    return next(ref.question for ref in catalog.by_round("behavioral")
                if ref.question.rubric is not None and ref.question.rubric.extends == "star")


def test_template_scores_under_30_on_every_shipped_behavioral_question(catalog) -> None:  # type: ignore[no-untyped-def]
    refs = catalog.by_round("behavioral")
    assert refs
    scores = {ref.id: score_question(ref.question, TEMPLATE, catalog).score for ref in refs}
    assert max(scores.values()) < 30, sorted(scores.items(), key=lambda kv: -kv[1])[:3]


def test_template_earns_no_star_part(catalog) -> None:  # type: ignore[no-untyped-def]
    rep = score_question(_star_question(catalog), TEMPLATE, catalog)
    star = {c.id: c for c in rep.criteria if c.kind != "concept"}
    assert set(star) == {"situation", "task", "action", "result", "reflection"}
    assert all(c.earned <= 0.15 * c.weight for c in star.values())
    assert any("template" in n for n in rep.notices)


def test_concrete_story_earns_every_star_part(catalog) -> None:  # type: ignore[no-untyped-def]
    rep = score_question(_star_question(catalog), CONCRETE, catalog)
    star = {c.id: c for c in rep.criteria if c.kind != "concept"}
    assert all(c.status == "hit" for c in star.values()), {
        k: c.explanation for k, c in star.items()}


def test_story_without_cue_phrases_still_earns_situation_and_task(catalog) -> None:  # type: ignore[no-untyped-def]
    rubric = catalog.rubrics["star"]
    from interview.banks import EffectiveRubric

    rep = score_answer(NO_CUES, EffectiveRubric(criteria=rubric.criteria, source="extends"))
    got = {c.id: c for c in rep.criteria}
    assert got["situation"].status == "hit", got["situation"].explanation
    assert got["action"].status == "hit" and got["result"].status == "hit"
    assert got["reflection"].status == "hit"
    assert got["task"].earned > 0
    assert rep.score >= 75


def test_action_needs_a_first_person_verb_with_an_object(catalog) -> None:  # type: ignore[no-untyped-def]
    from interview.banks import EffectiveRubric

    rub = EffectiveRubric(criteria=[c for c in catalog.rubrics["star"].criteria
                                    if c.id == "action"], source="extends")
    hollow = score_answer("I decided to take ownership and I worked on it.", rub)
    real = score_answer("I designed a nightly backfill job and I migrated the 40 feature "
                        "tables to Parquet.", rub)
    assert hollow.criteria[0].earned == 0
    assert real.criteria[0].status == "hit"
    assert "designed" in real.criteria[0].explanation


def test_coding_approach_credits_content_not_stock_openers(catalog) -> None:  # type: ignore[no-untyped-def]
    from interview.banks import EffectiveRubric

    rub = EffectiveRubric(criteria=[c for c in catalog.rubrics["coding-explanation"].criteria
                                    if c.id == "approach"], source="extends")
    content = score_answer("First I count every word, then I pick the k best with a heap.",
                           rub)
    opener = score_answer("My approach is simple. The idea is to solve it step by step.", rub)
    assert content.criteria[0].status == "hit"
    assert opener.criteria[0].earned == 0


def test_a_coding_approach_in_own_words_earns_most_of_the_point(catalog) -> None:  # type: ignore[no-untyped-def]
    from interview.banks import EffectiveRubric

    rub = EffectiveRubric(criteria=[c for c in catalog.rubrics["coding-explanation"].criteria
                                    if c.id == "approach"], source="extends")
    # No technique name the rubric lists, but what the code does, step by step.
    own = score_answer("I throw away every character that is not a bracket, and I delete "
                       "adjacent matching pairs until none are left.", rub)
    crit = own.criteria[0]
    assert 0 < crit.earned < crit.weight  # most of it; naming the technique earns the rest
    assert crit.earned == pytest.approx(crit.weight * DEFAULT_PARAMS.approach_own_words)
    assert "own description" in crit.explanation
    vague = score_answer("I solved it and then I checked it worked.", rub)
    assert vague.criteria[0].earned == 0


def test_generic_story_without_anything_concrete_is_hollow(catalog) -> None:  # type: ignore[no-untyped-def]
    generic = ("The situation was a conflict with another team over data quality issues "
               "affecting our model. My task was to resolve the issue. I set up meetings with "
               "the other team, explained the impact of the data issues and worked "
               "collaboratively to find a solution. As a result, the data quality improved and "
               "the relationship became stronger. I learned that collaboration is the best way "
               "to resolve conflicts.")
    rep = score_question(_star_question(catalog), generic, catalog)
    assert rep.form_factor < 1 and rep.score < 30


def test_shared_rubrics_have_at_most_one_required_criterion(catalog) -> None:  # type: ignore[no-untyped-def]
    for rid in ("star", "ml-system-design", "coding-explanation"):
        assert sum(c.required for c in catalog.rubrics[rid].criteria) <= 1, rid
    ids = {c.id for c in catalog.rubrics["ml-system-design"].criteria}
    assert {"scale", "tradeoffs", "failure-modes"} <= ids


def test_paths_exist() -> None:
    assert Path(shipped_dir("rubrics")).is_dir()


def test_a_story_in_general_words_is_thin_and_says_so(catalog) -> None:  # type: ignore[no-untyped-def]
    general = ("Some time ago our churn model started giving odd predictions just before an "
               "important review. I took ownership, looked into the input data carefully and "
               "found the source of the issue in an upstream change. I fixed the checks and "
               "kept everyone informed. In the end the predictions were fine again and the "
               "review went well. I learned to check the data early and to raise risks "
               "quickly.")
    concrete = general.replace("Some time ago", "In March 2024").replace(
        "the predictions were fine again", "recall at 1% of accounts went from 31% back to 58%")
    thin = score_question(_star_question(catalog), general, catalog)
    full = score_question(_star_question(catalog), concrete, catalog)
    assert thin.form_factor == DEFAULT_PARAMS.thin_factor
    assert any("stays general" in n for n in thin.notices)
    assert full.form_factor == 1.0 and full.score > thin.score


def test_counts_and_names_are_specifics(catalog) -> None:  # type: ignore[no-untyped-def]
    story = ("I was the only analyst for three regional teams and had eleven requests open. "
             "I asked each requester what the work would save them, ranked the requests in "
             "one shared sheet and told two teams myself that theirs would wait. The two "
             "fixes saved the managers a day of work, and I learned to make the list visible.")
    named = story.replace("one shared sheet", "one shared Airtable base")
    for text in (story, named):
        rep = score_question(_star_question(catalog), text, catalog)
        assert rep.form_factor == 1.0

"""Named in a list, not explained (lists.py): list items earn part of a criterion, and an
answer made of lists is marked down, with the reason in the report."""

from __future__ import annotations

from interview.banks import Criterion, EffectiveRubric
from interview.scoring import score_answer
from interview.scoring.params import DEFAULT_PARAMS
from interview.scoring.text import tokenize

RUBRIC = EffectiveRubric(criteria=[
    Criterion(id="resample", keywords=["oversampling", "undersampling"]),
    Criterion(id="weights", keywords=["class weights", "weighted loss"]),
    Criterion(id="threshold", keywords=["decision threshold", "move the threshold"]),
    Criterion(id="metric", keywords=["precision recall curve", "average precision"]),
])

LISTY = ("For this you need the whole toolkit that is out there. At the level of the data "
         "there is random minority oversampling, majority undersampling, hybrid synthetic "
         "sampling and adaptive generation. At the level of the algorithm there are inverse "
         "class weights, focal objectives, cost matrices and balanced ensembles. At the level "
         "of the evaluation there are average precision scores, balanced accuracy, kappa "
         "statistics and lift charts. On top of it all there is decision threshold tuning, "
         "probability calibration, drift monitoring and model governance, as part of a "
         "holistic and scalable strategy for any enterprise.")

EXPLAINED = ("With one positive in a hundred, I would first reweight the loss with class "
             "weights, so that a missed positive costs as much as the negatives it is "
             "outnumbered by. Oversampling the minority class inside each training fold also "
             "works, because the validation fold must keep the real ratio. I would judge the "
             "model by average precision, since the precision recall curve shows how many "
             "alerts are real, and then move the threshold until the alert volume matches "
             "what the reviewers can handle in a day.")


def test_a_list_of_names_earns_part_of_each_point_and_says_why() -> None:
    rep = score_answer(LISTY, RUBRIC)
    assert len(tokenize(LISTY)) >= DEFAULT_PARAMS.list_min_words
    listed = [c for c in rep.criteria if c.explanation.startswith("Only listed")]
    assert len(listed) >= 2
    assert "one item of a list" in listed[0].explanation
    for c in listed:
        assert c.earned <= DEFAULT_PARAMS.list_item_credit * c.weight + 1e-9


def test_an_answer_of_lists_is_marked_down_with_a_notice() -> None:
    rep = score_answer(LISTY, RUBRIC)
    assert rep.form_factor == DEFAULT_PARAMS.names_factor
    assert any("list of names" in n for n in rep.notices)
    assert "list of names" in rep.total_explanation


def test_the_same_ideas_explained_earn_in_full() -> None:
    rep = score_answer(EXPLAINED, RUBRIC)
    assert rep.form_factor == 1.0
    assert all(not c.explanation.startswith("Only listed") for c in rep.criteria)
    assert rep.score > score_answer(LISTY, RUBRIC).score + 30


def test_a_list_explained_by_the_next_sentence_keeps_its_credit() -> None:
    answer = ("I compared three remedies on the fraud data last spring. Oversampling, "
              "class weights and focal loss were the candidates. These changed recall at a "
              "fixed precision by 4, 9 and 7 points, so we kept the class weights and "
              "moved the decision threshold to hold the alert volume steady.")
    rep = score_answer(answer, RUBRIC)
    assert all(not c.explanation.startswith("Only listed") for c in rep.criteria)


def test_a_short_answer_is_judged_by_coverage_alone() -> None:
    rep = score_answer("Oversampling, class weights, a decision threshold, average precision.",
                       RUBRIC)
    assert all(not c.explanation.startswith("Only listed") for c in rep.criteria)


DEPTH = EffectiveRubric(criteria=[
    Criterion(id="shuffle", keywords=["shuffle the data", "random order"]),
    Criterion(id="stratify", keywords=["stratified split", "keep the class ratio"]),
    Criterion(id="leak", keywords=["fit the scaler on training data", "no leakage"]),
])


def test_a_concept_said_once_with_no_why_earns_part_and_says_so() -> None:
    answer = ("Splitting sounds simple but there is more to it than people think in practice. "
              "You shuffle the data first. Then you look at the sizes of each part and "
              "decide on the proportions that suit the project and the team well. Make sure "
              "the stratified split is done. Everything else follows from the plan.")
    got = {c.id: c for c in score_answer(answer, DEPTH).criteria}
    assert got["shuffle"].earned == DEFAULT_PARAMS.depth_single_credit
    assert got["shuffle"].explanation.startswith("Said once")


def test_a_concept_said_once_with_its_reason_earns_in_full() -> None:
    answer = ("Splitting sounds simple but there is more to it than people think in practice. "
              "You shuffle the data first, because files are often sorted by date or by "
              "label. Then you look at the sizes of each part and decide on the proportions "
              "that suit the project. A stratified split keeps rare classes in every part.")
    got = {c.id: c for c in score_answer(answer, DEPTH).criteria}
    assert got["shuffle"].status == "hit"


def test_two_phrasings_in_one_sentence_are_still_said_once() -> None:
    answer = ("Splitting sounds simple but there is more to it than people think in practice. "
              "You shuffle the data into a random order first. Then you look at the sizes of "
              "each part and decide on the proportions that suit the project and the team. "
              "Make sure the stratified split is done. Everything else follows from the plan.")
    got = {c.id: c for c in score_answer(answer, DEPTH).criteria}
    assert len(got["shuffle"].matches) == 2
    assert got["shuffle"].earned == DEFAULT_PARAMS.depth_single_credit
    assert got["shuffle"].explanation.startswith("Said once")


def test_phrasings_in_two_sentences_or_said_again_earn_in_full() -> None:
    two = ("Splitting sounds simple but there is more to it than people think in practice. "
           "You shuffle the data first. Then you look at the sizes of each part and decide "
           "on the proportions. Rows go to each part in a random order. Make sure the "
           "stratified split is done. Everything else follows from the plan.")
    again = ("Splitting sounds simple but there is more to it than people think in practice. "
             "You shuffle the data first. Then you look at the sizes of each part and decide "
             "on the proportions. Check that you shuffle the data once only. Make sure the "
             "stratified split is done. Everything else follows from the plan.")
    for answer in (two, again):
        got = {c.id: c for c in score_answer(answer, DEPTH).criteria}
        assert got["shuffle"].status == "hit", answer

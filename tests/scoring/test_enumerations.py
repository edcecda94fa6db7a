"""Listed, not explained (enumerations.py): a criterion whose only evidence is one name in an
enumeration earns little, less when the enumeration strings several of the rubric's points
together; the same ideas explained keep their credit."""

from __future__ import annotations

from interview.banks import Criterion, EffectiveRubric
from interview.scoring import score_answer
from interview.scoring.enumerations import enumerations
from interview.scoring.lists import Sentences
from interview.scoring.params import DEFAULT_PARAMS
from interview.scoring.text import tokenize_indexed

RUBRIC = EffectiveRubric(criteria=[
    Criterion(id="resample", keywords=["oversampling", "undersampling", "synthetic samples"]),
    Criterion(id="weights", keywords=["class weights", "weighted loss"]),
    Criterion(id="threshold", keywords=["decision threshold", "move the threshold"]),
    Criterion(id="metric", keywords=["average precision", "precision recall curve"]),
    Criterion(id="calibration", keywords=["calibration", "calibrated probabilities"]),
])

# Names strung together in sentences, one breath per list, no why or how anywhere.
BUZZ = ("For a rare positive class in a large production system you want the complete "
        "imbalance toolkit in place. "
        "Oversampling, class weights, focal objectives and average precision are the key "
        "ingredients of a modern pipeline. Ensembles, stacking and boosting add robustness on "
        "top. Decision threshold tuning, calibration and monitoring complete the picture, as "
        "part of a holistic, scalable and production-grade strategy for the enterprise.")

# The same ideas, each with what it does and why.
EXPLAINED = ("With one positive in a hundred, I would reweight the loss with class weights, "
             "so that a missed positive costs as much as the negatives it is outnumbered by. "
             "Oversampling the minority class inside each training fold also works, because "
             "the validation fold must keep the real ratio. I would judge the model by "
             "average precision, since it shows how many alerts are real, and then move the "
             "threshold until the alert volume matches what reviewers can handle. Calibration "
             "matters if the scores feed a cost model, because a probability of 0.3 must mean "
             "three in ten.")


def _runs(answer: str) -> list[list[str]]:
    tokens, by_norm = tokenize_indexed(answer)
    sents = Sentences(tokens, by_norm)
    out = []
    i = 0
    while i < len(tokens):
        lo, hi = sents.bounds(i)
        out += [[answer[tokens[a].start:tokens[b].end] for a, b in run]
                for run in enumerations(answer, tokens, lo, hi, 3)]
        i = hi + 1
    return out


def test_an_enumeration_has_its_lead_in_and_closing_names() -> None:
    runs = _runs("SMOTE, ADASYN and random undersampling address the skew at the data level.")
    assert runs == [["SMOTE", "ADASYN", "random undersampling address"]]
    runs = _runs("Key components include the feature registry, offline store and lineage.")
    assert runs == [["feature registry", "offline store", "lineage"]]


def test_a_heading_before_a_colon_is_not_an_item() -> None:
    runs = _runs("Failure modes to test for: sarcasm, dialects and misspellings.")
    assert runs == [["sarcasm", "dialects", "misspellings"]]


def test_a_piece_with_a_reason_or_a_number_is_not_a_name() -> None:
    assert _runs("We tried a transformer, a smaller model if latency matters, and rules.") == []
    assert _runs("It reached 95% recall, 40 ms latency and 2 GB of memory.") == []


def test_names_listed_with_other_points_earn_little_and_say_why() -> None:
    rep = score_answer(BUZZ, RUBRIC)
    together = [c for c in rep.criteria if c.explanation.startswith("Listed with other")]
    assert {c.id for c in together} >= {"resample", "metric", "calibration"}
    for c in together:
        assert c.earned <= DEFAULT_PARAMS.enum_credit * c.weight + 1e-9
        assert "list of several of the answer's points" in c.explanation


def test_the_same_ideas_explained_score_far_higher() -> None:
    buzz = score_answer(BUZZ, RUBRIC)
    explained = score_answer(EXPLAINED, RUBRIC)
    assert all(not c.explanation.startswith(("Listed with", "Only listed"))
               for c in explained.criteria)
    assert buzz.score < 55 <= explained.score
    assert explained.score > buzz.score + 35


def test_a_list_followed_by_its_reason_keeps_its_credit() -> None:
    answer = ("I handled the imbalance at three levels last spring on the fraud model. "
              "Oversampling, class weights and average precision went together, because "
              "each fixed what the others left: more positives to learn from, a loss that "
              "cares about them, and a metric that shows whether alerts are real. We then "
              "checked the calibration of the scores on a held-out month of data.")
    rep = score_answer(answer, RUBRIC)
    assert all(not c.explanation.startswith("Listed with") for c in rep.criteria)


def test_a_name_said_again_outside_a_list_is_not_only_listed() -> None:
    answer = ("For a rare class the usual levers are oversampling, class weights and "
              "average precision in one plan for the whole team to follow. Oversampling "
              "must happen inside each training fold, because the validation fold has to "
              "keep the real ratio of positives, or the estimate is far too rosy.")
    rep = score_answer(answer, RUBRIC)
    by_id = {c.id: c for c in rep.criteria}
    assert not by_id["resample"].explanation.startswith(("Listed with", "Only listed"))


def test_one_points_alternatives_in_a_list_earn_the_list_item_share() -> None:
    answer = ("The class is rare, about one in a hundred, and the team asked me for a plan "
              "that the whole group could review before the next planning meeting. "
              "Oversampling, undersampling and synthetic samples are all on the table for "
              "the training data. The rest of the pipeline stays as it was before the "
              "change, with the same features and the same model family as last year.")
    rep = score_answer(answer, RUBRIC)
    by_id = {c.id: c for c in rep.criteria}
    assert by_id["resample"].explanation.startswith("Only listed")
    assert by_id["resample"].earned <= DEFAULT_PARAMS.list_item_credit * 1.0 + 1e-9

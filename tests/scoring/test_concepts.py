"""Concepts, not strings: lemmas, WordNet synonyms, the ML-domain table, word order; every
match says why it counted."""

from __future__ import annotations

import pytest

from interview.banks import Criterion, EffectiveRubric
from interview.scoring import score_answer
from interview.scoring.domain import table, variants
from interview.scoring.lexicon import verb_lemma, wordnet_synonyms

# The rubric of mlt-bias-variance as shipped when scoring v2 was written (a copy, so that
# edits to the bank do not move this test).
BIAS_VARIANCE = EffectiveRubric(criteria=[
    Criterion(id="bias-underfit", weight=2, required=True,
              keywords=["underfitting", "underfit", "too simple", "high bias",
                        "systematic error", "wrong assumptions", "can't capture the pattern"]),
    Criterion(id="variance-overfit", weight=2, required=True,
              keywords=["overfitting", "overfit", "high variance", "fits the noise",
                        "sensitive to the training data", "memorizes", "memorises",
                        "different training set"]),
    Criterion(id="complexity", weight=1.5,
              keywords=["model complexity", "more complex", "more flexible", "sweet spot",
                        "u-shaped", "total error", "irreducible error"]),
    Criterion(id="diagnose", weight=2,
              keywords=["training error", "validation error", "learning curve",
                        "train and validation", "gap between", "validation loss",
                        "train vs test"]),
    Criterion(id="remedies", weight=1,
              keywords=["more data", "collect more data", "regularization", "regularisation",
                        "regularize", "add features", "bigger model", "bagging"]),
])

EXPERT = ("Bias is the error you get because the model's assumptions are too restrictive, like "
          "fitting a straight line to a curved relationship - it misses the signal even on "
          "data it was trained on. Variance is how much the learned function would change if "
          "you drew another sample of training data; a very flexible model chases noise. As "
          "capacity goes up, the first shrinks and the second grows, so you look for the point "
          "where their sum is lowest. I compare the loss on the training set with the loss on "
          "a held-out set: if both are high and close, it's bias; if training loss is low and "
          "held-out loss much higher, it's variance.")


def test_expert_paraphrase_of_bias_variance_is_strong() -> None:
    rep = score_answer(EXPERT, BIAS_VARIANCE,
                       prompt="Explain the bias-variance tradeoff in your own words. Given a "
                              "trained model, how would you tell which of the two is hurting "
                              "it more?")
    assert rep.score >= 75 and rep.band == "strong", rep.total_explanation
    got = {c.id: c for c in rep.criteria}
    for cid in ("bias-underfit", "variance-overfit", "complexity", "diagnose"):
        assert got[cid].status == "hit", got[cid].explanation
    assert "domain term" in got["diagnose"].explanation


def test_vague_answer_stays_weak() -> None:
    rep = score_answer("Bias means the model is biased and variance means it varies a lot. "
                       "You have to balance them.", BIAS_VARIANCE)
    assert rep.score < 30


def test_reason_names_the_domain_equivalence() -> None:
    rub = EffectiveRubric(criteria=[Criterion(id="d", keywords=["validation error"])])
    rep = score_answer("I watch the held-out loss.", rub)
    m = rep.criteria[0].matches[0]
    assert rep.criteria[0].status == "hit"
    assert m.reason == "domain term" and m.keyword == "validation error"
    assert "'held-out loss' ≈ 'validation error': domain term" in rep.criteria[0].explanation


@pytest.mark.parametrize(("keyword", "answer", "reason"), [
    ("training error", "the error on the training set", "same word"),
    ("run the job", "I ran the job", "same lemma"),
    ("supply the data", "we provide the data", "synonym (WordNet)"),
    ("regularization", "add some regulrization", "typo"),
])
def test_each_kind_of_match_is_explained(keyword: str, answer: str, reason: str) -> None:
    rep = score_answer(answer, EffectiveRubric(criteria=[Criterion(id="k", keywords=[keyword])]))
    assert rep.criteria[0].status == "hit", rep.criteria[0].explanation
    assert rep.criteria[0].matches[0].reason.startswith(reason)


def test_wordnet_is_not_used_for_domain_terms() -> None:
    # WordNet's first sense of "bias" is "prejudice": not what an ML answer means.
    rub = EffectiveRubric(criteria=[Criterion(id="b", keywords=["high bias"])])
    assert score_answer("The model shows high prejudice.", rub).score == 0


def test_domain_variants_never_chain_and_stay_tight() -> None:
    # loss ~ cost and cost ~ compute cost are different groups: no "loss ~ compute cost".
    assert not any("compute" in v for v in variants("training loss"))
    assert "held-out loss" in variants("validation error")
    assert len(table().groups) >= 300


def test_lexicon_knows_verbs_and_dominant_synonyms() -> None:
    assert verb_lemma("rewrote") == "rewrite" and verb_lemma("migrated") == "migrate"
    assert verb_lemma("table") == "table" and verb_lemma("xyzzy") is None
    assert "supply" in wordnet_synonyms("provide")
    assert wordnet_synonyms("bias") == ()


def test_word_order_and_small_gaps_are_tolerated() -> None:
    rub = EffectiveRubric(criteria=[Criterion(id="t", keywords=["validation loss"])])
    assert score_answer("the loss on the validation split", rub).criteria[0].status == "hit"


# The rubric of mlt-cross-validation as shipped when scoring v2 was written (a copy).
CROSS_VALIDATION = EffectiveRubric(criteria=[
    Criterion(id="procedure", weight=2, required=True,
              keywords=["k-1 folds", "train on four folds", "rotate", "each fold gets a turn",
                        "validation fold", "average the scores", "average across folds"]),
    Criterion(id="why", keywords=["more reliable", "less noisy", "lucky split",
                                  "uses all the data", "variance of the estimate",
                                  "standard deviation across folds", "more stable"]),
    Criterion(id="stratify", keywords=["stratified", "stratify", "class ratio",
                                       "class balance in each fold"]),
    Criterion(id="time-series", keywords=["forward chaining", "time-based split",
                                          "rolling window", "walk-forward", "train on the past"]),
    Criterion(id="groups", keywords=["group k-fold", "grouped split", "split by customer",
                                     "split by user", "customer-level split"]),
])


def test_jargon_free_cross_validation_answer_is_strong() -> None:
    rep = score_answer(
        "You cut the data into, say, five parts. You train on four parts and test on the one "
        "you held back, then rotate so every part gets to be the test part once, and average "
        "the five scores. That gives a steadier estimate than one split. Keep the class "
        "proportions the same in each part, for time data always train on earlier periods and "
        "test on later ones, and keep all of one customer's rows in the same part.",
        CROSS_VALIDATION)
    assert rep.score >= 75, [(c.id, c.explanation) for c in rep.criteria]

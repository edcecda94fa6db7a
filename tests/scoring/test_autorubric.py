from __future__ import annotations

import yaml

from interview.banks import Question, Rubric
from interview.scoring import derive_rubric, rubric_for, score_answer, score_question
from interview.scoring.autorubric import rubric_yaml

MODEL = ("The learning rate sets the step size of gradient descent. If it is too large, "
         "training diverges; if it is too small, convergence is slow.")


def test_derived_rubric_has_weighted_key_phrases() -> None:
    rub = derive_rubric(MODEL, prompt="What does the learning rate control?")
    assert rub.source == "auto"
    phrases = {c.keywords[0].lower(): c.weight for c in rub.criteria}
    assert "step size" in " ".join(phrases)
    assert "gradient descent" in phrases
    # Echoes of the prompt weigh less than new ideas of the same length.
    echo = next(w for p, w in phrases.items() if p.startswith("learning rate"))
    assert echo < phrases["gradient descent"]


def test_auto_rubric_scores_good_above_bad() -> None:
    rub = derive_rubric(MODEL, prompt="What does the learning rate control?")
    good = score_answer("It is the step size for gradient descent: too large and training "
                        "diverges, too small and convergence is slow.", rub)
    bad = score_answer("It is how many layers the network has.", rub)
    assert good.score >= 70 > bad.score


def test_empty_model_answer_gives_a_valid_rubric() -> None:
    assert derive_rubric("").criteria
    assert derive_rubric("the of and").criteria


def test_rubric_for_falls_back_to_auto() -> None:
    q = Question(id="q1", prompt="What does the learning rate control?", model_answer=MODEL)
    assert rubric_for(q).source == "auto"
    assert score_question(q, "The step size of gradient descent.").score > 0


def test_suggested_yaml_validates_as_a_rubric() -> None:
    data = yaml.safe_load(rubric_yaml(derive_rubric(MODEL)))
    rub = Rubric.model_validate(data["rubric"])
    assert rub.criteria and all(c.keywords for c in rub.criteria)


# --- Agreement with graders: partial credit, rarity, synonyms, relevance, length ---

REF = "A stack stores elements in last in first out order, so the most recent push is popped."


def test_rarity_weights_rare_words_above_common_ones() -> None:
    from interview.scoring.rarity import rarity

    assert rarity("voltage") > rarity("house") > rarity("the")
    rub = derive_rubric("The battery voltage drops and the house gets cold.")
    weights = {c.keywords[0].lower(): c.weight for c in rub.criteria}
    assert weights["battery voltage drops"] > weights["house"]


def test_auto_criterion_gives_partial_credit_for_part_of_a_phrase() -> None:
    rub = derive_rubric("Use gradient descent with momentum.")
    crit = next(c for c in rub.criteria if "gradient" in c.keywords[0])
    rep = score_answer("I would use gradient steps.", rub)
    got = next(c for c in rep.criteria if c.id == crit.id)
    assert got.status == "partial"
    assert 0 < got.earned < got.weight
    assert got.matches and got.matches[0].text == "gradient"


def test_synonyms_match_technical_vocabulary_and_show_the_keyword() -> None:
    from interview.scoring.synonyms import synonyms
    from interview.scoring.text import stem

    assert "method" in synonyms(stem("function"))
    rub = derive_rubric("The program calls the function.", prompt="What happens?")
    rep = score_answer("The software calls the method.", rub)
    assert all(c.status == "hit" for c in rep.criteria)
    keywords = {m.keyword.lower() for c in rep.criteria for m in c.matches}
    assert {"software", "calls method"} <= keywords


def test_echoes_are_discounted_once_for_auto_rubrics() -> None:
    prompt = "What is a stack?"
    rub = derive_rubric("A stack: the newest item leaves first.", prompt=prompt)
    stack = next(c for c in rub.criteria if c.keywords[0].lower() == "stack")
    rep = score_answer("A stack is a stack.", rub, prompt=prompt)
    got = next(c for c in rep.criteria if c.id == stack.id)
    # The echo weighs little in the rubric, but is not capped a second time.
    assert got.earned == stack.weight
    assert rep.score < 20


def test_relevance_rewards_focused_answers() -> None:
    rub = derive_rubric(REF, prompt="What is a stack?")
    focused = score_answer("Last in, first out: the most recent push is popped first.", rub)
    padded = score_answer("Last in, first out: the most recent push is popped first. Cooking "
                          "pasta tonight with tomatoes, basil, garlic and plenty of cheese.", rub)
    assert focused.relevance is not None and padded.relevance is not None
    assert focused.relevance > padded.relevance
    assert focused.score > padded.score
    assert focused.coverage == padded.coverage


def test_very_short_answers_get_a_gentle_length_factor() -> None:
    rub = derive_rubric(REF)
    short = score_answer("Stack.", rub)
    longer = score_answer("A stack stores elements in last in first out order.", rub)
    assert 0.6 <= short.length_factor < 1.0
    assert longer.length_factor == 1.0


def test_plain_statement_of_a_negative_reference_is_a_contradiction() -> None:
    rub = derive_rubric("Terminal 1 and the positive terminal are not connected.")
    said = score_answer("Terminal 1 and the positive terminal are connected.", rub)
    right = score_answer("Terminal 1 is not connected to the positive terminal.", rub)
    bad = [c for c in said.criteria if c.contradicted]
    assert bad and "opposite" in bad[0].explanation
    assert right.score > said.score
    assert not any(c.contradicted for c in right.criteria)


def test_authored_rubrics_keep_their_scoring() -> None:
    from interview.banks import Criterion, EffectiveRubric

    rub = EffectiveRubric(criteria=[Criterion(id="a", keywords=["gradient descent"])])
    rep = score_answer("Gradient descent.", rub)
    assert rep.relevance is None and rep.coverage == 100.0 and rep.length_factor == 1.0
    assert rep.score == 100.0


def test_rare_words_carry_more_of_an_auto_phrase() -> None:
    rub = derive_rubric("Voltage difference.")
    rare = score_answer("The voltage.", rub).criteria[0]
    common = score_answer("The difference.", rub).criteria[0]
    assert 0 < common.earned < rare.earned < rare.weight


# --- Auto-rubric v2: concepts, no fragments, forward negation, probes ---

LEAK = ("Leakage happens when information that would not be available at prediction time ends "
        "up in training, for example fitting the scaler on all rows before the split, or "
        "target-derived features.")
FRAUD = ("Accuracy is misleading with class imbalance: a model that predicts no fraud at all "
         "scores 99%. Use precision and recall, or PR AUC, and choose the threshold from the "
         "cost of false positives versus false negatives.")


def test_concepts_are_never_function_word_fragments() -> None:
    from interview.scoring.text import STOP_WORDS, is_negation_cue, tokenize

    for model in (LEAK, FRAUD, MODEL, REF):
        for c in derive_rubric(model).criteria:
            words = [t.norm for t in tokenize(c.keywords[0])]
            content = [w for w in words if w not in STOP_WORDS and not is_negation_cue(w)]
            assert content, c.keywords[0]
            # No trailing negation or function word: "predicts not", "positives versus".
            assert not is_negation_cue(words[-1]) and words[-1] not in {"versus", "vs"}


def test_negation_attaches_forward_only() -> None:
    labels = [c.keywords[0].lower() for c in derive_rubric(FRAUD).criteria]
    assert "predicts no fraud" in labels
    assert not any(label.endswith((" not", " no")) for label in labels)
    leak = [c.keywords[0].lower() for c in derive_rubric(LEAK).criteria]
    assert "not available" in leak


def test_probes_are_phrased_from_the_concept() -> None:
    rub = derive_rubric(FRAUD, prompt="Why is accuracy a bad metric for fraud?")
    probes = [c.probe or "" for c in rub.criteria]
    assert not any(p.startswith("Can you say more about") for p in probes)
    assert any("class imbalance" in p for p in probes)
    assert any(p.startswith("Why would you choose") for p in probes)


def test_strong_paraphrase_is_not_told_it_contradicts_the_reference() -> None:
    rub = derive_rubric(LEAK, prompt="What is data leakage?")
    rep = score_answer("It is when the model trains on information you won't have when it "
                       "makes real predictions, so only features available at prediction time "
                       "are safe. Fitting the scaler on every row before splitting leaks, and "
                       "so do features derived from the target.", rub,
                       prompt="What is data leakage?")
    assert not any(c.contradicted for c in rep.criteria)
    assert rep.score >= 55

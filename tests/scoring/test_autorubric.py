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

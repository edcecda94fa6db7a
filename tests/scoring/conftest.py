"""Small rubrics and a fixture bank for the scoring tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.banks import Criterion, EffectiveRubric, RedFlag

BANK = """\
bank: fixture-ml
round: ml-theory
questions:
  - id: mlt-fixture-overfit
    prompt: How do you stop a neural network from overfitting?
    rubric:
      criteria:
        - id: regularization
          weight: 2
          required: true
          keywords: [regularization, weight decay, dropout]
          probe: Which regularization would you add?
        - id: validation
          keywords: [cross validation, validation set, k-fold]
        - id: early-stopping
          keywords: [early stopping]
      red_flags:
        - keywords: [more epochs always help]
          penalty: 20
          note: Training longer usually makes overfitting worse.
    examples:
      - label: strong
        answer: I would add weight decay and dropout, watch a validation set and use early stopping.
        expect: {min: 75, max: 100}
      - label: weak
        answer: I would train for more epochs.
        expect: {min: 0, max: 30}
  - id: mlt-fixture-auto
    prompt: What does a learning rate control?
    model_answer: >
      The learning rate sets the step size of gradient descent. Too large and training
      diverges or oscillates; too small and convergence is slow.
    examples:
      - answer: It is the step size in gradient descent; too big diverges, too small converges slowly.
        expect: {min: 50, max: 100}
"""


@pytest.fixture
def rubric() -> EffectiveRubric:
    return EffectiveRubric(
        criteria=[
            Criterion(id="reg", label="regularization", weight=2, required=True,
                      keywords=["regularization", "weight decay", "dropout"],
                      probe="How would you regularize?"),
            Criterion(id="cv", keywords=["cross validation", "k-fold"]),
            Criterion(id="lr", keywords=["learning rate"]),
            Criterion(id="gd", keywords=["gradient descent"]),
            Criterion(id="overfit", keywords=["overfitting"]),
        ],
        red_flags=[RedFlag(id="acc", keywords=["rely on accuracy alone"], penalty=15,
                           note="Accuracy hides class imbalance.")],
    )


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    d = tmp_path / "banks"
    d.mkdir()
    (d / "ml-theory-fixture.yaml").write_text(BANK, encoding="utf-8")
    return d

"""A commented starter bank for `interview bank new`, one per round. Each one validates."""

from __future__ import annotations

_RUBRIC_FOR_ROUND = {
    "coding-screen": "coding-explanation",
    "system-design": "ml-system-design",
    "behavioral": "star",
    "portfolio": "star",
}

_HEADER = """\
# yaml-language-server: $schema={schema}
# A question bank for `interview`. Check it with:  interview bank validate {name}
# Try its rubric with:                             interview bank test {name}
# Every field is described in docs/authoring.md.
bank: {bank_id}               # unique id of this bank
title: {title}
round: {round}                # coding-screen | ml-theory | system-design | behavioral | portfolio
version: 1
questions:
"""

_INLINE_QUESTION = """\
  - id: {bank_id}-q1          # unique across every loaded bank
    difficulty: medium        # easy | medium | hard
    tags: [example]
    time_limit: 300           # seconds
    prompt: |
      Explain what a validation set is for, and how it differs from a test set.
    model_answer: |
      A validation set is held out from training and used to choose hyperparameters and
      compare models. The test set is touched only once, at the end, to estimate how the
      chosen model generalizes; tuning on it would make that estimate optimistic.
    hints:
      - Think about when in the project each set is used.
    rubric:
      criteria:
        - id: purpose
          label: Validation is for model selection
          weight: 2
          required: true      # missing it caps the score below the pass band
          keywords:           # alternatives and synonyms for this one idea
            - tune hyperparameters
            - model selection
            - choose between models
          probe: What decisions would you make using the validation set?
        - id: test-once
          label: The test set is used once, at the end
          weight: 1
          keywords: [final evaluation, only once, held out until the end, unbiased estimate]
          probe: When would you look at the test set, and why only then?
      red_flags:
        - keywords: [tune on the test set, tune hyperparameters on the test set]
          penalty: 15
          note: Tuning on the test set leaks it into model selection, so its score is optimistic.
    examples:
      - label: strong
        answer: |
          I use the validation set to tune hyperparameters and pick between models, and I keep
          the test set held out until the end for a single final evaluation.
        expect: {{min: 70, max: 100}}
      - label: weak
        answer: They are the same thing, just different names.
        expect: {{min: 0, max: 35}}
"""

_EXTENDS_QUESTION = """\
  - id: {bank_id}-q1          # unique across every loaded bank
    difficulty: medium        # easy | medium | hard
    tags: [example]
    time_limit: 420           # seconds
    prompt: |
      {prompt}
    model_answer: |
      {model_answer}
    hints:
      - "{hint}"
    rubric:
      extends: {rubric}       # a shared rubric from rubrics/; its criteria are merged in
      criteria:               # add question-specific criteria, or override one by its id
        - id: specific
          label: {label}
          weight: 1
          keywords: [{keywords}]
          probe: {probe}
    examples:
      - label: weak
        answer: I don't really know.
        expect: {{min: 0, max: 35}}
"""

_EXTENDS_CONTENT = {
    "coding-screen": dict(
        prompt="Write a function that returns the k most frequent words in a list of strings.",
        model_answer=("Count with a dictionary (collections.Counter) in O(n), then take the top k "
                      "with a heap in O(n log k). Handle ties and an empty list, and test with "
                      "small cases."),
        hint="Which data structure counts items in one pass?",
        label="Counting, then a heap",
        keywords="heap, heapq, most_common, nlargest",
        probe="How would you get the top k without sorting everything?",
    ),
    "system-design": dict(
        prompt="Design a system that flags fraudulent card payments in real time.",
        model_answer=("Clarify latency and the cost of false positives, build features from "
                      "transaction history, start with a baseline, evaluate with precision and "
                      "recall on an imbalanced set, serve under a latency budget, and monitor "
                      "drift with scheduled retraining."),
        hint="Start by asking how fast a decision must be made.",
        label="Handles label delay from chargebacks",
        keywords="chargeback, label delay, delayed labels",
        probe="When do you learn that a payment was fraud, and what does that delay change?",
    ),
    "behavioral": dict(
        prompt="Tell me about a time a project you worked on did not go to plan.",
        model_answer=("Situation and task set briefly, then the actions I took myself, a "
                      "measurable result, and what I do differently now."),
        hint="Use STAR: situation, task, action, result, and what you learned.",
        label="Owns the outcome",
        keywords="my mistake, I was responsible, I owned",
        probe="What part of that outcome was yours?",
    ),
    "portfolio": dict(
        prompt="Walk me through a machine-learning project you built end to end.",
        model_answer=("The problem and who used it, the data and the model I chose and why, how "
                      "it was deployed and monitored, what broke, and what I would change."),
        hint="Start with the problem and who used the result.",
        label="Explains a design choice",
        keywords="I chose, trade-off, instead of",
        probe="Why that model rather than a simpler one?",
    ),
}


def starter_bank(bank_id: str, round_: str, schema: str, name: str) -> str:
    title = bank_id.replace("-", " ").replace("_", " ").title()
    text = _HEADER.format(schema=schema, name=name, bank_id=bank_id, title=title, round=round_)
    rubric = _RUBRIC_FOR_ROUND.get(round_)
    if rubric is None:
        return text + _INLINE_QUESTION.format(bank_id=bank_id)
    return text + _EXTENDS_QUESTION.format(bank_id=bank_id, rubric=rubric,
                                           **_EXTENDS_CONTENT[round_])

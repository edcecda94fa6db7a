"""The one grading path, with the real scorer and code runner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interview.banks import Catalog, load_catalog
from interview.engine import PlannedQuestion
from interview.service.grader import Grader

BANK = """\
bank: grader-fixture
round: coding-screen
questions:
  - id: cs-gr-window
    prompt: Write moving_sum(xs, k), the sums of every window of k numbers.
    entrypoint: moving_sum
    test_weight: 0.6
    rubric:
      criteria:
        - id: running
          label: keeps a running sum
          weight: 2
          keywords: [running sum]
          probe: How do you avoid adding up each window again?
        - id: linear
          label: linear time
          weight: 2
          keywords: [linear time, one pass]
        - id: edges
          label: handles an empty list
          weight: 1
          keywords: [empty list]
    tests:
      - args: [[1, 2, 3], 2]
        expect: [3, 5]
      - args: [[4], 1]
        expect: [4]
      - args: [[1, 1, 1], 3]
        expect: [3]
        hidden: true
"""
CODE = """\
def moving_sum(xs, k):
    # adds each window again
    return [sum(xs[i:i + k]) for i in range(len(xs) - k + 1)]
"""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = tmp_path_factory.mktemp("banks")
    (folder / "grader.yaml").write_text(BANK, encoding="utf-8")
    cat = load_catalog([Path(folder)])
    assert not cat.errors, cat.errors
    return cat


@pytest.fixture(scope="module")
def question(catalog: Catalog) -> PlannedQuestion:
    return Grader.plan(catalog, "cs-gr-window")


def test_tests_scope_none_visible_all(question: PlannedQuestion) -> None:
    g = Grader()
    none = g.grade(question, CODE, tests="none")
    visible = g.grade(question, CODE, tests="visible")
    full = g.grade(question, CODE, tests="all")
    assert none.tests is None
    assert visible.tests is not None and (visible.tests.passed, visible.tests.total) == (2, 2)
    assert full.tests is not None and (full.tests.passed, full.tests.total) == (3, 3)
    assert full.score > none.score


def test_a_follow_up_can_earn_any_missed_point_and_tests_still_count(
        question: PlannedQuestion) -> None:
    g = Grader()
    before = g.score(question, CODE, hint_penalty=0.0)
    assert {c.id for c in before.criteria if c.status == "missed"} >= {"running", "linear"}
    after = g.followup(question, before, "I keep a running sum, so it is one pass: linear time.",
                       criterion_id="running", prompt="How do you avoid it?")
    status = {c.id: c.status for c in after.criteria}
    assert status["running"] == "hit" and status["linear"] == "hit"  # not only the probed one
    assert after.tests is not None and after.tests.total == 3
    assert after.score >= before.score
    # The score stored is the arithmetic shown.
    [notice] = [n for n in after.notices if n.startswith("Score combines")]
    shown = float(re.findall(r"= ([0-9.]+)\.$", notice)[0])
    assert after.score == pytest.approx(shown)
    assert after.rubric_score is not None and after.test_weight is not None
    assert after.score == pytest.approx(round(
        (1 - after.test_weight) * after.rubric_score + after.test_weight * 100.0, 1))

"""The review rating: score, band and missed criteria -> again/hard/good/easy."""

from __future__ import annotations

import pytest

from interview.domain.attempt import Attempt
from interview.domain.bands import BAND_THRESHOLDS, PASS_THRESHOLD
from interview.domain.review import (
    NEAR_PERFECT,
    RATINGS,
    MissedPoint,
    review_rating,
    session_review,
)

OPTIONAL = MissedPoint("remedy", "a remedy", required=False, probe="How would you fix it?")
REQUIRED = MissedPoint("definition", "what it is", required=True)
STRONG = BAND_THRESHOLDS["strong"]


@pytest.mark.parametrize(("score", "missed", "expected"), [
    (0.0, (), "again"),
    (PASS_THRESHOLD - 0.1, (), "again"),
    (PASS_THRESHOLD - 0.1, (OPTIONAL,), "again"),
    (PASS_THRESHOLD, (), "good"),
    (PASS_THRESHOLD, (OPTIONAL,), "hard"),
    (PASS_THRESHOLD, (REQUIRED,), "hard"),
    (STRONG, (), "good"),
    (STRONG, (OPTIONAL,), "hard"),
    (NEAR_PERFECT, (), "easy"),
    (NEAR_PERFECT, (OPTIONAL,), "good"),
    (100.0, (REQUIRED,), "hard"),
    (100.0, (), "easy"),
])
def test_the_rating_table(score: float, missed: tuple[MissedPoint, ...], expected: str) -> None:
    assert review_rating(score, missed=missed) == expected


@pytest.mark.parametrize("score", [float(s) for s in range(0, 101, 5)])
def test_a_miss_never_rates_higher_and_rates_lower_from_the_pass_line(score: float) -> None:
    clean = RATINGS.index(review_rating(score))
    for missed in ((OPTIONAL,), (REQUIRED,), (OPTIONAL, REQUIRED)):
        with_miss = RATINGS.index(review_rating(score, missed=missed))
        if score >= PASS_THRESHOLD:
            assert with_miss < clean
        else:
            assert with_miss == clean == 0  # already the soonest


def test_thresholds_come_from_the_bands() -> None:
    assert STRONG < NEAR_PERFECT < 100
    assert review_rating(100.0, skipped=True) == "again"
    assert review_rating(100.0, after_reveal=True) == "again"


def _att(no: int, score: float, *, after_reveal: bool = False, concluded: bool = True,
         skipped: bool = False) -> Attempt:
    return Attempt(attempt=no, answer="x", skipped=skipped, score=score, report=None,
                   after_reveal=after_reveal, concluded=concluded)


def test_the_session_review_is_the_best_concluded_attempt() -> None:
    assert session_review([]) is None
    assert session_review([_att(1, 90.0, concluded=False)]) is None
    best, rating = session_review([_att(1, 40.0), _att(2, 95.0), _att(3, 60.0)]) or (None, "")
    assert best is not None and best.attempt == 2 and rating == "easy"


def test_a_retry_after_the_model_answer_does_not_count_as_good() -> None:
    best, rating = session_review([_att(1, 10.0), _att(2, 100.0, after_reveal=True)]) \
        or (None, "")
    assert best is not None and best.attempt == 1 and rating == "again"
    best, rating = session_review([_att(1, 100.0, after_reveal=True)]) or (None, "")
    assert rating == "again"  # the only attempt, made after seeing the answer

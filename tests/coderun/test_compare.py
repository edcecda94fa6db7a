"""Comparing returned values with expected ones, and showing them."""

from __future__ import annotations

import math

import pytest

from interview.coderun.compare import normalise, show, show_call, values_equal


@pytest.mark.parametrize(("expected", "got"), [
    (3, 3), (2, 2.0), (0.3, 0.1 + 0.2), (1e-12, 0.0), ([1, [2, 3]], [1, [2, 3]]),
    ({"a": [1.0]}, {"a": [1]}), (None, None), ("x", "x"), (True, True), (math.nan, math.nan),
    (math.inf, math.inf), ([], []),
])
def test_equal(expected: object, got: object) -> None:
    assert values_equal(expected, got)


@pytest.mark.parametrize(("expected", "got"), [
    (3, 4), (1, True), (True, 1), (0, False), (0.3, 0.31), ([1, 2], [2, 1]), ([1], [1, 1]),
    ({"a": 1}, {"a": 1, "b": 2}), (None, 0), ("1", 1), (math.inf, -math.inf), (1.0, math.nan),
    ([], {}),
])
def test_not_equal(expected: object, got: object) -> None:
    assert not values_equal(expected, got)


def test_normalise_is_a_json_round_trip() -> None:
    assert normalise((1, (2,), {1: "a"})) == [1, [2], {"1": "a"}]


def test_show_is_python_looking_and_short() -> None:
    assert show([None, True, "a"]) == "[None, True, 'a']"
    assert len(show(list(range(1000)))) == 300
    assert show(list(range(1000))).endswith("…")
    assert show_call("f", [1, "x"], {"k": None}) == "f(1, 'x', k=None)"
    assert show_call("f", [list(range(1000))], {}).endswith("…)")

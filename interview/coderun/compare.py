"""Comparing a returned value with the expected one, and showing values to the candidate."""

from __future__ import annotations

import json
import math
from typing import Any

REL_TOL = 1e-6
ABS_TOL = 1e-9
SHOWN_CHARS = 300


def normalise(value: Any) -> Any:
    """The value after a JSON round trip: tuples become lists, mapping keys strings."""
    return json.loads(json.dumps(value, allow_nan=True))


def values_equal(expected: Any, got: Any) -> bool:
    """Structural equality of JSON values; numbers compare with a small tolerance.

    Booleans are not numbers here: ``True`` does not equal ``1``. Integers and floats compare
    by value (``2 == 2.0``). NaN equals NaN, so a test can expect it.
    """
    if isinstance(expected, bool) or isinstance(got, bool):
        return isinstance(expected, bool) and isinstance(got, bool) and expected == got
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        if isinstance(expected, int) and isinstance(got, int):
            return expected == got
        e, g = float(expected), float(got)
        if math.isnan(e) or math.isnan(g):
            return math.isnan(e) and math.isnan(g)
        if math.isinf(e) or math.isinf(g):
            return e == g
        return math.isclose(e, g, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(
            values_equal(e, g) for e, g in zip(expected, got, strict=True))
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(
            values_equal(v, got[k]) for k, v in expected.items())
    return type(expected) is type(got) and bool(expected == got)


def show(value: Any, limit: int = SHOWN_CHARS) -> str:
    """A Python-looking rendering of a JSON value (None, True, 'text'), shortened."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_call(entrypoint: str, args: list[Any], kwargs: dict[str, Any],
              limit: int = SHOWN_CHARS) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    text = f"{entrypoint}({', '.join(parts)})"
    return text if len(text) <= limit else text[: limit - 2] + "…)"

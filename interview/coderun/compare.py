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


# ---------------------------------------------------------------------------- SQL rows


def _sql_value(value: Any) -> Any:
    """SQLite has no booleans: an expected ``true``/``false`` means 1/0."""
    return int(value) if isinstance(value, bool) else value


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        f = float(value)
        return (1, float(f"{f:.6g}") if math.isfinite(f) else f)
    return (2, str(value))


def rows_equal(expected: list[list[Any]], got: Any, *, ordered: bool) -> bool:
    """The rows a query returned against the expected rows. Values compare like
    ``values_equal`` (numbers with a tolerance); column names are not compared. Unordered:
    the rows compare as a multiset."""
    if not isinstance(got, list) or len(got) != len(expected):
        return False
    if not all(isinstance(row, list) for row in got):
        return False
    exp = [[_sql_value(v) for v in row] for row in expected]

    def same(e: list[Any], g: list[Any]) -> bool:
        return len(e) == len(g) and all(values_equal(a, b) for a, b in zip(e, g, strict=True))

    if ordered:
        return all(same(e, g) for e, g in zip(exp, got, strict=True))

    def key(row: list[Any]) -> tuple[Any, ...]:
        return tuple(_sort_key(v) for v in row)

    if all(same(e, g) for e, g in zip(sorted(exp, key=key), sorted(got, key=key), strict=True)):
        return True
    if len(exp) > 2_000:  # a near-tie in the rounding only matters for small results
        return False
    unused = list(got)
    for e in exp:
        match = next((i for i, g in enumerate(unused) if same(e, g)), None)
        if match is None:
            return False
        unused.pop(match)
    return True

"""The machine's local UTC offsets over a span of time, for a database to convert stored UTC
times into local time exactly as Python's ``datetime.astimezone()`` does.

``astimezone()`` with no argument asks the C library's ``localtime`` for the offset at the
time's whole second (``tm_gmtoff``), which follows the ``TZ`` variable or the system zone.
A database server knows neither, and a zone name cannot be read back reliably from Python,
so this module samples ``localtime`` itself over the span and returns where the offset
changes. ``offsets_between(lo, hi)`` gives ``bounds`` (sorted epoch seconds at which a new
offset starts) and ``offsets`` (one more than ``bounds``): the offset at ``t`` is
``offsets[i]`` with ``i`` the number of bounds ``<= t`` (PostgreSQL's ``width_bucket``).
"""

from __future__ import annotations

import time

STEP = 6 * 3600
"""Seconds between samples. A change is found to the second by bisection; only a zone that
changed its offset and changed it back within one step would be missed (no zone has done
so: daylight saving and zone changes are months apart)."""


def gmtoff(t: int) -> int:
    """The local offset from UTC, in seconds, at epoch second ``t`` (as ``astimezone``)."""
    return time.localtime(t).tm_gmtoff


def offsets_between(lo: int, hi: int) -> tuple[list[int], list[int]]:
    """``(bounds, offsets)`` covering epoch seconds ``lo`` to ``hi`` (see the module)."""
    off = gmtoff(lo)
    bounds: list[int] = []
    offsets = [off]
    t = lo
    while t < hi:
        nxt = min(t + STEP, hi)
        if gmtoff(nxt) == off:
            t = nxt
            continue
        a, b = t, nxt  # gmtoff(a) == off != gmtoff(b): find the first second of the change
        while b - a > 1:
            mid = (a + b) // 2
            if gmtoff(mid) == off:
                a = mid
            else:
                b = mid
        off = gmtoff(b)
        bounds.append(b)
        offsets.append(off)
        t = b
    return bounds, offsets

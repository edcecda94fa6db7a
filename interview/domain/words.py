"""English helpers every front-end shares: plurals, "a"/"an", clocks and "in 3 days"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

_VOWEL_LETTERS = "aeiou"
_VOWEL_SOUNDING_INITIALS = "AEFHILMNORSX"  # "an ML", "an SQL", "an F1 score"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``plural(1, "question")`` -> "1 question"; ``plural(3, "question")`` -> "3 questions"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def with_article(phrase: str) -> str:
    """"an ML theory", "a System design", "an Apple": by the sound of the first word."""
    first = phrase.split(" ", 1)[0] if phrase else ""
    if not first:
        return phrase
    if len(first) > 1 and first.isupper():
        vowel = first[0] in _VOWEL_SOUNDING_INITIALS
    else:
        vowel = first[0].lower() in _VOWEL_LETTERS
    return f"{'an' if vowel else 'a'} {phrase}"


def days_ago(days: int) -> str:
    """``0`` -> "today", ``1`` -> "yesterday", ``5`` -> "5 days ago"."""
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def clock(seconds: float) -> str:
    """The one clock format: ``m:ss`` (``-m:ss`` when negative), rounded to the second."""
    sign = "-" if seconds < 0 else ""
    m, s = divmod(round(abs(seconds)), 60)
    return f"{sign}{m}:{s:02d}"


def relative(when: datetime, now: datetime) -> str:
    """"now", "in 3 hours", "in 2 days", "5 days overdue"... (whole units, rounded down)."""
    seconds = (when - now).total_seconds()
    ahead = seconds > 0
    s = abs(seconds)
    if s < 3600:
        amount = "" if s < 60 else f"{int(s // 60)} min"
    elif s < 86400:
        amount = plural(int(s // 3600), "hour")
    else:
        amount = plural(int(s // 86400), "day")
    if not amount:
        return "now"
    return f"in {amount}" if ahead else f"{amount} overdue"

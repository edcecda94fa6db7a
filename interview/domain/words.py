"""English helpers every front-end shares: plurals and "a"/"an"."""

from __future__ import annotations

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

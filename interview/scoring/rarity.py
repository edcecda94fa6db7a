"""How rare a word is in everyday English: rare words carry a reference answer's meaning.

Frequencies come from ``wordfreq`` (Zipf scale: about 7 for "the", 3 for "gradient", 0 for
words it has never seen). Its data takes about a second to load, so it is loaded lazily, the
first time a rubric is derived, and every looked-up word is cached.
"""

from __future__ import annotations

from collections.abc import Callable

_cache: dict[str, float] = {}
_lookup: Callable[[str, str], float] | None = None

# Zipf frequency given to words wordfreq cannot look up (e.g. if its data is missing).
UNKNOWN_ZIPF = 3.0
# Rarity = (CEILING - zipf) / SPAN, clamped to [FLOOR, TOP].
CEILING = 7.5
SPAN = 4.0
FLOOR = 0.25
TOP = 1.5


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 for unknown words), cached."""
    global _lookup
    z = _cache.get(word)
    if z is not None:
        return z
    if _lookup is None:
        try:
            from wordfreq import zipf_frequency
        except ImportError:  # pragma: no cover - wordfreq is a dependency
            _lookup = lambda w, lang: UNKNOWN_ZIPF  # noqa: E731
        else:
            _lookup = zipf_frequency
    try:
        z = float(_lookup(word, "en"))
    except Exception:  # odd input must never break scoring
        z = UNKNOWN_ZIPF
    if len(_cache) > 100_000:
        _cache.clear()
    _cache[word] = z
    return z


def rarity(word: str) -> float:
    """Importance of a word by rarity: about 0.25 for "the", 1.0 for "voltage", 1.5 at most."""
    if word.isdigit():
        return 1.0
    return min(max((CEILING - zipf(word)) / SPAN, FLOOR), TOP)

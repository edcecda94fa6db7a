"""What compiling a rubric looks up in the shipped tables, kept on disk per rubric.

Compiling a rubric (matcher.py) asks two questions of shipped data: the ML-domain table's
variants of each keyword (domain.py) and the WordNet synonyms of each rubric word
(lexicon.py). Both answers depend only on the words and on that data, so they are written,
as plain JSON, next to the bank cache (``INTERVIEW_CACHE_DIR``; ``off`` disables it) in one
small file per rubric, named by a hash of what compiling the rubric depends on. A start that
grades one answer to a rubric it has graded before then reads neither table. The file also
holds a stamp of the code and data the answers come from (the scoring package's files, its
data files, the stemmer's version); a stale, unreadable or damaged file is ignored and
written again. A word missing from the file is looked up in the tables as usual, so the
compiled rubric is the same either way (tests/scoring/test_lookups.py checks this).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..paths import files_stamp, write_atomic

Word = tuple[str, str]

MEMO_FORMAT = 1


class Lookups:
    """The two lookups, answered from a memo where it has the answer, else from the tables
    (and then recorded, so that the memo can be written)."""

    def __init__(self, variants: dict[str, tuple[str, ...]] | None = None,
                 synonyms: dict[str, tuple[str, ...]] | None = None) -> None:
        self.variants_memo = variants or {}
        self.synonyms_memo = synonyms or {}
        self.missed = False
        """True when a lookup was not in the memo (the memo is worth writing again)."""

    def variants(self, keyword: str) -> tuple[str, ...]:
        found = self.variants_memo.get(keyword)
        if found is None:
            from .domain import variants

            found = self.variants_memo[keyword] = variants(keyword)
            self.missed = True
        return found

    def synonyms(self, word: Word, compute: Callable[[Word], tuple[str, ...]]
                 ) -> tuple[str, ...]:
        key = f"{word[0]} {word[1]}"
        found = self.synonyms_memo.get(key)
        if found is None:
            found = self.synonyms_memo[key] = compute(word)
            self.missed = True
        return found


def memo_file(key: tuple[object, ...]) -> Path | None:
    """Where the lookups of the rubric with this compile key are kept (None: cache off)."""
    from ..paths import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:32]
    return folder / "rubric-lookups" / f"{digest}.json"


def read(file: Path | None) -> Lookups:
    """The memo in ``file`` when it is there, current and well formed; else an empty one."""
    if file is None:
        return Lookups()
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return Lookups()
    if not isinstance(data, dict) or data.get("stamp") != stamp():
        return Lookups()
    variants = _table(data.get("variants"))
    synonyms = _table(data.get("synonyms"))
    if variants is None or synonyms is None:
        return Lookups()
    return Lookups(variants, synonyms)


def _table(value: Any) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, dict):
        return None
    out = {}
    for k, v in value.items():
        if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
            return None
        out[k] = tuple(v)
    return out


def write(file: Path | None, lookups: Lookups) -> None:
    """Replace the memo atomically; a memo that cannot be written only costs speed."""
    if file is None:
        return
    blob = json.dumps({"stamp": stamp(),
                       "variants": {k: list(v) for k, v in lookups.variants_memo.items()},
                       "synonyms": {k: list(v) for k, v in lookups.synonyms_memo.items()}},
                      ensure_ascii=False, separators=(",", ":")).encode()
    write_atomic(file, [blob], prefix=".lookups-")


@functools.cache
def stamp() -> str:
    """Changes whenever the scoring code, its data files or the stemmer do."""
    import Stemmer

    from .. import __version__

    here = Path(__file__).resolve().parent
    return files_stamp([__version__, str(MEMO_FORMAT), str(getattr(Stemmer, "__version__", ""))],
                       [*sorted(here.glob("*.py")), *sorted((here / "data").glob("*"))])

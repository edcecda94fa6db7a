"""Readers of the bank cache that need less than the whole catalog, while no file on the
search path has changed: a listing (``cached_summaries``: no YAML, no pydantic) and one
question's grading (``cached_for_question``: its bank and the shared rubrics only, rebuilt
without validating them again, see trusted.py). Each returns None when the cache cannot
answer; the caller then loads the whole catalog, which also refreshes the cache."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import (
    BankCache,
    _all_unchanged,
    _unchanged,
    diagnostics_from_json,
    file_key,
    merged,
)

if TYPE_CHECKING:
    from .cache import CacheContents
    from .catalog import Catalog
    from .loader import LoadedFile
    from .summary import FileSummary


def _fresh(store: BankCache, found: list[Path]
           ) -> tuple[list[str], dict[str, dict[str, Any]], CacheContents] | None:
    """The cache's entries by file, when no file changed, appeared or went away."""
    old = store.read(whole=False)
    if old is None:
        return None
    order = [str(p) for p in found]
    entries = _unchanged(old, order, {name: file_key(p)
                                      for name, p in zip(order, found, strict=True)})
    if not _all_unchanged(old, order, entries):
        return None
    return order, {k: v for k, v in entries.items() if v is not None}, old


def cached_summaries(store: BankCache, found: list[Path]) -> list[FileSummary] | None:
    """The files' summaries from the cache alone (no YAML, no pydantic), or None when any file
    changed, appeared or went away (the caller then loads the catalog, refreshing the cache)."""
    from .summary import summary_from_json

    fresh = _fresh(store, found)
    if fresh is None:
        return None
    order, entries, _ = fresh
    out = []
    try:
        for p, name in zip(found, order, strict=True):
            entry = entries[name]
            out.append(summary_from_json(p, str(entry["kind"]),
                                         diagnostics_from_json(p, entry["final"]),
                                         entry["summary"]))
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return out


def cached_for_question(store: BankCache, found: list[Path], qid: str) -> Catalog | None:
    """From the cache alone, a catalog of the one file the full catalog takes ``qid`` from,
    plus every shared rubric (all a question's grading needs); only those are validated.
    None when any file changed or the question is not there (the caller loads everything)."""
    from .catalog import Catalog, drop_broken, index_questions, index_rubrics
    from .loader import LoadedFile

    fresh = _fresh(store, found)
    if fresh is None:
        return None
    order, entries, old = fresh
    try:
        holders = [name for name in order
                   if any(q[0] == qid for q in entries[name]["summary"]["questions"])]
    except (KeyError, IndexError, TypeError):
        return None
    if len(holders) != 1:
        return None
    files = []
    for p, name in zip(found, order, strict=True):
        entry = entries[name]
        if name != holders[0] and entry.get("kind") != "rubric":
            continue
        lf = LoadedFile(path=p, kind=str(entry.get("kind", "unknown")), from_cache=True)
        if "span" in entry:
            parsed = _trusted(p, lf.kind, old, entry)
            if parsed is None:
                return None
            lf.bank, lf.rubric = parsed.bank, parsed.rubric
        try:
            lf.diagnostics = diagnostics_from_json(p, entry.get("final") or [])
        except (IndexError, TypeError, ValueError):
            return None
        files.append(lf)
    cat = Catalog(files=files)
    index_rubrics(cat, report=False)
    index_questions(cat, report=False)
    drop_broken(cat)
    return cat if qid in cat.questions else None



def _trusted(path: Path, kind: str, old: CacheContents, entry: dict[str, Any]
             ) -> LoadedFile | None:
    """A clean file rebuilt from its cached data without validating it again (trusted.py):
    only data that is byte for byte what was written (its SHA-256 is in the manifest, and its
    deferred parts' too) and has the shape our models dump; else None (the caller then loads
    and validates everything)."""
    from .loader import LoadedFile
    from .models import Bank, SharedRubric
    from .trusted import UntrustedData, build

    lf = LoadedFile(path=path, kind=kind, from_cache=True)
    try:
        data, digest = old.data(entry), entry.get("digest")
        if not isinstance(digest, str) or hashlib.sha256(data).hexdigest() != digest:
            return None
        plain = merged(data, old.deferred(entry) if "deferred" in entry else None)
        if kind == "bank":
            lf.bank = build(Bank, plain)
        elif kind == "rubric":
            lf.rubric = build(SharedRubric, plain)
        else:
            return None
    except (OSError, ValueError, KeyError, TypeError, UntrustedData):
        return None
    return lf

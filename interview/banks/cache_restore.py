"""A whole catalog from the bank cache when no file on the search path has changed.

The data part of the cache file is validated by pydantic in one call (faster than rebuilding
the models in Python); each bank's questions' deferred parts (their examples, their rubric's
criteria and red flags) are left in the cache file, to be validated on first use
(deferred.py). The files' diagnostics, cross-file checks included, are those cached.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import CacheContents, diagnostics_from_json

if TYPE_CHECKING:
    from pydantic import BaseModel, TypeAdapter

    from .catalog import Catalog


def restore(old: CacheContents, found: list[Path]) -> Catalog | None:
    """Nothing changed: the files and every diagnostic as they were (None if unusable)."""
    from pydantic import ValidationError

    from .catalog import Catalog, drop_broken, index_questions, index_rubrics
    from .deferred import CONTEXT, attach
    from .loader import LoadedFile
    from .models import Bank, SharedRubric

    entries = [old.files[str(p)] for p in found]
    assert old.blob is not None, "read(whole=True) for the data"
    try:
        banks, rubrics = data_adapter(Bank, SharedRubric).validate_json(old.blob,
                                                                         context=CONTEXT)
    except ValidationError:
        return None
    by_kind = {"bank": banks, "rubric": rubrics}
    with_data = sorted((e["span"][0], i) for i, e in enumerate(entries) if "span" in e)
    values: dict[int, Any] = {}
    counters = {"bank": 0, "rubric": 0}
    for _, i in with_data:
        kind = entries[i]["kind"]
        if kind not in counters or counters[kind] >= len(by_kind[kind]):
            return None
        values[i] = by_kind[kind][counters[kind]]
        counters[kind] += 1
    files = []
    ref = old.ref()
    for i, (p, entry) in enumerate(zip(found, entries, strict=True)):
        lf = LoadedFile(path=p, kind=str(entry.get("kind", "unknown")), from_cache=True,
                        diagnostics=diagnostics_from_json(p, entry.get("final") or []))
        if i in values:
            if lf.kind == "bank":
                lf.bank = values[i]
                if "deferred" in entry:
                    attach(values[i], ref, entry["deferred"], p)
            else:
                lf.rubric = values[i]
        files.append(lf)
    cat = Catalog(files=files)
    index_rubrics(cat, report=False)
    index_questions(cat, report=False)
    drop_broken(cat)
    return cat


@functools.cache
def data_adapter(bank: type[BaseModel], rubric: type[BaseModel]
                  ) -> TypeAdapter[tuple[list[Any], list[Any]]]:
    """Validates the whole data part at once. Without pydantic's cache of short strings
    (which looks up every string it reads, ids and keywords included), a warm 10,000-file
    load validated in about 0.6 of the time; the models are equal either way."""
    from pydantic import ConfigDict, TypeAdapter

    return TypeAdapter(tuple[list[bank], list[rubric]],  # type: ignore[valid-type]
                       config=ConfigDict(cache_strings=False))

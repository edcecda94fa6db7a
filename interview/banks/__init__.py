"""Bank format, loading and validation. Imports no UI and no database code."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .catalog import Catalog, QuestionRef, load_catalog, merge_rubric
    from .diagnostics import Diagnostic
    from .loader import LoadedFile, load_file
    from .models import (
        ROUND_TIME_LIMITS,
        ROUND_TITLES,
        ROUNDS,
        Bank,
        Criterion,
        EffectiveRubric,
        Example,
        Question,
        RedFlag,
        Relation,
        Rubric,
        SharedRubric,
    )

# Imported on first use: ``interview.banks.models`` alone must not load the YAML loader.
__getattr__ = lazy_exports(__name__, globals(), {
    ".catalog": ("Catalog", "QuestionRef", "load_catalog", "merge_rubric"),
    ".diagnostics": ("Diagnostic",),
    ".loader": ("LoadedFile", "load_file"),
    ".models": ("ROUNDS", "ROUND_TIME_LIMITS", "ROUND_TITLES", "Bank", "Criterion",
                "EffectiveRubric", "Example", "Question", "RedFlag", "Relation", "Rubric",
                "SharedRubric"),
})

__all__ = [
    "ROUNDS", "ROUND_TIME_LIMITS", "ROUND_TITLES", "Bank", "Catalog", "Criterion", "Diagnostic",
    "EffectiveRubric", "Example", "LoadedFile", "Question", "QuestionRef", "RedFlag", "Relation",
    "Rubric", "SharedRubric", "load_catalog", "load_file", "merge_rubric",
]

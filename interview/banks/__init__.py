"""Bank format, loading and validation. Imports no UI and no database code."""

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

__all__ = [
    "ROUNDS", "ROUND_TIME_LIMITS", "ROUND_TITLES", "Bank", "Catalog", "Criterion", "Diagnostic",
    "EffectiveRubric", "Example", "LoadedFile", "Question", "QuestionRef", "RedFlag", "Relation", "Rubric",
    "SharedRubric", "load_catalog", "load_file", "merge_rubric",
]

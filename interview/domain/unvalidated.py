"""Pydantic models made without validation, the way ``BaseModel.model_construct`` makes them.

The trusted bank cache (banks/trusted.py) and the scorer's report parts (scoring/report.py)
build many small models from values already known to be valid; each works out its model's
defaults once, then sets the four attributes ``model_construct`` sets, here.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

LAYOUT = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
"""What ``model_construct`` sets on an instance; with another pydantic layout, callers fall
back to ``model_construct`` (or refuse)."""


def plain_layout() -> bool:
    """True when pydantic keeps an instance's state in exactly the attributes of LAYOUT."""
    return BaseModel.__slots__ == LAYOUT


def instance(model: type[M], fields: dict[str, Any], fields_set: set[str]) -> M:
    """A ``model`` holding ``fields`` (every field, in declared order), as if the names in
    ``fields_set`` had been passed to it."""
    m = object.__new__(model)  # as model.__new__, without the model metaclass's lookup
    object.__setattr__(m, "__dict__", fields)
    object.__setattr__(m, "__pydantic_fields_set__", fields_set)
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", None)
    return m

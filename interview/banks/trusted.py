"""Bank models rebuilt, without validating them again, from data that our own validated models
dumped (the bank cache's entries).

``dump`` gives the plain data of a validated model: the fields that were set, with the values
validation produced (whitespace stripped, numbers coerced). ``build`` makes the model again
from that data as pydantic's ``model_construct`` does, nested models included, so that the
rebuilt model equals the validated one field for field, with the same ``model_fields_set``
and field order (tests/banks/test_trusted.py checks this on every shipped file). Validating is
what costs time on a start that grades one question (building the pydantic validators of
every bank model); a cache entry was validated when it was written, under the same code (the
cache's stamp covers this package's source), from a file with the same content hash, and its
bytes are checked against the SHA-256 written with it (cache_partial.py).

``build`` still checks the data's shape (a mapping per model, only known field names, the
required ones present, a list where the model has a list) and raises ``UntrustedData``
otherwise, so a damaged entry is loaded the slow way instead of producing a broken model.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel

from ..domain.unvalidated import instance, plain_layout
from .deferred import real

M = TypeVar("M", bound=BaseModel)


class UntrustedData(ValueError):
    """The data does not have the shape of what ``dump`` writes."""


def dump(model: BaseModel) -> dict[str, Any]:
    """The model's set fields as plain data (what ``build`` takes back)."""
    return model.model_dump(mode="python", exclude_unset=True)


def plain_without_none(model: BaseModel) -> dict[str, Any]:
    """``model.model_dump(exclude_none=True)`` for models of plain values, lists and models,
    without building the model's serializer (a part not validated yet is validated now)."""
    return {name: _plain(real(value)) for name, value in model.__dict__.items()
            if value is not None}


def _plain(value: Any) -> Any:
    value = real(value)
    if isinstance(value, BaseModel):
        return plain_without_none(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def build(model: type[M], data: Any) -> M:
    """``model`` from ``dump``'s data, unvalidated (UntrustedData when its shape is wrong)."""
    if not isinstance(data, dict):
        raise UntrustedData(f"{model.__name__}: expected a mapping")
    return _maker(model)(data)


# ``_maker`` makes instances as ``BaseModel.model_construct`` does (domain/unvalidated.py),
# with each model's defaults worked out once (model_construct looks at every field's aliases
# and copies every default on each call, which costs more than validating). With another
# pydantic layout it falls back to model_construct.
_IMMUTABLE = (type(None), str, int, float, bool)


@functools.cache
def _maker(model: type[M]) -> Callable[[dict[str, Any]], M]:
    fields = model.model_fields
    nested = _nested(model)
    defaults: list[tuple[str, Callable[[], Any]]] = []
    simple = plain_layout() and not model.__pydantic_post_init__ and all(
        f.alias is None and f.validation_alias is None for f in fields.values())
    for name, info in fields.items():
        if info.is_required():
            continue
        factory = info.default_factory
        if factory in (list, dict) or (isinstance(factory, type)
                                       and issubclass(factory, BaseModel)):
            defaults.append((name, factory))  # called with no argument
        elif factory is None and isinstance(info.default, _IMMUTABLE):
            defaults.append((name, functools.partial(lambda v: v, info.default)))
        else:
            simple = False
    order = list(fields)

    def make(data: dict[str, Any]) -> M:
        values = {}
        for name, value in data.items():
            if name not in fields:
                raise UntrustedData(f"{model.__name__}: unknown field {name!r}")
            convert = nested.get(name)
            values[name] = value if convert is None or value is None else convert(value)
        if not simple:
            return model.model_construct(**values)
        if len(values) < len(order):
            for name, default in defaults:
                if name not in values:
                    values[name] = default()
            if len(values) < len(order):
                raise UntrustedData(f"{model.__name__}: a required field is missing")
        if list(values) != order:  # validation keeps the fields in their declared order
            values = {name: values[name] for name in order}
        return instance(model, values, set(data))

    return make


def _list_of(model: type[BaseModel]) -> Callable[[Any], list[Any]]:
    def convert(value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise UntrustedData(f"{model.__name__}: expected a list")
        return [build(model, v) for v in value]

    return convert


def _one(model: type[BaseModel]) -> Callable[[Any], Any]:
    return functools.partial(build, model)


def _converter(annotation: Any) -> Callable[[Any], Any] | None:
    """How to rebuild a field's value: a model, a list of models, either or None."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        converters = [c for c in map(_converter, options) if c is not None]
        if not converters:
            return None
        if len(options) != 1:  # a model in a union with other types: not in our formats
            raise TypeError(f"cannot rebuild a field of type {annotation!r}")
        return converters[0]
    if origin is list:
        (item,) = get_args(annotation) or (Any,)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return _list_of(item)
        if _converter(item) is not None:
            raise TypeError(f"cannot rebuild a field of type {annotation!r}")
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _one(annotation)
    if origin is dict and any(_converter(a) is not None for a in get_args(annotation)):
        raise TypeError(f"cannot rebuild a field of type {annotation!r}")
    return None


@functools.cache
def _nested(model: type[BaseModel]) -> dict[str, Callable[[Any], Any]]:
    """The model's fields that hold models, with how to rebuild them."""
    out = {}
    for name, info in model.model_fields.items():
        convert = _converter(info.annotation)
        if convert is not None:
            out[name] = convert
    return out

"""Parts of a cached bank that a catalog load does not need, validated on first use.

A warm load of a whole catalog (cache.py) needs each question's id, prompt, round and so on,
but not its ``examples`` (read by ``bank test``, calibration, the rubric lab and where
examples are shown), its own rubric's ``criteria`` and ``red_flags`` (read when the
question is graded or its rubric shown) nor its code ``tests`` (read when code runs or a
question is shown). Those were more than four fifths of what a warm 10,000-file load
validated. The cache keeps them apart, per bank file, as the JSON our
validated models dumped; a warm load leaves a ``Deferred`` in the model's ``__dict__`` and the
model class reads the field through ``DeferredField``, which validates the file's parts once
(checking their SHA-256 first) and puts the real list in place. Serialising, comparing,
copying and ``repr`` see the real values too (models.py, and ``Deferred`` itself).

A part that cannot be read back as written (the cache file was replaced or damaged) is taken
from the bank file itself, parsed again; a damaged cache file is removed, so that the next
load writes it again.
"""

from __future__ import annotations

import copy
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel, TypeAdapter



def _note(message: str, *args: Any) -> None:
    """Log at info level only: recovering is silent, as from a stale cache (``logging`` is
    imported only then)."""
    import logging

    logging.getLogger(__name__).info(message, *args)

PARTS: tuple[tuple[str, ...], ...] = (("examples",), ("rubric", "criteria"),
                                      ("rubric", "red_flags"), ("tests",))
"""Where each deferred part sits in a question (a ``Question``, then its ``Rubric``)."""

CONTEXT = {"trusted_bank_cache": True}
"""The validation context of data read back from the cache: what was validated when written
is not checked across fields again (the question's parts are not there yet)."""

_LOCK = threading.Lock()


def split(bank: dict[str, Any]) -> tuple[dict[str, Any], list[list[Any]] | None]:
    """A bank's plain data (``trusted.dump``) without its questions' deferred parts (each set
    part left as an empty list, so that it stays set), and those parts per question: for each
    question one list with each part of PARTS or None where it was not set."""
    questions = bank.get("questions")
    if not isinstance(questions, list) or not questions:
        return bank, None
    kept, parts = [], []
    for q in questions:
        q = dict(q)
        row: list[Any] = []
        for path in PARTS:
            holder = q
            if len(path) == 2:
                if not isinstance(q.get(path[0]), dict):
                    row.append(None)
                    continue
                holder = q[path[0]] = dict(q[path[0]])
            name = path[-1]
            row.append(holder.get(name))
            if name in holder:
                holder[name] = []
        kept.append(q)
        parts.append(row)
    return {**bank, "questions": kept}, parts


def merge(bank: dict[str, Any], parts: Any) -> dict[str, Any]:
    """``split``'s two halves as one bank's plain data again (ValueError: they do not fit)."""
    questions = bank.get("questions") or []
    if not isinstance(parts, list) or len(parts) != len(questions):
        raise ValueError("deferred parts do not match the bank's questions")
    for q, row in zip(questions, parts, strict=True):
        if not isinstance(q, dict) or not isinstance(row, list) or len(row) != len(PARTS):
            raise ValueError("deferred parts do not match the bank's questions")
        for path, value in zip(PARTS, row, strict=True):
            holder = q.get(path[0]) if len(path) == 2 else q
            if value is not None and isinstance(holder, dict) and path[-1] in holder:
                holder[path[-1]] = value
    return bank


class CacheRef:
    """The cache file as a load read it: its path, its inode, size and mtime (``ident``) and
    where the spans of its manifest start (``offset``)."""

    __slots__ = ("file", "ident", "offset")

    def __init__(self, file: Path, ident: tuple[int, int, int], offset: int) -> None:
        self.file = file
        self.ident = ident
        self.offset = offset


class FileParts:
    """One bank file's deferred parts, validated together when one is first read."""

    __slots__ = ("_values", "cache", "ids", "path", "span")

    def __init__(self, cache: CacheRef, span: Any, path: Path, ids: tuple[str, ...]) -> None:
        self.cache = cache
        self.span = span
        """From the manifest: ``[start, end, SHA-256]`` (checked when read)."""
        self.path = path
        self.ids = ids
        self._values: list[list[Any]] | None = None

    def part(self, index: int, slot: int) -> list[Any]:
        with _LOCK:
            if self._values is None:
                self._values = self._from_cache() or self._from_file()
        value = self._values[index][slot]
        return [] if value is None else value

    def _from_cache(self) -> list[list[Any]] | None:
        import hashlib

        from pydantic import ValidationError

        try:
            start, end, digest = self.span
            raw = _read(self.cache, int(start), int(end))
            if raw is None:
                return None  # the cache file was replaced or cannot be read: no damage
            if hashlib.sha256(raw).hexdigest() != digest:
                raise ValueError("SHA-256 mismatch")
            values = _parts_adapter().validate_json(raw)
            if len(values) != len(self.ids):
                raise ValueError("question count mismatch")
        except (ValueError, TypeError, ValidationError) as exc:
            _note("bank cache %s: damaged entry for %s (%s); reading the file again",
                  self.cache.file, self.path, str(exc).splitlines()[0])
            _discard(self.cache)
            return None
        return [list(v) for v in values]

    def _from_file(self) -> list[list[Any]]:
        """The parts as the bank file holds them now (its questions matched by id)."""
        from .loader import load_file

        lf = load_file(self.path)
        fresh = {} if lf.bank is None or not lf.ok else {q.id: q for q in lf.bank.questions}
        out: list[list[Any]] = []
        for qid in self.ids:
            q = fresh.get(qid)
            if q is None:
                _note("%s: question %r is gone or broken since the catalog loaded",
                      self.path, qid)
                out.append([None] * len(PARTS))
                continue
            rub = q.rubric
            out.append([list(q.examples), None if rub is None else list(rub.criteria),
                        None if rub is None else list(rub.red_flags), list(q.tests)])
        return out


def _read(cache: CacheRef, start: int, end: int) -> bytes | None:
    try:
        with open(cache.file, "rb") as fh:
            st = os.fstat(fh.fileno())
            if (st.st_ino, st.st_size, st.st_mtime_ns) != cache.ident:
                return None
            fh.seek(cache.offset + start)
            return fh.read(end - start)
    except OSError:
        return None


def _discard(cache: CacheRef) -> None:
    """Remove a damaged cache file, unless another load has replaced it meanwhile."""
    try:
        st = os.stat(cache.file)
        if (st.st_ino, st.st_size, st.st_mtime_ns) == cache.ident:
            os.unlink(cache.file)
    except OSError:
        pass


_ADAPTER: list[TypeAdapter[list[tuple[Any, Any, Any, Any]]]] = []


def _parts_adapter() -> TypeAdapter[list[tuple[Any, Any, Any, Any]]]:
    if not _ADAPTER:
        from pydantic import ConfigDict, TypeAdapter

        from .models import CodeTest, CriterionOverride, Example, RedFlag

        _ADAPTER.append(TypeAdapter(
            list[tuple[list[Example] | None, list[CriterionOverride] | None,
                       list[RedFlag] | None, list[CodeTest] | None]],
            config=ConfigDict(cache_strings=False)))
    return _ADAPTER[0]


def attach(bank: BaseModel, cache: CacheRef, span: Any, path: Path) -> None:
    """Put a ``Deferred`` in each of the bank's questions where a part was set (a bank read
    back from ``split``'s first half, whose parts are at ``span`` in the cache file)."""
    questions = bank.__dict__["questions"]
    parts = FileParts(cache, span, path, tuple(q.__dict__["id"] for q in questions))
    for i, q in enumerate(questions):
        given = q.__pydantic_fields_set__
        if "examples" in given:
            q.__dict__["examples"] = Deferred(parts, i, 0)
        if "tests" in given:
            q.__dict__["tests"] = Deferred(parts, i, 3)
        rub = q.__dict__["rubric"]
        if rub is not None:
            given = rub.__pydantic_fields_set__
            if "criteria" in given:
                rub.__dict__["criteria"] = Deferred(parts, i, 1)
            if "red_flags" in given:
                rub.__dict__["red_flags"] = Deferred(parts, i, 2)


class Deferred:
    """A list not validated yet, in a model's ``__dict__``. The model's field reads it as the
    list (``DeferredField``); code that reads ``__dict__`` directly sees a read-only sequence
    equal to it."""

    __slots__ = ("_index", "_parts", "_slot")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, parts: FileParts, index: int, slot: int) -> None:
        self._parts = parts
        self._index = index
        self._slot = slot

    def get(self) -> list[Any]:
        return self._parts.part(self._index, self._slot)

    def __len__(self) -> int:
        return len(self.get())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.get())

    def __getitem__(self, i: Any) -> Any:
        return self.get()[i]

    def __contains__(self, item: object) -> bool:
        return item in self.get()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Deferred):
            other = other.get()
        return self.get() == other

    def __repr__(self) -> str:
        return repr(self.get())

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return copy.deepcopy(self.get(), memo)

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (self.get(),))


def real(value: Any) -> Any:
    """``value``, or the list a ``Deferred`` stands for."""
    return value.get() if type(value) is Deferred else value


class DeferredField:
    """A model field that may hold a ``Deferred``: reading it validates the part once and
    keeps the list in its place."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        d = obj.__dict__
        try:
            value = d[self.name]
        except KeyError:
            raise AttributeError(self.name) from None
        if type(value) is Deferred:
            value = d[self.name] = value.get()
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value

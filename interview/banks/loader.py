"""Load one bank or shared-rubric file into models, turning every problem into a Diagnostic."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic
from .models import (
    Bank,
    CodeTest,
    Criterion,
    CriterionOverride,
    Example,
    Expectation,
    Question,
    RedFlag,
    Rubric,
    SharedRubric,
)

if TYPE_CHECKING:  # the YAML parser loads when a file is parsed, not for a warm cache
    from .yamlsafe import Path_, YamlDoc


@dataclass
class LoadedFile:
    """A parsed file: a bank, a shared rubric, or a broken file with its errors.

    A file restored from the cache has no position map (``doc`` is None): the first
    diagnostic that needs a position re-parses the file (``positions``)."""

    path: Path
    kind: str  # "bank" | "rubric" | "unknown"
    bank: Bank | None = None
    rubric: SharedRubric | None = None
    doc: YamlDoc | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def positions(self) -> YamlDoc | None:
        """The position map, re-reading a cached file when it is first needed."""
        if self.doc is None and self.from_cache:
            from .yamlsafe import YamlError, read_yaml

            self.from_cache = False
            try:
                self.doc = read_yaml(self.path)
            except (YamlError, OSError):  # changed or gone since: positions fall back to 1:1
                self.doc = None
        return self.doc

    def pos(self, path: Path_) -> tuple[int, int]:
        doc = self.positions()
        if doc is None:
            return (1, 1)
        p = doc.pos(path)
        return (p.line, p.col)

    def diag(self, path: Path_, message: str, severity: str = "error", code: str = "",
             *, key: bool = False) -> Diagnostic:
        doc = self.positions()
        if doc is None:
            line, col = 1, 1
        else:
            p = doc.key_pos(path) if key else doc.pos(path)
            line, col = p.line, p.col
        return Diagnostic(self.path, line, col, message, severity, code)  # type: ignore[arg-type]


# Which model lives at a path, to name fields in did-you-mean messages.
_CHILD_MODELS: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (Bank, "questions"): Question,
    (Question, "rubric"): Rubric,
    (Question, "examples"): Example,
    (Question, "tests"): CodeTest,
    (Rubric, "criteria"): CriterionOverride,
    (Rubric, "red_flags"): RedFlag,
    (SharedRubric, "criteria"): Criterion,
    (SharedRubric, "red_flags"): RedFlag,
    (Example, "expect"): Expectation,
}
_MODEL_NAMES = {
    Bank: "bank", Question: "question", Rubric: "rubric", Example: "example",
    CodeTest: "test case", CriterionOverride: "criterion", Criterion: "criterion",
    RedFlag: "red flag", SharedRubric: "rubric file", Expectation: "expect",
}


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        model = _CHILD_MODELS.get((model, str(part)))
    return model


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int) and value.bit_length() > 256:
        return "a number with too many digits"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    text = str(value)
    return f"text ('{text[:40]}{'…' if len(text) > 40 else ''}')"


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return parts[-1] if parts else "value"


def _message(root: type[BaseModel], err: Any) -> tuple[tuple[Any, ...], str, bool]:
    """Return (loc, message, point_at_key) for one pydantic error."""
    loc: tuple[Any, ...] = tuple(err["loc"])
    kind = err["type"]
    # Drop pydantic's union/function tags from the location.
    loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in {"str", "int", "float"})))
    name = _field_name(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        parent = _model_at(root, loc[:-1])
        where = _MODEL_NAMES.get(parent, "here") if parent else "here"
        msg = f"unknown field '{name}' in {where}"
        if parent is not None:
            close = difflib.get_close_matches(name, list(parent.model_fields), n=1, cutoff=0.6)
            if close:
                msg += f" (did you mean '{close[0]}'?)"
            else:
                msg += f"; allowed: {', '.join(parent.model_fields)}"
        return loc, msg, True
    if kind == "missing":
        parent = _model_at(root, loc[:-1])
        where = _MODEL_NAMES.get(parent, "here") if parent else "here"
        return loc[:-1], f"missing required field '{name}' in {where}", False
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return loc, f"'{name}' must be one of {expected}, got {_describe(value)}", False
    if kind in {"string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type",
                "model_type", "int_parsing", "float_parsing", "bool_parsing", "model_attributes_type",
                "int_from_float"}:
        want = {
            "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
            "int_from_float": "a whole number", "float_type": "a number",
            "float_parsing": "a number", "bool_type": "true or false", "bool_parsing": "true or false",
            "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
            "model_attributes_type": "a mapping",
        }[kind]
        return loc, f"'{name}' must be {want}, got {_describe(value)}", False
    if kind == "string_pattern_mismatch":
        return loc, (f"'{name}' {_describe(value)} is not a valid identifier: use letters, digits, "
                     "'-', '_' and '.', starting with a letter or digit"), False
    if kind in {"string_too_short", "too_short"}:
        return loc, f"'{name}' must not be empty", False
    if kind == "string_too_long":
        return loc, f"'{name}' is too long ({err.get('ctx', {}).get('max_length')} characters at most)", False
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        ctx = err.get("ctx", {})
        bound = next(iter(ctx.values()), "")
        op = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<",
              "less_than_equal": "<="}[kind]
        return loc, f"'{name}' must be {op} {bound}, got {value}", False
    if kind == "value_error":
        text = str(err.get("msg", "")).removeprefix("Value error, ")
        return loc, text, False
    return loc, f"'{name}': {err.get('msg', 'invalid value')}", False


def _validate(lf: LoadedFile, model: type[BaseModel], data: Any) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[Any, ...]] = set()
        errors = exc.errors()
        # A typo'd field ("promt") also makes the real one "missing": report only the typo.
        suggested: set[tuple[Any, ...]] = set()
        for err in errors:
            if err["type"] == "extra_forbidden":
                parent = _model_at(model, tuple(err["loc"])[:-1])
                if parent is not None:
                    name = str(err["loc"][-1])
                    for close in difflib.get_close_matches(name, list(parent.model_fields), n=1,
                                                           cutoff=0.6):
                        suggested.add((*tuple(err["loc"])[:-1], close))
        for err in errors:
            if err["type"] == "missing" and tuple(err["loc"]) in suggested:
                continue
            loc, msg, at_key = _message(model, err)
            if (*loc, msg) in seen:
                continue
            seen.add((*loc, msg))
            lf.diagnostics.append(lf.diag(loc, msg, code=err["type"], key=at_key))
        return None


def classify(data: Any) -> str:
    if isinstance(data, dict):
        if "bank" in data:
            return "bank"
        if "rubric" in data and not isinstance(data.get("rubric"), dict):
            return "rubric"
    return "unknown"


def load_file(path: Path, raw: bytes | None = None) -> LoadedFile:
    """Parse and validate one YAML file (``raw``: its bytes, when already read). Never raises
    for bad content."""
    from .yamlsafe import YamlError, read_yaml

    lf = LoadedFile(path=path, kind="unknown")
    try:
        doc = read_yaml(path, raw)
    except YamlError as exc:
        lf.diagnostics.append(Diagnostic(path, exc.line, exc.col, exc.message, code="yaml"))
        return lf
    except OSError as exc:
        try:
            what = "folder" if path.is_dir() else "file"
        except OSError:
            what = "file"
        lf.diagnostics.append(Diagnostic(path, 1, 1, f"cannot read {what}: {exc.strerror or exc}",
                                         code="io"))
        return lf
    except (ValueError, ArithmeticError, MemoryError, RecursionError) as exc:
        # Whatever else a hostile file manages: this file is broken, the others still load.
        lf.diagnostics.append(Diagnostic(path, 1, 1, f"cannot read file: {type(exc).__name__}: "
                                         f"{str(exc)[:200]}", code="yaml"))
        return lf
    lf.doc = doc
    try:
        validate_data(lf, doc.data)
    except (ValueError, ArithmeticError, MemoryError, RecursionError) as exc:
        lf.bank = lf.rubric = None
        lf.diagnostics.append(Diagnostic(path, 1, 1, f"cannot validate file: {type(exc).__name__}:"
                                         f" {str(exc)[:200]}", code="yaml"))
    return lf


def validate_data(lf: LoadedFile, data: Any) -> None:
    """Classify and validate a file's plain data (parsed now, or restored from the cache)."""
    lf.kind = classify(data)
    if lf.kind == "bank":
        lf.bank = _validate(lf, Bank, data)  # type: ignore[assignment]
    elif lf.kind == "rubric":
        lf.rubric = _validate(lf, SharedRubric, data)  # type: ignore[assignment]
    else:
        what = "an empty file" if data is None else _describe(data)
        lf.diagnostics.append(lf.diag((), (
            f"not a bank or rubric file: expected a mapping with a 'bank:' (question bank) or "
            f"'rubric:' (shared rubric) key, got {what}"), code="kind"))

"""Checks on coding-screen test cases: plain literals only, nothing that looks like code.

The YAML reader already refuses tags (``!!python/object`` and friends). These checks add what a
plain string can still smuggle: text that something might one day evaluate. Test values only
ever reach the candidate's process as JSON and are never evaluated; refusing code-like strings
keeps banks honest and reviewable. Called by the catalog for every question with tests.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Iterator
from typing import Any

from .diagnostics import Diagnostic
from .loader import LoadedFile
from .models import Question

# Text that reads as Python meant to be run rather than data.
_CODE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*!!"), "starts with '!!' (a YAML tag in disguise)"),
    (re.compile(r"__\w+__"), "contains a dunder name"),
    (re.compile(r"\b(?:eval|exec|compile|execfile|getattr|globals|locals|vars|open)\s*\("),
     "calls a builtin that runs or reaches code"),
    (re.compile(r"\blambda\b[\w\s,*=]*:"), "contains a lambda"),
    (re.compile(r"\bos\s*\.\s*(?:system|popen|exec\w*|spawn\w*|fork|kill|remove|unlink)\b"),
     "calls the os module"),
    (re.compile(r"\bsubprocess\b"), "mentions subprocess"),
    (re.compile(r"\b(?:pickle|marshal|shelve|ctypes|importlib)\s*\."), "uses a code-loading module"),
    (re.compile(r"(?:^|[;\n])\s*import\s+[A-Za-z_][\w.]*"), "contains an import statement"),
    (re.compile(r"\bfrom\s+[A-Za-z_][\w.]*\s+import\b"), "contains an import statement"),
)


def code_like(text: str) -> str | None:
    """Why ``text`` looks like smuggled code, or None when it reads as data."""
    for pattern, why in _CODE_PATTERNS:
        if pattern.search(text):
            return why
    return None


def _walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, problem) for every value inside a test literal that is not plain data."""
    if value is None or isinstance(value, (bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            yield path, (f"{value} is not a finite number; tests compare plain numbers only "
                         "(write a very large finite number or change the test)")
        return
    if isinstance(value, str):
        why = code_like(value)
        if why is not None:
            shown = value if len(value) <= 40 else value[:40] + "…"
            yield path, (f"text '{shown}' looks like code ({why}); test values must be plain "
                         "data and are never evaluated")
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (why := code_like(key)) is not None:
                yield path, f"mapping key '{key[:40]}' looks like code ({why})"
            yield from _walk(item, (*path, key))
        return
    yield path, (f"a value of type {type(value).__name__} is not allowed; use numbers, text, "
                 "booleans, null, lists and mappings")


def check_question_tests(lf: LoadedFile, qpath: tuple[str | int, ...],
                         question: Question) -> list[Diagnostic]:
    """Diagnostics (FILE:LINE:COL) for the test cases of one question."""
    out: list[Diagnostic] = []
    if not question.tests:
        return out
    if question.language == "sql":
        return out + check_sql_tests(lf, qpath, question) + _visible_test_warning(lf, qpath,
                                                                                   question)
    for ti, test in enumerate(question.tests):
        tpath = (*qpath, "tests", ti)
        for name in ("setup", "ordered"):
            if name in test.model_fields_set:
                out.append(lf.diag((*tpath, name), (
                    f"'{name}' is only for sql questions (language: sql); a Python test "
                    "calls the entrypoint with args and kwargs"), code="test-field", key=True))
    for ti, test in enumerate(question.tests):
        tpath = (*qpath, "tests", ti)
        for ai, arg in enumerate(test.args):
            out += [lf.diag(p, msg, code="test-literal") for p, msg in _walk(arg, (*tpath, "args", ai))]
        for name, value in test.kwargs.items():
            kpath = (*tpath, "kwargs", name)
            if not name.isidentifier() or keyword.iskeyword(name):
                out.append(lf.diag(kpath, f"keyword argument name '{name[:40]}' is not a valid "
                                   "Python parameter name", code="test-literal", key=True))
            out += [lf.diag(p, msg, code="test-literal") for p, msg in _walk(value, kpath)]
        out += [lf.diag(p, msg, code="test-literal")
                for p, msg in _walk(test.expect, (*tpath, "expect"))]
    return out + _visible_test_warning(lf, qpath, question)


def _visible_test_warning(lf: LoadedFile, qpath: tuple[str | int, ...],
                          question: Question) -> list[Diagnostic]:
    if any(not t.hidden for t in question.tests):
        return []
    return [lf.diag((*qpath, "tests"), (
        f"question '{question.id}' has only hidden tests; add at least one visible test so "
        "the candidate can see what is expected"), "warning", "no-visible-tests")]


def _scalar_problem(value: Any) -> str | None:
    if value is None or isinstance(value, (bool, int, str)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is not a finite number"
    what = ("a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict)
            else type(value).__name__)
    return f"a row holds {what}; each value in a row must be a number, text, true/false or null"


def check_sql_tests(lf: LoadedFile, qpath: tuple[str | int, ...],
                    question: Question) -> list[Diagnostic]:
    """Diagnostics for an sql question's tests: no args/kwargs, ``expect`` a list of rows of
    scalars, all rows the same width."""
    out: list[Diagnostic] = []
    for ti, test in enumerate(question.tests):
        tpath = (*qpath, "tests", ti)
        for name in ("args", "kwargs"):
            if name in test.model_fields_set:
                out.append(lf.diag((*tpath, name), (
                    f"'{name}' is not allowed in an sql test: the test runs the candidate's "
                    "query; vary the data with 'setup' instead"), code="test-field", key=True))
        rows = test.expect
        if not isinstance(rows, list):
            where = (*tpath, "expect") if "expect" in test.model_fields_set else tpath
            out.append(lf.diag(where, (
                "an sql test's 'expect' must be a list of rows, each a list of values "
                "(write [] for no rows)"), code="sql-expect"))
            continue
        width: int | None = None
        for ri, row in enumerate(rows):
            rpath = (*tpath, "expect", ri)
            if not isinstance(row, list):
                out.append(lf.diag(rpath, (
                    f"row {ri + 1} of 'expect' must be a list of values, like [1, 'text', null]"),
                    code="sql-expect"))
                continue
            if width is None:
                width = len(row)
            elif len(row) != width:
                out.append(lf.diag(rpath, (
                    f"row {ri + 1} of 'expect' has {len(row)} values; the first row has {width}"),
                    code="sql-expect"))
            for vi, value in enumerate(row):
                why = _scalar_problem(value)
                if why is not None:
                    out.append(lf.diag((*rpath, vi), why, code="sql-expect"))
                elif isinstance(value, str) and (code := code_like(value)) is not None:
                    out.append(lf.diag((*rpath, vi), (
                        f"text '{value[:40]}' looks like code ({code}); test values must be "
                        "plain data"), code="test-literal"))
    return out

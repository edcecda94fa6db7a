"""Find the code in an answer that mixes prose and Python.

A coding-screen answer is often code plus an explanation. The runner tries, in order:

1. the Python in fenced blocks (```python, ```py or a bare ```), when there are any;
2. the answer as it is;
3. the answer with the prose around the code blanked out: from the first line that starts
   code (``def``, ``class``, ``import``, ``from ... import``, a decorator) through the lines
   that read as code.

Lines that are not code become blank lines rather than disappearing, so line numbers in
errors still match the answer the candidate wrote.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```|~~~)\s*([\w+-]*)\s*$")
_PY_LANGS = {"", "python", "py", "python3", "py3"}
_STARTS_CODE = re.compile(r"^(?:def |async def |class |import \w|from [\w.]+ import |@\w)")
_TOP_LEVEL_CODE = re.compile(
    r"^(?:def |async def |class |import |from [\w.]+ import |@|if |elif |else:|for |while |try:|"
    r"except\b|finally:|with |return\b|[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*(?:[-+*/|&%]?=|\(|:))"
)


def fenced_code(text: str) -> str | None:
    """The Python fenced blocks, other lines blank; None when the answer has no fences."""
    lines = text.splitlines()
    out: list[str] = []
    inside: bool | None = None  # None: outside; True/False: in a Python/other block
    marker = ""
    found = False
    for line in lines:
        m = _FENCE.match(line)
        if inside is None and m:
            marker = m.group(1)
            inside = m.group(2).lower() in _PY_LANGS
            found = found or inside
            out.append("")
            continue
        if inside is not None and m and m.group(1) == marker and not m.group(2):
            inside = None
            out.append("")
            continue
        out.append(line if inside else "")
    if not found:
        return None
    return "\n".join(out) + "\n"


def code_region(text: str) -> str | None:
    """The answer with the prose before and after the code blanked; None if no code starts."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _STARTS_CODE.match(line)), None)
    if start is None:
        return None
    keep = [False] * len(lines)
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip() or line[0] in " \t#" or _TOP_LEVEL_CODE.match(line):
            keep[i] = True
        else:
            break
    out = [line if k else "" for line, k in zip(lines, keep, strict=True)]
    return "\n".join(out) + "\n"


def code_candidates(answer: str) -> list[str]:
    """What to try compiling, best first (see the module docstring). Never empty."""
    fenced = fenced_code(answer)
    if fenced is not None and fenced.strip():
        return [fenced]
    out = [answer]
    region = code_region(answer)
    if region is not None and region.strip() and region.strip() != answer.strip():
        out.append(region)
    return out


_SQL_LANGS = {"sql", "sqlite"}
_SQL_START = re.compile(r"^\s*(?:select|with)\b", re.IGNORECASE)
# Outside a fence, prose sentences start "Select ..." or "With ...": only all-caps or
# all-lowercase keywords start a query.
# Other statements are taken too, so that the sandbox refuses them with a clear message.
_SQL_START_BARE = re.compile(
    r"^\s*(?:SELECT|WITH|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|ATTACH|DETACH|PRAGMA"
    r"|VACUUM|BEGIN|VALUES|EXPLAIN|select|with|insert|update|delete|replace|create|drop|alter"
    r"|attach|detach|pragma|vacuum|begin|values|explain)\b")


def sql_query(answer: str) -> str | None:
    """The SQL query in an answer, or None when there is none.

    1. the first ```sql (or ```sqlite) fenced block;
    2. else the first bare ``` fence whose text starts with SELECT or WITH;
    3. else from the first line that starts with SELECT or WITH (or another SQL statement,
       which the sandbox then refuses), in all capitals or all lowercase ("Select the
       rows..." is prose), through the line that ends with ';' or the line before a blank
       line.
    """
    found = _sql_span(answer.splitlines())
    return None if found is None else found[2]


def sql_explanation(answer: str) -> str:
    """The answer without its SQL query (fence included): the explanation the rubric scores."""
    lines = answer.splitlines()
    found = _sql_span(lines)
    if found is None:
        return answer
    first, last, _ = found
    return "\n".join(lines[:first] + lines[last + 1:]).strip("\n") + "\n"


def _sql_span(lines: list[str]) -> tuple[int, int, str] | None:
    """(first line, last line, query) of the query in ``lines``, fences included."""
    blocks: list[tuple[str, int, int, list[str]]] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        marker, lang, opened = m.group(1), m.group(2).lower(), i
        body: list[str] = []
        i += 1
        while i < len(lines):
            close = _FENCE.match(lines[i])
            if close and close.group(1) == marker and not close.group(2):
                break
            body.append(lines[i])
            i += 1
        blocks.append((lang, opened, min(i, len(lines) - 1), body))
        i += 1
    for lang, first, last, body in blocks:
        if lang in _SQL_LANGS and "\n".join(body).strip():
            return first, last, "\n".join(body).strip()
    for lang, first, last, body in blocks:
        text = "\n".join(body).strip()
        if lang == "" and _SQL_START.match(text):
            return first, last, text
    start = next((n for n, line in enumerate(lines) if _SQL_START_BARE.match(line)), None)
    if start is None:
        return None
    end = start
    for n in range(start, len(lines)):
        if not lines[n].strip():
            break
        end = n
        if lines[n].rstrip().endswith(";"):
            break
    return start, end, "\n".join(lines[start:end + 1]).strip()


def explanation_of(question_language: str, answer: str) -> str:
    """What the rubric scores: for an SQL question the answer without its query; otherwise
    the whole answer (code and prose, as before)."""
    return sql_explanation(answer) if question_language == "sql" else answer


def has_code(question_language: str, answer: str) -> bool:
    """Whether the answer contains code to test (a query for SQL; a fenced Python block or
    a line that starts code for Python). A prose-only answer explains without code."""
    if question_language == "sql":
        return sql_query(answer) is not None
    fenced = fenced_code(answer)
    if fenced is not None:
        return bool(fenced.strip())
    return code_region(answer) is not None

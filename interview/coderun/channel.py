"""The results channel, read as untrusted input.

The harness reports one JSON object per line on a dedicated pipe. Code under test runs in the
same process and can find that pipe, so everything on it is checked against what the harness
can send, in the order it sends it: every field present with its type and nothing more, test
indices in the order the parent sent them, no duplicates, nothing after the last message.
Anything else is a violation: the run fails and every test counts as failed (never fewer tests
counted, never the rubric alone). A stream that simply stops (the child was killed or died)
is not a violation: the tests it did not report count as failed anyway.

Standard library only: the sandbox layer is loadable without the app's dependencies.
"""

from __future__ import annotations

import math
from typing import Any

_TEXT_CHARS = 20_000  # longest error/text field the harness can produce, with room to spare

# kind -> {field: type name}; every field is required and no other is allowed.
SCHEMAS: dict[str, dict[str, str]] = {
    "ready": {"uid": "int", "dropped": "bool", "protection": "text"},
    "sandbox_error": {"error": "text"},
    "extracted": {"alternative": "int"},
    "start": {"index": "int"},
    "syntax_error": {"error": "text", "line": "int", "text": "text"},
    "load_error": {"status": "load_status", "error": "text", "seconds": "seconds"},
    "missing_entrypoint": {"entrypoint": "text", "defined": "names"},
    "result": {"index": "int", "status": "status", "got": "got", "error": "text",
               "seconds": "seconds"},
    "gave_up": {"timeouts": "int"},
    "done": {},
    "sql_refused": {"error": "text"},
    "fixture_error": {"index": "int", "error": "text"},
}
_FINAL = {"sandbox_error", "syntax_error", "load_error", "missing_entrypoint", "done",
          "sql_refused", "fixture_error"}


def _type_ok(kind: str, value: Any, got_bytes: int) -> bool:
    if kind == "int":
        return type(value) is int and abs(value) < 1 << 31
    if kind == "bool":
        return type(value) is bool
    if kind == "text":
        return type(value) is str and len(value) <= _TEXT_CHARS
    if kind == "got":
        return type(value) is str and len(value) <= got_bytes
    if kind == "seconds":
        return (type(value) in (int, float) and math.isfinite(value)
                and 0 <= value < 86_400)
    if kind == "status":
        return value in ("ok", "error", "timeout")
    if kind == "load_status":
        return value in ("error", "timeout")
    if kind == "names":
        return (type(value) is list and len(value) <= 20
                and all(type(v) is str and len(v) <= 200 for v in value))
    return False


def check_event(event: Any, got_bytes: int) -> str | None:
    """Why one decoded message cannot have come from the harness, or None."""
    if type(event) is not dict:
        return "a message that is not a JSON object"
    kind = event.get("kind")
    schema = SCHEMAS.get(kind) if type(kind) is str else None
    if schema is None:
        return f"a message of unknown kind {str(kind)[:40]!r}"
    fields = set(event) - {"kind"}
    if fields != set(schema):
        return f"a '{kind}' message with the wrong fields"
    for name, type_name in schema.items():
        if not _type_ok(type_name, event[name], got_bytes):
            return f"a '{kind}' message with a bad '{name}'"
    return None


def check_sequence(events: list[dict[str, Any]], indices: list[int], language: str) -> str | None:
    """Why this sequence of (individually valid) messages cannot have come from the harness
    running these tests in this order, or None. A sequence that stops early is fine."""
    pending = list(indices)
    pos = 0
    n = len(events)

    def kind(i: int) -> str:
        return str(events[i]["kind"])

    def finish(i: int) -> str | None:
        return None if i >= n else f"a '{kind(i)}' message after the run had ended"

    if n == 0:
        return None
    if kind(0) == "sandbox_error":
        return finish(1)
    if kind(0) != "ready":
        return f"a '{kind(0)}' message before the harness was ready"
    pos = 1
    if language == "sql":
        if pos < n and kind(pos) == "sql_refused":
            return finish(pos + 1)
    else:
        if pos < n and kind(pos) == "extracted":
            pos += 1
        if pos < n and kind(pos) == "syntax_error":
            return finish(pos + 1)
        if pos < n:
            if kind(pos) != "start" or events[pos]["index"] != -1:
                return f"a '{kind(pos)}' message where the code should start loading"
            pos += 1
        if pos < n and kind(pos) in {"load_error", "missing_entrypoint"}:
            return finish(pos + 1)
    while pos < n:
        k = kind(pos)
        if k == "done":
            return "a 'done' message before every test had run" if pending else finish(pos + 1)
        if k == "gave_up":
            if pos + 1 < n and kind(pos + 1) != "done":
                return f"a '{kind(pos + 1)}' message after the run gave up"
            return finish(pos + 2)
        if k != "start":
            return f"a '{k}' message where a test should start"
        if not pending or events[pos]["index"] != pending[0]:
            return "a test started out of order"
        if pos + 1 >= n:
            return None  # stopped during this test
        nxt = events[pos + 1]
        if nxt["kind"] == "fixture_error" and language == "sql" and nxt["index"] == pending[0]:
            return finish(pos + 2)
        if nxt["kind"] != "result" or nxt["index"] != pending[0]:
            return f"a '{nxt['kind']}' message where test #{pending[0]}'s result should be"
        pending.pop(0)
        pos += 2
    return None


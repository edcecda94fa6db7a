import json
import re

FENCE = re.compile(r"```[A-Za-z0-9_+-]*[ \t]*\n?(.*?)```", re.DOTALL)


def _extract(text: str) -> str | None:
    fenced = FENCE.search(text)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end < start:
        return None
    return text[start:end + 1]


def _object(raw: str) -> dict | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _type_ok(value: object, kind: str) -> bool:
    if kind == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int)
    if kind == "number":
        return isinstance(value, (int, float))
    return False


def parse_tool_call(text: str, tools: dict) -> dict:
    """Extract a JSON tool call from raw model output and validate it against `tools`."""
    raw = _extract(text)
    call = _object(raw) if raw is not None else None
    if call is None or not isinstance(call.get("name"), str):
        return {"ok": False, "error": "no_json"}
    args = call.get("arguments", {})
    if isinstance(args, str):
        args = _object(args)
    if not isinstance(args, dict):
        return {"ok": False, "error": "no_json"}
    name = call["name"]
    if name not in tools:
        return {"ok": False, "error": "unknown_tool"}
    params = tools[name].get("params", {})
    if any(arg not in params for arg in args):
        return {"ok": False, "error": "unexpected_argument"}
    if any(req not in args for req in tools[name].get("required", [])):
        return {"ok": False, "error": "missing_argument"}
    if not all(_type_ok(value, params[arg]) for arg, value in args.items()):
        return {"ok": False, "error": "wrong_type"}
    return {"ok": True, "name": name, "arguments": args}

"""Safe YAML reading with positions for every node, and limits against hostile files.

``read_yaml`` parses with libyaml's CSafeLoader (pure-Python SafeLoader when the C
extension is missing), refuses oversized, non-UTF-8, too-deep and alias-bomb files, and
returns the plain data together with a map from each value's path to its (line, column).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the pyyaml wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_ALIASES = 500
MAX_INT_BITS = 256  # no bank needs a bigger number; bigger ones cannot even be printed

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based


class YamlError(Exception):
    """A problem with a file, with its 1-based position."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class YamlDoc:
    data: Any
    positions: dict[Path_, Pos] = field(default_factory=dict)
    key_positions: dict[Path_, Pos] = field(default_factory=dict)

    def pos(self, path: Path_) -> Pos:
        """The position of the value at ``path``, or of its nearest ancestor."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), Pos(1, 1))

    def key_pos(self, path: Path_) -> Pos:
        """The position of the mapping key that ends ``path`` (falls back to ``pos``)."""
        return self.key_positions.get(tuple(path)) or self.pos(path)


def _tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _mark(node: yaml.Node) -> Pos:
    m = node.start_mark
    return Pos(m.line + 1, m.column + 1)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line, col
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


_PRESCAN = re.compile(r"[\n\"'\[\]{}]")


def _prescan_depth(text: str) -> None:
    """Refuse absurd flow nesting before the parser recurses into it.

    Only brackets, quotes and newlines matter, so a regex jumps between them instead of
    looking at every character in Python (quotes count only inside a flow collection and
    end at the line's end, as the parser's error recovery would)."""
    depth = 0
    line = 1
    line_start = 0
    in_quote: str | None = None
    for m in _PRESCAN.finditer(text):
        ch = m.group()
        if ch == "\n":
            line += 1
            line_start = m.end()
            in_quote = None
            continue
        if in_quote:
            if ch == in_quote:
                in_quote = None
            continue
        if ch in "\"'":
            if depth:
                in_quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"nesting deeper than {MAX_DEPTH} levels; refusing the file",
                                line, m.start() - line_start + 1)
        else:
            depth = max(0, depth - 1)


def read_yaml_text(text: str) -> YamlDoc:
    _prescan_depth(text)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            msg = exc.problem or str(exc)
            if exc.context and exc.problem:
                msg = f"{exc.context}: {exc.problem}" if "while" not in exc.context else exc.problem
            raise YamlError(f"YAML syntax error: {msg}", (mark.line + 1) if mark else 1,
                            (mark.column + 1) if mark else 1) from None
        except yaml.reader.ReaderError as exc:
            before = text[: max(0, exc.position)]
            line = before.count("\n") + 1
            col = exc.position - (before.rfind("\n") + 1) + 1
            raise YamlError(f"YAML error: character #x{exc.character:04x} is not allowed in "
                            "YAML (control characters are not)", line, col) from None
        except yaml.YAMLError as exc:
            raise YamlError(f"YAML error: {exc}") from None
        except RecursionError:
            raise YamlError(f"nesting deeper than {MAX_DEPTH} levels; refusing the file") from None
        if node is None:
            return YamlDoc(None, {(): Pos(1, 1)})
        builder = _Builder(loader)
        data = builder.build(node, (), 0)
        return YamlDoc(data, builder.positions, builder.key_positions)
    finally:
        loader.dispose()


def read_yaml(path: Path, raw: bytes | None = None) -> YamlDoc:
    """Read ``path`` safely (or its bytes ``raw``, already read). Raises YamlError (with a
    position) or OSError."""
    size = path.stat().st_size if raw is None else len(raw)
    if size > MAX_FILE_BYTES:
        raise YamlError(
            f"file is {size / 1024 / 1024:.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB cap"
        )
    return read_yaml_text(_decode(path.read_bytes() if raw is None else raw))


class _Builder:
    """Turns a composed node graph into plain Python data, recording positions.

    Aliases are followed but counted: a file that expands to more than MAX_NODES values or
    uses more than MAX_ALIASES aliases is refused (a "billion laughs" bomb).
    """

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions: dict[Path_, Pos] = {}
        self.key_positions: dict[Path_, Pos] = {}
        self.count = 0
        self.alias_uses = 0
        self.seen: set[int] = set()

    def _tick(self, node: yaml.Node, path: Path_, depth: int) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            p = _mark(node)
            raise YamlError(f"file expands to more than {MAX_NODES} values (alias bomb?); refusing it",
                            p.line, p.col)
        if depth > MAX_DEPTH:
            p = _mark(node)
            raise YamlError(f"nesting deeper than {MAX_DEPTH} levels; refusing the file", p.line, p.col)
        if id(node) in self.seen and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.alias_uses += 1
            if self.alias_uses > MAX_ALIASES:
                p = _mark(node)
                raise YamlError(f"more than {MAX_ALIASES} alias uses (alias bomb?); refusing the file",
                                p.line, p.col)
        self.seen.add(id(node))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self._tick(node, path, depth)
        if path not in self.positions:
            self.positions[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, "tag:yaml.org,2002:map")
            out: dict[Any, Any] = {}
            for key_node, value_node in self._pairs(node):
                key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    p = _mark(key_node)
                    raise YamlError("mapping keys must be plain strings", p.line, p.col)
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    p = _mark(key_node)
                    raise YamlError(f"duplicate key '{key}'", p.line, p.col)
                self.key_positions[(*path, key)] = _mark(key_node)
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        p = _mark(node)  # pragma: no cover - no other node kinds exist
        raise YamlError("unsupported YAML node", p.line, p.col)

    def _pairs(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                p = _mark(key_node)
                raise YamlError("merge keys ('<<') are not supported in banks", p.line, p.col)
            yield key_node, value_node

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            p = _mark(node)
            raise YamlError(f"YAML tag '{_tag_name(node.tag)}' is not allowed (plain values only)",
                            p.line, p.col)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if not tag.startswith("tag:yaml.org,2002:") or tag.rsplit(":", 1)[-1] not in _SAFE_SCALARS:
            p = _mark(node)
            raise YamlError(f"YAML tag '{_tag_name(tag)}' is not allowed (plain values only)",
                            p.line, p.col)
        if tag.endswith(":timestamp"):
            return node.value  # dates stay the text the author wrote (2024-99-99 included)
        try:
            value = self.loader.construct_object(node, deep=True)
            if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
                raise ValueError("digits")
            return value
        except yaml.YAMLError as exc:
            p = _mark(node)
            raise YamlError(f"bad value: {getattr(exc, 'problem', exc)}", p.line, p.col) from None
        except (ValueError, OverflowError, ArithmeticError, MemoryError, RecursionError) as exc:
            # e.g. an integer of over 4,300 digits (Python refuses to convert it)
            p = _mark(node)
            text = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            why = ("a number with too many digits" if "digits" in str(exc)
                   else f"{type(exc).__name__}: {str(exc)[:120]}")
            raise YamlError(f"bad value '{text}': {why}", p.line, p.col) from None


_SAFE_SCALARS = {"str", "int", "float", "bool", "null", "timestamp"}

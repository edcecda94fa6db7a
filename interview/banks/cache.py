"""An on-disk cache of parsed bank files, so that start-up skips the YAML parse.

What is stored is plain JSON, never pickle: each file's data as its validated model dumped it
(``trusted.dump``) and its diagnostics with their positions. An entry is used only
while the file's path, size, mtime and content hash all match. When every file of a search
path matches, the cached diagnostics (cross-file checks included) are reused as they are;
otherwise unchanged files skip the parse, the checks run again, and a file that needs a
position for a new diagnostic is re-parsed then. While every file matches, two readers need
less than the whole catalog (cache_partial.py): a listing (no pydantic at all) and one
question's grading (its bank and the shared rubrics only, rebuilt with ``trusted.build``
without validating them again, after checking each entry's SHA-256). A whole catalog is
validated again (cache_restore.py), which pydantic does faster than the models could be
rebuilt in Python, except for the parts of each question that a catalog does not need
(examples, its rubric's criteria and red flags: deferred.py), validated on first use.

Layout of a cache file: one line of JSON (the manifest: code stamp, the data part's size,
file order, and per file its key, kind, diagnostics, listing summary, and the byte spans and
SHA-256 of its data and deferred parts in what follows), then the data as one JSON value,
``[[banks...], [shared rubrics...]]``, so that a warm start reads it as it is and validates
it in one call, then each bank's deferred parts, one JSON value per bank.

The cache lives in the user cache dir (INTERVIEW_CACHE_DIR overrides it; ``off`` disables
it). A missing, unreadable or stale cache file is rebuilt; it is replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..paths import files_stamp, write_atomic
from .diagnostics import Diagnostic

if TYPE_CHECKING:

    from .catalog import Catalog
    from .deferred import CacheRef
    from .loader import LoadedFile

CACHE_FORMAT = 6


@dataclass(frozen=True)
class FileKey:
    size: int
    mtime_ns: int
    sha256: str

    def as_json(self) -> list[Any]:
        return [self.size, self.mtime_ns, self.sha256]


def read_keyed(path: Path) -> tuple[bytes, FileKey] | None:
    """The file's bytes and cache key (None when it cannot be read)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        want = st.st_size + 1
        raw = os.read(fd, want)  # one read for a regular file: a short read is its end
        if len(raw) == want or not stat.S_ISREG(st.st_mode):  # it grew, or is not a file
            chunks = [raw]
            while chunks[-1]:
                chunks.append(os.read(fd, 1 << 20))
            raw = b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)
    return raw, FileKey(st.st_size, st.st_mtime_ns, hashlib.sha256(raw).hexdigest())


def file_key(path: Path) -> FileKey | None:
    """The file's cache key; its bytes are not kept (10,000 files are 150 MB or more)."""
    keyed = read_keyed(path)
    return None if keyed is None else keyed[1]


def diagnostics_to_json(diags: list[Diagnostic]) -> list[list[Any]]:
    return [[d.line, d.col, d.message, d.severity, d.code] for d in diags]


def diagnostics_from_json(path: Path, rows: list[list[Any]]) -> list[Diagnostic]:
    return [Diagnostic(path, int(r[0]), int(r[1]), str(r[2]), r[3], str(r[4])) for r in rows]


def _code_stamp() -> str:
    """Changes whenever the loader's code does (so a dev checkout never reads stale data)."""
    from .. import __version__

    here = Path(__file__).resolve().parent
    return files_stamp([__version__, str(CACHE_FORMAT)],
                       [*sorted(here.glob("*.py")), here.parent / "rounds.py"])


@dataclass
class CacheContents:
    order: list[str]
    files: dict[str, dict[str, Any]]
    """Per file: ``key``, ``kind``, ``final`` (diagnostics), ``summary`` (what a listing shows,
    summary.py), and when it has data its ``span`` and ``digest``, and for a bank with
    questions the ``deferred`` parts' span and digest (deferred.py)."""
    blob: bytes | None
    """The data part of the cache file, ``[[banks...], [rubrics...]]`` (None: only the
    manifest was read, see ``data``); spans are relative to its start, which is at
    ``offset`` in the file. The deferred parts follow it."""
    offset: int = 0
    file: Path | None = None
    ident: tuple[int, int, int] = (0, 0, 0)
    """The cache file's inode, size and mtime as read."""
    tail: bytes | None = None
    """Every file's deferred parts, once ``deferred`` has read them."""

    def data(self, entry: dict[str, Any]) -> bytes:
        """One entry's data. Without the data part, it is read from the cache file again;
        a file replaced meanwhile gives other bytes, which the entry's SHA-256 tells."""
        start, end = entry["span"]
        if self.blob is None:
            return self._read(start, end)
        return self.blob[start:end]

    def deferred(self, entry: dict[str, Any], *, many: bool = False) -> bytes:
        """One bank's deferred parts, checked against their SHA-256 (ValueError otherwise).
        With ``many``, every file's parts are read at once and kept."""
        start, end, digest = entry["deferred"]
        if many and self.tail is None and self.blob is not None:
            self.tail = self._read(len(self.blob), None)
        if self.tail is not None and self.blob is not None:
            raw = self.tail[start - len(self.blob):end - len(self.blob)]
        else:
            raw = self._read(start, end)
        if hashlib.sha256(raw).hexdigest() != digest:
            raise ValueError("deferred parts damaged")
        return raw

    def ref(self) -> CacheRef:
        """This cache file as read, for reading deferred parts later (deferred.py)."""
        from .deferred import CacheRef

        assert self.file is not None
        return CacheRef(self.file, self.ident, self.offset)

    def _read(self, start: int, end: int | None) -> bytes:
        assert self.file is not None
        with open(self.file, "rb") as fh:
            fh.seek(self.offset + start)
            return fh.read() if end is None else fh.read(end - start)


def _next(fh: BinaryIO, size: int) -> bytes:
    """The file's next ``size`` bytes as one bytes object: with ``pread``, in one read
    (``read()`` copies 100 MB several times on its way: 0.1 s more at 10,000 files)."""
    pread = getattr(os, "pread", None)
    if pread is None:
        return fh.read(size)
    return bytes(pread(fh.fileno(), size, fh.tell()))


class BankCache:
    """One cache file per list of search paths (and option set)."""

    def __init__(self, file: Path, stamp: str) -> None:
        self.file = file
        self.stamp = stamp

    @classmethod
    def for_paths(cls, paths: list[Path], *, examples_warning: bool,
                  cache_dir: Path | None) -> BankCache | None:
        if cache_dir is None:
            return None
        ident = "\0".join(str(Path(p).resolve()) for p in paths) + f"\0{examples_warning}"
        name = "banks-" + hashlib.sha256(ident.encode()).hexdigest()[:20] + ".json"
        return cls(cache_dir / name, _code_stamp())

    def read(self, *, whole: bool = True) -> CacheContents | None:
        """The cached contents; None when missing, stale or unusable. With ``whole`` False
        only the manifest is read (a listing, or one question's entries: see ``data``)."""
        try:
            with open(self.file, "rb") as fh:
                st = os.fstat(fh.fileno())
                line = fh.readline()
                if not line.endswith(b"\n"):
                    return None
                head = json.loads(line)
                if not isinstance(head, dict) or head.get("stamp") != self.stamp:
                    return None
                size = head.get("data_size")
                if not isinstance(size, int) or size < 0:
                    return None
                blob = _next(fh, size) if whole else None
        except (OSError, ValueError):
            return None
        order, files = head.get("order"), head.get("files")
        if not isinstance(order, list) or not isinstance(files, dict):
            return None
        return CacheContents(order, files, blob, len(line), self.file,
                             (st.st_ino, st.st_size, st.st_mtime_ns))

    def write(self, order: list[str], files: dict[str, dict[str, Any]],
              data: dict[str, tuple[bytes, bytes | None]]) -> None:
        """Replace the cache file atomically (``data``: per file, by name, its data and its
        deferred parts as JSON, see ``encode``).

        A cache that cannot be written is skipped: it only costs speed."""
        chunks: list[bytes] = [b"["]
        pos = 1
        for kind in ("bank", "rubric"):
            if kind != "bank":
                chunks.append(b",")
                pos += 1
            chunks.append(b"[")
            pos += 1
            first = True
            for name in order:
                entry = files.get(name)
                if entry is None or entry["kind"] != kind or name not in data:
                    continue
                if not first:
                    chunks.append(b",")
                    pos += 1
                first = False
                item = data[name][0]
                entry["span"] = [pos, pos + len(item)]
                entry["digest"] = hashlib.sha256(item).hexdigest()
                chunks.append(item)
                pos += len(item)
            chunks.append(b"]")
            pos += 1
        chunks.append(b"]")
        size = pos + 1
        for name in order:
            entry, parts = files.get(name), data.get(name, (b"", None))[1]
            if entry is not None and parts is not None:
                entry["deferred"] = [size, size + len(parts), hashlib.sha256(parts).hexdigest()]
                chunks.append(parts)
                size += len(parts)
        head = json.dumps({"stamp": self.stamp, "data_size": pos + 1, "order": order,
                           "files": files},
                          ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        write_atomic(self.file, [head, *chunks], prefix=".banks-")


def load_cached(store: BankCache, found: list[Path], *, examples_warning: bool) -> Catalog:
    from .cache_restore import restore
    from .catalog import Catalog, check_catalog
    from .loader import load_file
    from .summary import summarize, summary_to_json
    from .trusted import dump

    old = store.read()
    order = [str(p) for p in found]
    keys = {name: file_key(p) for name, p in zip(order, found, strict=True)}
    entries = _unchanged(old, order, keys)
    if old is not None and _all_unchanged(old, order, entries):
        restored = restore(old, found)
        if restored is not None:
            return restored

    files = []
    clean_data: dict[str, tuple[bytes, bytes | None]] = {}
    for name, p in zip(order, found, strict=True):
        entry = entries[name]
        lf = None
        if old is not None and entry is not None and "span" in entry:
            kept = _from_json(p, str(entry.get("kind")), old, entry)
            if kept is not None:
                lf, clean_data[name] = kept
        if lf is None:
            # Read again: the key written is the key of the bytes parsed.
            k = read_keyed(p)
            keys[name] = None if k is None else k[1]
            lf = load_file(p, None if k is None else k[0])
            model = lf.bank if lf.kind == "bank" else lf.rubric
            if not lf.diagnostics and model is not None:
                clean_data[name] = encode(dump(model), lf.kind)
        files.append(lf)
    cat = check_catalog(Catalog(files=files), examples_warning=examples_warning)
    out: dict[str, dict[str, Any]] = {}
    for name, lf, summary in zip(order, cat.files, summarize(cat), strict=True):
        key = keys[name]
        if key is not None:
            out[name] = {"key": key.as_json(), "kind": lf.kind,
                         "final": diagnostics_to_json(lf.diagnostics),
                         "summary": summary_to_json(summary)}
    store.write(order, out, clean_data)
    return cat


def _unchanged(old: CacheContents | None, order: list[str],
               keys: dict[str, FileKey | None]) -> dict[str, dict[str, Any] | None]:
    """Per file, its cache entry while the file's key still matches it (else None)."""
    entries: dict[str, dict[str, Any] | None] = dict.fromkeys(order)
    if old is not None:
        for name in order:
            entry, k = old.files.get(name), keys[name]
            if k is not None and isinstance(entry, dict) and entry.get("key") == k.as_json():
                entries[name] = entry
    return entries


def _all_unchanged(old: CacheContents, order: list[str],
                   entries: dict[str, dict[str, Any] | None]) -> bool:
    """The same files in the same order, none changed: every cached diagnostic (cross-file
    checks included) and summary still holds."""
    return old.order == order and all(e is not None for e in entries.values())


def encode(plain: dict[str, Any], kind: str) -> tuple[bytes, bytes | None]:
    """A file's plain data as the cache writes it: its JSON, and for a bank its questions'
    deferred parts apart (deferred.py)."""
    from .deferred import split

    parts = None
    if kind == "bank":
        plain, parts = split(plain)
    return _json(plain), None if parts is None else _json(parts)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def merged(data: bytes, parts: bytes | None) -> Any:
    """An entry's data as plain data, its deferred parts merged back in (ValueError when
    they do not fit)."""
    from .deferred import merge

    plain = json.loads(data)
    if parts is not None:
        if not isinstance(plain, dict):
            raise ValueError("a bank entry is not a mapping")
        plain = merge(plain, json.loads(parts))
    return plain


def _from_json(path: Path, kind: str, old: CacheContents, entry: dict[str, Any]
               ) -> tuple[LoadedFile, tuple[bytes, bytes | None]] | None:
    """A clean file from its cached data, validated again, and that data to write again
    (None when it cannot be read back or no longer validates)."""
    from pydantic import ValidationError

    from .loader import LoadedFile
    from .models import Bank, SharedRubric

    lf = LoadedFile(path=path, kind=kind, from_cache=True)
    try:
        data = old.data(entry)
        parts = old.deferred(entry, many=True) if "deferred" in entry else None
        plain = merged(data, parts)
        if kind == "bank":
            lf.bank = Bank.model_validate(plain)
        elif kind == "rubric":
            lf.rubric = SharedRubric.model_validate(plain)
        else:
            return None
    except (ValueError, ValidationError, KeyError, TypeError):
        return None
    return lf, (data, parts)

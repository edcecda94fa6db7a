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
validated again, which pydantic does faster than the models could be rebuilt in Python.

Layout of a cache file: one line of JSON (the manifest: code stamp, file order, and per file
its key, kind, diagnostics, listing summary, and the byte span and SHA-256 of its data in
what follows), then the data as one JSON value, ``[[banks...], [shared rubrics...]]``, so
that a warm start reads it as it is and validates it in one call.

The cache lives in the user cache dir (INTERVIEW_CACHE_DIR overrides it; ``off`` disables
it). A missing, unreadable or stale cache file is rebuilt; it is replaced atomically.
"""

from __future__ import annotations

import functools
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
    from pydantic import BaseModel, TypeAdapter

    from .catalog import Catalog
    from .loader import LoadedFile

CACHE_FORMAT = 5


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
    summary.py), and ``span`` when it has data."""
    blob: bytes | None
    """The data part of the cache file, ``[[banks...], [rubrics...]]`` (None: only the
    manifest was read, see ``data``); spans are relative to its start, which is at
    ``offset`` in the file."""
    offset: int = 0
    file: Path | None = None

    def data(self, entry: dict[str, Any]) -> bytes:
        """One entry's data. Without the data part, it is read from the cache file again;
        a file replaced meanwhile gives other bytes, which the entry's SHA-256 tells."""
        start, end = entry["span"]
        if self.blob is None:
            assert self.file is not None
            with open(self.file, "rb") as fh:
                fh.seek(self.offset + start)
                return fh.read(end - start)
        return self.blob[start:end]


def _rest(fh: BinaryIO) -> bytes:
    """The rest of the file, as one bytes object: with ``pread``, in one read of its size
    (``read()`` copies 100 MB several times on its way: 0.1 s more at 10,000 files)."""
    pread = getattr(os, "pread", None)
    if pread is None:
        return fh.read()
    pos, size = fh.tell(), os.fstat(fh.fileno()).st_size
    return bytes(pread(fh.fileno(), max(size - pos, 0), pos))


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
                line = fh.readline()
                blob = _rest(fh) if whole else None
            if not line.endswith(b"\n"):
                return None
            head = json.loads(line)
        except (OSError, ValueError):
            return None
        if not isinstance(head, dict) or head.get("stamp") != self.stamp:
            return None
        order, files = head.get("order"), head.get("files")
        if not isinstance(order, list) or not isinstance(files, dict):
            return None
        return CacheContents(order, files, blob, len(line), self.file)

    def write(self, order: list[str], files: dict[str, dict[str, Any]],
              data: dict[str, Any]) -> None:
        """Replace the cache file atomically (``data``: plain data per file, by name).

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
                item = json.dumps(data[name], ensure_ascii=False,
                                  separators=(",", ":")).encode()
                entry["span"] = [pos, pos + len(item)]
                entry["digest"] = hashlib.sha256(item).hexdigest()
                chunks.append(item)
                pos += len(item)
            chunks.append(b"]")
            pos += 1
        chunks.append(b"]")
        head = json.dumps({"stamp": self.stamp, "order": order, "files": files},
                          ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        write_atomic(self.file, [head, *chunks], prefix=".banks-")


def load_cached(store: BankCache, found: list[Path], *, examples_warning: bool) -> Catalog:
    from .catalog import Catalog, check_catalog
    from .loader import load_file
    from .summary import summarize, summary_to_json
    from .trusted import dump

    old = store.read()
    order = [str(p) for p in found]
    keys = {name: file_key(p) for name, p in zip(order, found, strict=True)}
    entries = _unchanged(old, order, keys)
    if old is not None and _all_unchanged(old, order, entries):
        restored = _restore(old, found)
        if restored is not None:
            return restored

    files = []
    clean_data: dict[str, Any] = {}
    for name, p in zip(order, found, strict=True):
        entry = entries[name]
        lf = None
        if old is not None and entry is not None and "span" in entry:
            lf = _from_json(p, str(entry.get("kind")), old.data(entry))
            if lf is not None:
                clean_data[name] = json.loads(old.data(entry))
        if lf is None:
            # Read again: the key written is the key of the bytes parsed.
            k = read_keyed(p)
            keys[name] = None if k is None else k[1]
            lf = load_file(p, None if k is None else k[0])
            model = lf.bank if lf.kind == "bank" else lf.rubric
            if not lf.diagnostics and model is not None:
                clean_data[name] = dump(model)
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


def _from_json(path: Path, kind: str, data: bytes) -> LoadedFile | None:
    """A clean file from its cached data (None when it no longer validates)."""
    from pydantic import ValidationError

    from .loader import LoadedFile
    from .models import Bank, SharedRubric

    lf = LoadedFile(path=path, kind=kind, from_cache=True)
    try:
        if kind == "bank":
            lf.bank = Bank.model_validate_json(data)
        elif kind == "rubric":
            lf.rubric = SharedRubric.model_validate_json(data)
        else:
            return None
    except ValidationError:
        return None
    return lf


def _restore(old: CacheContents, found: list[Path]) -> Catalog | None:
    """Nothing changed: the files and every diagnostic as they were (None if unusable)."""
    from pydantic import ValidationError

    from .catalog import Catalog, drop_broken, index_questions, index_rubrics
    from .loader import LoadedFile
    from .models import Bank, SharedRubric

    entries = [old.files[str(p)] for p in found]
    assert old.blob is not None, "read(whole=True) for the data"
    try:
        banks, rubrics = _data_adapter(Bank, SharedRubric).validate_json(old.blob)
    except ValidationError:
        return None
    by_kind = {"bank": banks, "rubric": rubrics}
    with_data = sorted((e["span"][0], i) for i, e in enumerate(entries) if "span" in e)
    values: dict[int, Any] = {}
    counters = {"bank": 0, "rubric": 0}
    for _, i in with_data:
        kind = entries[i]["kind"]
        if kind not in counters or counters[kind] >= len(by_kind[kind]):
            return None
        values[i] = by_kind[kind][counters[kind]]
        counters[kind] += 1
    files = []
    for i, (p, entry) in enumerate(zip(found, entries, strict=True)):
        lf = LoadedFile(path=p, kind=str(entry.get("kind", "unknown")), from_cache=True,
                        diagnostics=diagnostics_from_json(p, entry.get("final") or []))
        if i in values:
            if lf.kind == "bank":
                lf.bank = values[i]
            else:
                lf.rubric = values[i]
        files.append(lf)
    cat = Catalog(files=files)
    index_rubrics(cat, report=False)
    index_questions(cat, report=False)
    drop_broken(cat)
    return cat


@functools.cache
def _data_adapter(bank: type[BaseModel], rubric: type[BaseModel]
                  ) -> TypeAdapter[tuple[list[Any], list[Any]]]:
    """Validates the whole data part at once. Without pydantic's cache of short strings
    (which looks up every string it reads, ids and keywords included), a warm 10,000-file
    load validated in about 0.6 of the time; the models are equal either way."""
    from pydantic import ConfigDict, TypeAdapter

    return TypeAdapter(tuple[list[bank], list[rubric]],  # type: ignore[valid-type]
                       config=ConfigDict(cache_strings=False))

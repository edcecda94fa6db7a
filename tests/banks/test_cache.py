"""The on-disk bank cache: same catalog as a fresh parse, stale entries never used, no pickle."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from interview.banks import Catalog, load_catalog
from interview.paths import shipped_dir

GOOD = textwrap.dedent("""\
    bank: cache-a
    round: ml-theory
    questions:
      - id: ca-1
        prompt: What is overfitting?
        model_answer: Fitting noise in the training data.
      - id: ca-2
        prompt: What is a validation set?
        rubric:
          criteria:
            - id: held-out
              keywords: [held out, not trained on]
    """)
DUPLICATE = textwrap.dedent("""\
    bank: cache-b
    round: ml-theory
    questions:
      - id: ca-1
        prompt: Duplicate id on purpose.
        model_answer: x
    """)
BROKEN = "bank: cache-c\nround: nowhere\nquestions: []\n"


def signature(cat: Catalog) -> tuple[object, ...]:
    return (
        [(str(d.path), d.line, d.col, d.message, d.severity, d.code) for d in cat.diagnostics],
        [(qid, ref.question.model_dump(), ref.bank.bank, str(ref.path), ref.index)
         for qid, ref in cat.questions.items()],
        sorted(cat.rubrics),
        [(str(f.path), f.kind, f.ok) for f in cat.files],
    )


def write_banks(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    files = [folder / "a.yaml", folder / "b.yaml", folder / "c.yaml"]
    for f, text in zip(files, (GOOD, DUPLICATE, BROKEN), strict=True):
        f.write_text(text, encoding="utf-8")
    return files


def test_warm_load_equals_a_fresh_parse(tmp_path: Path, cache_dir: Path) -> None:
    write_banks(tmp_path / "banks")
    paths = [shipped_dir("rubrics"), tmp_path / "banks"]
    fresh = signature(load_catalog(paths, cache=False))
    assert not list(cache_dir.glob("*"))
    cold = load_catalog(paths)
    assert signature(cold) == fresh
    assert any(d.code == "duplicate-id" for d in cold.errors)  # positions survive the cache
    warm = load_catalog(paths)
    assert signature(warm) == fresh
    assert all(f.doc is None for f in warm.files)  # nothing was parsed again


def test_a_changed_file_is_parsed_again(tmp_path: Path, cache_dir: Path) -> None:
    a, b, _ = write_banks(tmp_path / "banks")
    paths = [shipped_dir("rubrics"), tmp_path / "banks"]
    load_catalog(paths)
    # Same size, same mtime: only the content hash can tell.
    st = a.stat()
    a.write_text(GOOD.replace("ca-2", "cz-2"), encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    b.write_text(DUPLICATE + "  - id: ca-2\n    prompt: again\n    model_answer: y\n",
                 encoding="utf-8")
    warm = load_catalog(paths)
    assert signature(warm) == signature(load_catalog(paths, cache=False))
    assert "cz-2" in warm.questions
    # The unchanged file b refers to a position in a: re-parsed on demand, line exact.
    assert signature(load_catalog(paths)) == signature(warm)


def test_files_added_and_removed(tmp_path: Path, cache_dir: Path) -> None:
    *_, c = write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    load_catalog(paths)
    c.unlink()
    (tmp_path / "banks" / "d.yml").write_text(GOOD.replace("cache-a", "cache-d")
                                              .replace("ca-", "cd-"), encoding="utf-8")
    assert signature(load_catalog(paths)) == signature(load_catalog(paths, cache=False))


def test_the_cache_is_plain_json_and_a_bad_one_is_ignored(tmp_path: Path,
                                                          cache_dir: Path) -> None:
    write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    fresh = signature(load_catalog(paths))
    (cache_file,) = cache_dir.glob("banks-*.json")
    head, _, data = cache_file.read_bytes().partition(b"\n")
    manifest = json.loads(head)
    assert set(manifest) == {"stamp", "data_size", "order", "files"}
    entry = manifest["files"][str(tmp_path / "banks" / "a.yaml")]
    start, end = entry["span"]
    assert json.loads(data[start:end])["bank"] == "cache-a"  # plain data, no pickle
    # one value: [[banks...], [rubrics...]], then each bank's deferred parts (plain JSON too)
    banks, rubrics = json.loads(data[:manifest["data_size"]])
    assert [b["bank"] for b in banks] == ["cache-a", "cache-b"] and rubrics == []
    start, end, _ = entry["deferred"]
    assert json.loads(data[start:end]) == [[None, None, None, None], [None, [
        {"id": "held-out", "keywords": ["held out", "not trained on"]}], None, None]]
    cache_file.write_bytes(b"\x80garbage")
    assert signature(load_catalog(paths)) == fresh
    cache_file.write_bytes(cache_file.read_bytes()[:200])  # truncated
    assert signature(load_catalog(paths)) == fresh


def test_tampered_data_is_validated(tmp_path: Path, cache_dir: Path) -> None:
    write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    fresh = signature(load_catalog(paths))
    (cache_file,) = cache_dir.glob("banks-*.json")
    cache_file.write_bytes(cache_file.read_bytes().replace(b'"ml-theory"', b'"no-such-round"'))
    assert signature(load_catalog(paths)) == fresh


def test_a_file_key_is_its_size_mtime_and_content_hash(tmp_path: Path) -> None:
    import hashlib

    from interview.banks.cache import file_key, read_keyed

    f = tmp_path / "a.yaml"
    f.write_text(GOOD * 40, encoding="utf-8")  # larger than one small read
    raw, key = read_keyed(f) or (b"", None)
    st = f.stat()
    assert raw == f.read_bytes()
    assert key is not None and key.as_json() == [st.st_size, st.st_mtime_ns,
                                                 hashlib.sha256(raw).hexdigest()]
    assert file_key(f) == key
    assert read_keyed(tmp_path / "missing.yaml") is None and file_key(tmp_path) is None


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", "off")
    write_banks(tmp_path / "banks")
    load_catalog([tmp_path / "banks"])
    assert not list(tmp_path.rglob("banks-*.json"))

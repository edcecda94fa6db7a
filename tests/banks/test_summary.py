"""Listings from the bank cache: the same as summarising a freshly parsed catalog, duplicate
and broken files included; a changed, added or removed file is never listed from stale data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview.banks import catalog, load_catalog
from interview.banks.cache import BankCache
from interview.banks.cache_partial import cached_summaries
from interview.banks.discover import discover
from interview.banks.summary import FileSummary, load_summaries, question_title, summarize
from interview.paths import cache_dir as user_cache_dir
from interview.paths import shipped_dir

from .test_cache import DUPLICATE, GOOD, write_banks


def no_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the catalog fails from here on: what follows must come from the cache."""
    def fail(*_a: object, **_k: object) -> None:
        raise AssertionError("the catalog was loaded")

    monkeypatch.setattr(catalog, "load_catalog", fail)


def cached(paths: list[Path]) -> list[FileSummary] | None:
    store = BankCache.for_paths(paths, examples_warning=True, cache_dir=user_cache_dir())
    assert store is not None
    return cached_summaries(store, discover(paths))


def test_warm_listing_equals_a_fresh_parse(tmp_path: Path, cache_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    write_banks(tmp_path / "banks")
    paths = [shipped_dir("rubrics"), tmp_path / "banks"]
    fresh = summarize(load_catalog(paths, cache=False))
    assert load_summaries(paths) == fresh  # cold: parses, fills the cache
    no_catalog(monkeypatch)
    warm = load_summaries(paths)
    assert warm == fresh
    by_name = {s.path.name: s for s in warm}
    # The duplicate question stays with the file that came first; its file is broken.
    assert [q.id for q in by_name["a.yaml"].questions] == ["ca-1", "ca-2"]
    assert not by_name["b.yaml"].ok and by_name["b.yaml"].questions == ()
    assert any(d.code == "duplicate-id" and d.line == 4 for d in by_name["b.yaml"].diagnostics)
    # A file that fails validation is listed by its name, with its errors and no question.
    c = by_name["c.yaml"]
    assert (c.id, c.parsed, c.ok, c.questions) == ("c", False, False, ())
    assert any("nowhere" in d.message for d in c.diagnostics)


def test_a_file_that_does_not_parse(tmp_path: Path, cache_dir: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "banks"
    write_banks(folder)
    (folder / "d.yaml").write_text("bank: d\nquestions: [\n", encoding="utf-8")
    paths = [folder]
    fresh = summarize(load_catalog(paths, cache=False))
    load_summaries(paths)
    no_catalog(monkeypatch)
    warm = load_summaries(paths)
    assert warm == fresh
    (d,) = [s for s in warm if s.path.name == "d.yaml"]
    assert not d.parsed and not d.ok and d.id == "d"


def test_a_changed_file_is_never_listed_from_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    a, b, _ = write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    load_summaries(paths)
    assert cached(paths) is not None
    # Same size and mtime: only the content hash can tell.
    st = a.stat()
    a.write_text(GOOD.replace("ca-2", "cz-2"), encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert cached(paths) is None
    listed = load_summaries(paths)  # loads the catalog, which refreshes the cache
    assert listed == summarize(load_catalog(paths, cache=False))
    assert "cz-2" in [q.id for s in listed for q in s.questions]
    assert cached(paths) == listed
    # A file whose duplicate goes away gets its question back, in the listing too.
    b.write_text(DUPLICATE.replace("ca-1", "cb-1"), encoding="utf-8")
    assert "cb-1" in [q.id for s in load_summaries(paths) for q in s.questions]


def test_files_added_or_removed(tmp_path: Path, cache_dir: Path) -> None:
    *_, c = write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    load_summaries(paths)
    c.unlink()
    assert cached(paths) is None
    assert load_summaries(paths) == summarize(load_catalog(paths, cache=False))
    (tmp_path / "banks" / "e.yml").write_text(GOOD.replace("cache-a", "cache-e")
                                              .replace("ca-", "ce-"), encoding="utf-8")
    assert cached(paths) is None
    assert load_summaries(paths) == summarize(load_catalog(paths, cache=False))


def test_a_damaged_summary_is_not_used(tmp_path: Path, cache_dir: Path) -> None:
    write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    fresh = load_summaries(paths)
    (cache_file,) = cache_dir.glob("banks-*.json")
    head, _, data = cache_file.read_bytes().partition(b"\n")
    manifest = json.loads(head)
    for entry in manifest["files"].values():
        del entry["summary"]["questions"]
    cache_file.write_bytes(json.dumps(manifest).encode() + b"\n" + data)
    assert cached(paths) is None
    assert load_summaries(paths) == fresh


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", "off")
    write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    assert load_summaries(paths) == summarize(load_catalog(paths, cache=False))
    assert not list(tmp_path.rglob("banks-*.json"))


def test_question_title() -> None:
    assert question_title("\n## What is *bias*?\nmore") == "What is *bias*?"
    assert question_title("x" * 100) == "x" * 89 + "…"
    assert question_title("  \n") == ""


def test_a_warm_listing_imports_no_pydantic_or_yaml(tmp_path: Path, cache_dir: Path) -> None:
    write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    load_summaries(paths)
    code = ("import sys; from pathlib import Path; "
            "from interview.banks.summary import load_summaries; "
            f"s = load_summaries([Path({str(paths[0])!r})]); "
            "print(len(s), 'pydantic' in sys.modules, 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=os.environ.copy()).stdout
    assert out.split() == ["3", "False", "False"]

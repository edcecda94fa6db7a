"""One question's catalog from the cache: only its bank and the shared rubrics are validated,
and the question, its bank and its effective rubric are those of the whole catalog."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interview.banks import load_catalog
from interview.banks.catalog import load_for_question
from interview.paths import shipped_dir

from .test_cache import GOOD, write_banks

EXTENDS = """\
bank: cache-s
round: behavioral
questions:
  - id: cs-1
    prompt: Tell me about a failure.
    rubric:
      extends: star
"""


def same_question(paths: list[Path], qid: str) -> None:
    full = load_catalog(paths, cache=False)
    part = load_for_question(paths, qid)
    assert part is not None
    ref, want = part.question(qid), full.question(qid)
    assert (ref.question, ref.bank, ref.path, ref.index) == (want.question, want.bank,
                                                             want.path, want.index)
    assert part.effective_rubric(ref.question) == full.effective_rubric(want.question)


def test_only_the_questions_bank_and_the_rubrics(tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "banks"
    write_banks(folder)
    (folder / "s.yaml").write_text(EXTENDS, encoding="utf-8")
    paths = [shipped_dir("rubrics"), folder]
    load_catalog(paths)  # fills the cache
    part = load_for_question(paths, "cs-1")
    assert part is not None
    kinds = {f.path.name: f.kind for f in part.files}
    assert kinds["s.yaml"] == "bank" and "a.yaml" not in kinds
    assert {k for n, k in kinds.items() if n != "s.yaml"} == {"rubric"}
    assert part.effective_rubric(part.question("cs-1").question) is not None
    same_question(paths, "cs-1")
    # The duplicate id stays with the file that came first.
    same_question(paths, "ca-1")
    assert load_for_question(paths, "ca-1").question("ca-1").path.name == "a.yaml"


def test_unknown_or_stale_gives_none(tmp_path: Path, cache_dir: Path) -> None:
    a, b, _ = write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    assert load_for_question(paths, "ca-1") is None  # no cache yet
    load_catalog(paths)
    assert load_for_question(paths, "no-such-id") is None
    assert load_for_question(paths, "ca-1") is not None
    st = a.stat()
    a.write_text(GOOD.replace("ca-2", "cz-2"), encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert load_for_question(paths, "ca-1") is None  # changed: the caller loads everything
    # Once the first file loses the id, the question comes from the other file.
    a.write_text(GOOD.replace("ca-1", "cy-1"), encoding="utf-8")
    load_catalog(paths)
    part = load_for_question(paths, "ca-1")
    assert part is not None and part.question("ca-1").path == b
    same_question(paths, "ca-1")


def test_a_broken_file_gives_no_question(tmp_path: Path, cache_dir: Path) -> None:
    """c.yaml fails validation: its bank id is not a question, and b.yaml's duplicate of ca-1
    never is either."""
    write_banks(tmp_path / "banks")
    paths = [tmp_path / "banks"]
    load_catalog(paths)
    part = load_for_question(paths, "ca-1")
    assert part is not None and [f.path.name for f in part.files] == ["a.yaml"]


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", "off")
    write_banks(tmp_path / "banks")
    load_catalog([tmp_path / "banks"])
    assert load_for_question([tmp_path / "banks"], "ca-2") is None
    assert not list(tmp_path.rglob("banks-*.json"))

"""A warm catalog load validates each question's examples and its rubric's criteria and red
flags on first use (deferred.py): what callers see equals a fresh parse, however they look."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from interview.banks import Catalog, load_catalog
from interview.banks.catalog import load_for_question, merge_rubric
from interview.banks.deferred import PARTS, Deferred, merge, split
from interview.banks.trusted import dump, plain_without_none
from interview.paths import shipped_dir

BANK = textwrap.dedent("""\
    bank: lazy-a
    round: ml-theory
    questions:
      - id: lz-1
        prompt: What is overfitting?
        rubric:
          criteria:
            - id: noise
              keywords: [fits the noise, memorises]
          red_flags:
            - keywords: [more data never helps]
              penalty: 15
        examples:
          - answer: "  It fits the noise in the training data.  "
            expect: {min: 40}
            label: partial
          - answer: Nothing.
            expect: {max: 10}
      - id: lz-2
        prompt: What is a validation set?
        model_answer: Data held out from training.
      - id: lz-3
        prompt: Explain bias.
        rubric:
          extends: star
          criteria:
            - id: extra
              keywords: [systematic error]
        examples: []
      - id: lz-4
        prompt: Write add(a, b).
        model_answer: Return a + b.
        entrypoint: add
        tests:
          - args: [1, 2]
            expect: 3
          - args: [[1], [2]]
            expect: [1, 2]
            hidden: true
    """)


@pytest.fixture
def paths(tmp_path: Path) -> list[Path]:
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "a.yaml").write_text(BANK, encoding="utf-8")
    return [shipped_dir("rubrics"), tmp_path / "banks"]


@pytest.fixture
def shipped(paths: list[Path]) -> list[Path]:
    """The shipped banks too: every kind of question we have."""
    return [paths[0], shipped_dir("question_banks"), paths[1]]


def deferred_in(cat: Catalog) -> int:
    """How many parts of the catalog's questions are still not validated."""
    n = 0
    for ref in cat.questions.values():
        q = ref.question
        n += (type(q.__dict__["examples"]) is Deferred) + (type(q.__dict__["tests"]) is Deferred)
        if q.__dict__["rubric"] is not None:
            rub = q.__dict__["rubric"].__dict__
            n += (type(rub["criteria"]) is Deferred) + (type(rub["red_flags"]) is Deferred)
    return n


def walk(model: BaseModel) -> list[Any]:
    """Every nested model's class, set fields and values, read through the fields."""
    out: list[Any] = [(type(model).__name__, sorted(model.model_fields_set))]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for v in items:
            out += walk(v) if isinstance(v, BaseModel) else [(name, repr(v))]
    return out


def warm(paths: list[Path]) -> Catalog:
    load_catalog(paths)  # fills the cache
    cat = load_catalog(paths)
    assert deferred_in(cat) >= 4  # the questions' parts are left for later
    return cat


def test_deferred_parts_equal_a_fresh_parse(shipped: list[Path], cache_dir: Path) -> None:
    paths = shipped
    fresh = load_catalog(paths, cache=False)
    cat = warm(paths)
    assert deferred_in(cat) > 100
    assert list(cat.questions) == list(fresh.questions)
    for qid, ref in cat.questions.items():
        assert walk(ref.question) == walk(fresh.questions[qid].question), qid
    assert deferred_in(cat) == 0  # each part read once, then kept as its list
    q = cat.question("lz-1").question
    assert q.examples[0].answer == "It fits the noise in the training data."  # validated
    assert q.examples[1].expect.max == 10 and q.rubric is not None
    assert q.rubric.red_flags[0].penalty == 15
    coding = cat.question("lz-4").question
    assert coding.runs_tests and [t.hidden for t in coding.tests] == [False, True]


def test_dumps_copies_and_comparisons_see_the_real_parts(shipped: list[Path],
                                                         cache_dir: Path) -> None:
    paths = shipped
    fresh = {qid: ref.question for qid, ref in load_catalog(paths, cache=False).questions.items()}
    dumps = {qid: q.model_dump(mode="json") for qid, q in fresh.items()}
    cat = warm(paths)
    assert {qid: r.question.model_dump(mode="json") for qid, r in cat.questions.items()} == dumps
    assert all(dump(r.question) == dump(fresh[qid]) for qid, r in cat.questions.items())
    cat = load_catalog(paths)
    assert {qid: r.question for qid, r in cat.questions.items()} == fresh  # through __eq__
    cat = load_catalog(paths)
    copies = {qid: r.question.model_copy(deep=True) for qid, r in cat.questions.items()}
    assert all(type(v) is not Deferred for q in copies.values() for v in q.__dict__.values())
    assert copies == fresh
    cat = load_catalog(paths)
    q, f = cat.question("lz-1").question, fresh["lz-1"]
    assert repr(q) == repr(f)
    assert q.model_dump_json() == f.model_dump_json()
    assert copy.copy(q) == f and dict(q)["examples"] == f.examples
    assert plain_without_none(load_catalog(paths).question("lz-1").question) == \
        plain_without_none(f)
    cat = load_catalog(paths)
    rub = merge_rubric(cat.question("lz-3").question, cat.rubrics)
    assert rub is not None and rub == merge_rubric(fresh["lz-3"], cat.rubrics)


def test_split_and_merge_give_the_data_back() -> None:
    cat = load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")], cache=False)
    assert len(cat.banks) > 10
    for lf in cat.banks:
        assert lf.bank is not None
        plain = dump(lf.bank)
        kept, parts = split(json.loads(json.dumps(plain)))
        assert parts is not None and len(parts) == len(plain["questions"])
        assert all(len(row) == len(PARTS) for row in parts)
        assert all(q.get("examples", []) == [] for q in kept["questions"])
        assert merge(kept, parts) == plain


def _cache_file(cache_dir: Path) -> Path:
    (found,) = cache_dir.glob("banks-*.json")
    return found


def _damage(cache_file: Path, name: str, new: bytes | None = None, span: Any = None) -> None:
    """Change one bank's deferred parts in place: the same size unless ``new`` is given
    (then the manifest's span and SHA-256 are made to match it), or its span."""
    head, _, data = cache_file.read_bytes().partition(b"\n")
    manifest = json.loads(head)
    entry = manifest["files"][name]
    start, end, _ = entry["deferred"]
    if span is not None:
        entry["deferred"], new = span, data[start:end]
    elif new is None:
        part = data[start:end]
        new = part.replace(b"noise", b"NOISE")
        assert new != part
    else:
        entry["deferred"] = [start, start + len(new), hashlib.sha256(new).hexdigest()]
    assert new is not None
    st = cache_file.stat()
    cache_file.write_bytes(json.dumps(manifest).encode() + b"\n" + data[:start] + new)
    if len(new) == end - start:
        os.utime(cache_file, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("kind", ["bytes", "invalid", "span"])
def test_a_damaged_part_is_read_from_the_bank_file(paths: list[Path], cache_dir: Path,
                                                   kind: str) -> None:
    fresh = load_catalog(paths, cache=False).question("lz-1").question
    load_catalog(paths)
    cache_file = _cache_file(cache_dir)
    name = str(paths[-1] / "a.yaml")
    if kind == "bytes":  # its SHA-256 no longer matches
        _damage(cache_file, name)
    elif kind == "span":  # a manifest entry of another shape
        _damage(cache_file, name, span=[0, "x"])
    else:  # a matching SHA-256, but data no model accepts
        _damage(cache_file, name, b'[[[{"answer":5}],null,null,null],[null,null,null,null],'
                                  b'[null,null,null,null],[null,null,null,null]]')
    cat = load_catalog(paths)
    q = cat.question("lz-1").question
    assert type(q.__dict__["examples"]) is Deferred
    assert walk(q) == walk(fresh)  # parsed again from the YAML, not crashed on
    assert not cache_file.exists()  # the damaged cache is dropped, and written again:
    assert walk(load_catalog(paths).question("lz-1").question) == walk(fresh)
    assert walk(load_catalog(paths).question("lz-1").question) == walk(fresh)
    assert cache_file.exists()


def test_a_replaced_cache_file_is_neither_read_nor_removed(paths: list[Path],
                                                          cache_dir: Path) -> None:
    fresh = load_catalog(paths, cache=False).question("lz-1").question
    cat = warm(paths)
    (paths[-1] / "b.yaml").write_text(BANK.replace("lazy-a", "lazy-b").replace("lz-", "lb-"),
                                      encoding="utf-8")
    load_catalog(paths)  # another load writes the cache file again, in another layout
    cache_file = _cache_file(cache_dir)
    before = cache_file.read_bytes()
    assert walk(cat.question("lz-1").question) == walk(fresh)
    assert cache_file.read_bytes() == before


def test_a_question_gone_from_its_file_meanwhile_gives_empty_parts(paths: list[Path],
                                                                   cache_dir: Path) -> None:
    cat = warm(paths)
    _cache_file(cache_dir).unlink()
    (paths[-1] / "a.yaml").write_text(BANK.replace("id: lz-1", "id: lz-9"), encoding="utf-8")
    q = cat.question("lz-1").question
    assert q.examples == [] and q.rubric is not None and q.rubric.criteria == []
    assert cat.question("lz-2").question.examples == []  # never set: the default


def test_a_changed_file_keeps_the_others_parts(paths: list[Path], cache_dir: Path) -> None:
    (paths[-1] / "c.yaml").write_text(BANK.replace("lazy-a", "lazy-c").replace("lz-", "lc-"),
                                      encoding="utf-8")
    load_catalog(paths)
    other = "lc-1"
    (paths[-1] / "a.yaml").write_text(BANK.replace("Nothing.", "Nothing at all."),
                                      encoding="utf-8")
    fresh = load_catalog(paths, cache=False)
    changed = load_catalog(paths)  # the other files come from the cache, validated again
    assert changed.question("lz-1").question.examples[1].answer == "Nothing at all."
    assert walk(changed.question(other).question) == walk(fresh.question(other).question)
    again = load_catalog(paths)  # and their parts were written again as they were
    for qid, ref in again.questions.items():
        assert walk(ref.question) == walk(fresh.questions[qid].question), qid


def test_grading_one_question_gets_its_parts(paths: list[Path], cache_dir: Path) -> None:
    fresh = load_catalog(paths, cache=False).question("lz-1").question
    load_catalog(paths)
    part = load_for_question(paths, "lz-1")
    assert part is not None and walk(part.question("lz-1").question) == walk(fresh)
    _damage(_cache_file(cache_dir), str(paths[-1] / "a.yaml"))
    assert load_for_question(paths, "lz-1") is None  # the caller loads the whole catalog

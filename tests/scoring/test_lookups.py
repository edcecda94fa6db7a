"""The per-rubric memo of table lookups (scoring/lookups.py) compiles the same rubric."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interview.banks import load_catalog
from interview.paths import shipped_dir
from interview.scoring import derive_rubric, rubric_for
from interview.scoring.lookups import Lookups, memo_file, read, write
from interview.scoring.matcher import _compile_with, compile_rubric, rubric_key
from interview.scoring.params import DEFAULT_PARAMS
from interview.scoring.phrases import CompiledRubric, Group


def group_shape(g: Group) -> Any:
    return ([tuple((name, getattr(p, name)) for name in p.__slots__)  # type: ignore[attr-defined]
             for p in g.phrases], g.anchors, g.by_word)


def shape(c: CompiledRubric) -> Any:
    """Everything a compiled rubric holds, as comparable values."""
    return (
        [group_shape(g) for g in c.criteria],
        [group_shape(g) for g in c.red_flags],
        [[(group_shape(r.subject), group_shape(r.object), group_shape(r.swapped)) for r in rels]
         for rels in c.relations],
        [(w, v.cue, v.cutoff, v.synonyms) for w, v in c.vocab.items()],
        c.by_stem, c.cue_words, [(w, v.cutoff, v.synonyms) for w, v in c.own_words],
        c.typos.head, c.typos.mid, c.wanted_stems,
    )


def rubrics() -> list[Any]:
    """Every seventh shipped question's rubric (each round, shared rubrics, relations and red
    flags among them; all 211 took 30 s of CPU) and an auto-rubric."""
    cat = load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")])
    refs = [cat.questions[qid] for qid in sorted(cat.questions)][::7]
    out = [rubric_for(ref.question, cat) for ref in refs]
    out.append(derive_rubric("Dropout randomly zeroes activations during training, so the "
                             "network cannot rely on any one unit; at test time it is off.",
                             prompt="What does dropout do?"))
    return out


def test_a_memo_gives_the_same_compiled_rubric(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = rubrics()  # from the run's bank cache; the memos go to a cache of their own
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(tmp_path / "cache"))
    checked = 0
    for rubric in shipped:
        key = rubric_key(rubric)
        live = Lookups()
        expected = shape(_compile_with(key, DEFAULT_PARAMS, live))
        file = memo_file(key)
        write(file, live)
        memo = read(file)
        again = _compile_with(key, DEFAULT_PARAMS, memo)
        assert not memo.missed  # every lookup came from the memo
        assert shape(again) == expected
        checked += 1
    assert checked > 30
    assert len(list((tmp_path / "cache" / "rubric-lookups").glob("*.json"))) > 25


def test_compile_rubric_writes_the_memo_once(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(tmp_path / "cache"))
    rubric = derive_rubric("Gradient clipping caps the norm of the gradient to stop "
                           "exploding updates in recurrent networks.")
    compiled = compile_rubric(rubric)
    file = memo_file(rubric_key(rubric))
    assert file is not None and file.exists()
    data = json.loads(file.read_text(encoding="utf-8"))  # plain JSON
    assert set(data) == {"stamp", "variants", "synonyms"}
    assert shape(_compile_with(rubric_key(rubric), DEFAULT_PARAMS, read(file))) == shape(compiled)


@pytest.mark.parametrize("content", [b"\x80garbage", b'{"stamp": "old", "variants": {}, '
                                     b'"synonyms": {}}', b"[1, 2]", b'{"stamp": null}'])
def test_a_stale_or_damaged_memo_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            content: bytes) -> None:
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(tmp_path / "cache"))
    rubric = derive_rubric("Batch normalization normalizes activations per mini-batch.")
    file = memo_file(rubric_key(rubric))
    assert file is not None
    file.parent.mkdir(parents=True)
    file.write_bytes(content)
    memo = read(file)
    assert not memo.variants_memo and not memo.synonyms_memo


def test_a_memo_of_the_wrong_types_is_ignored(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from interview.scoring.lookups import stamp

    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(tmp_path / "cache"))
    file = tmp_path / "memo.json"
    file.write_text(json.dumps({"stamp": stamp(), "variants": {"a": [1]}, "synonyms": {}}),
                    encoding="utf-8")
    assert not read(file).variants_memo


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", "off")
    rubric = derive_rubric("Layer normalization normalizes each example's features.")
    assert memo_file(rubric_key(rubric)) is None
    compile_rubric(rubric)
    assert not list(tmp_path.rglob("*.json"))

"""Models rebuilt from the bank cache without validation equal the validated ones."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from interview.banks import load_catalog
from interview.banks.catalog import load_for_question, merge_rubric
from interview.banks.loader import load_file
from interview.banks.models import (
    Bank,
    Criterion,
    CriterionOverride,
    EffectiveRubric,
    Question,
    SharedRubric,
)
from interview.banks.trusted import UntrustedData, build, dump, plain_without_none
from interview.paths import shipped_dir


def shipped_files() -> list[Path]:
    return sorted([*shipped_dir("question_banks").glob("*.yaml"),
                   *shipped_dir("rubrics").glob("*.yaml")])


def fields_sets(model: BaseModel) -> list[Any]:
    """Every nested model's set fields and field order, depth first."""
    out: list[Any] = [(type(model).__name__, sorted(model.model_fields_set), list(model.__dict__))]
    for value in model.__dict__.values():
        items = value if isinstance(value, list) else [value]
        out += [s for v in items if isinstance(v, BaseModel) for s in fields_sets(v)]
    return out


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
def test_a_rebuilt_shipped_file_equals_the_validated_one(path: Path) -> None:
    lf = load_file(path)
    model = lf.bank if lf.kind == "bank" else lf.rubric
    assert model is not None and not lf.errors
    data = json.loads(json.dumps(dump(model)))  # as the cache stores it
    rebuilt = build(type(model), data)
    assert rebuilt == model
    assert rebuilt.model_dump() == model.model_dump()
    assert fields_sets(rebuilt) == fields_sets(model)
    # and the stored data validates to the same model (a whole catalog validates it again)
    assert type(model).model_validate(data) == model


def test_defaults_are_filled_in_as_validation_fills_them() -> None:
    data = {"bank": "b", "round": "ml-theory", "questions": [
        {"id": "q", "prompt": "p", "model_answer": "m", "examples": [{"answer": "a"}]}]}
    validated = Bank.model_validate(data)
    rebuilt = build(Bank, json.loads(json.dumps(dump(validated))))
    assert rebuilt == validated
    assert fields_sets(rebuilt) == fields_sets(validated)
    # mutable defaults are fresh objects, as validation makes them
    assert rebuilt.questions[0].tags == [] and rebuilt.questions[0].tags is not validated.questions[0].tags


@pytest.mark.parametrize("data", [
    [],
    {"bank": "b", "round": "ml-theory", "no_such_field": 1},
    {"bank": "b", "round": "ml-theory", "questions": {"id": "q"}},
    {"bank": "b", "round": "ml-theory", "questions": ["not a mapping"]},
    {"round": "ml-theory"},  # a required field missing
])
def test_data_of_another_shape_is_refused(data: Any) -> None:
    with pytest.raises(UntrustedData):
        build(Bank, data)


def test_plain_without_none_is_model_dump_without_none() -> None:
    overrides = [ov for path in shipped_files() if (lf := load_file(path)).bank is not None
                 for q in lf.bank.questions if q.rubric is not None for ov in q.rubric.criteria]
    overrides.append(CriterionOverride.model_validate({
        "id": "c", "keywords": ["l1"], "relations": [{"subject": ["l1"], "object": ["zeros"],
                                                        "swapped": ["l2"], "note": " x "}]}))
    assert len(overrides) > 100
    for ov in overrides:
        assert plain_without_none(ov) == ov.model_dump(exclude_none=True)
        if ov.keywords:
            given = ov.model_dump(exclude_none=True)
            assert build(Criterion, plain_without_none(ov)) == Criterion.model_validate(given)


def validated_merge(question: Question, rubrics: dict[str, SharedRubric]
                    ) -> EffectiveRubric | None:
    """merge_rubric as it was written before it skipped validation."""
    rub = question.rubric
    if rub is None or (not rub.criteria and not rub.extends and not rub.red_flags):
        return None
    criteria: list[Criterion] = []
    red_flags = []
    if rub.extends and (base := rubrics.get(rub.extends)) is not None:
        criteria = [c.model_copy(deep=True) for c in base.criteria]
        red_flags = [r.model_copy(deep=True) for r in base.red_flags]
    index = {c.id: i for i, c in enumerate(criteria)}
    for ov in rub.criteria:
        given = ov.model_dump(exclude_none=True)
        if ov.id in index:
            criteria[index[ov.id]] = criteria[index[ov.id]].model_copy(update=given)
        elif ov.keywords:
            criteria.append(Criterion.model_validate(given))
            index[ov.id] = len(criteria) - 1
    red_flags.extend(r.model_copy(deep=True) for r in rub.red_flags)
    if not criteria:
        return None
    return EffectiveRubric(criteria=criteria, red_flags=red_flags,
                           source="extends" if rub.extends else "inline", extends=rub.extends)


def test_merged_rubrics_equal_the_validated_merge() -> None:
    # The run's bank cache: a full catalog load validates every entry it reads.
    cat = load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")])
    merged = 0
    for ref in cat.questions.values():
        rubric = merge_rubric(ref.question, cat.rubrics)
        expected = validated_merge(ref.question, cat.rubrics)
        assert rubric == expected
        if rubric is not None and expected is not None:
            merged += 1
            assert fields_sets(rubric) == fields_sets(expected)
    assert merged > 100


QUESTION = textwrap.dedent("""\
    bank: trusted-a
    round: ml-theory
    questions:
      - id: tr-1
        prompt: What is overfitting?
        rubric:
          criteria:
            - id: noise
              keywords: [fits the noise]
    """)


def test_a_damaged_or_edited_entry_is_not_trusted(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(cache))
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "a.yaml").write_text(QUESTION, encoding="utf-8")
    paths = [tmp_path / "banks"]
    fresh = load_catalog(paths, cache=False).question("tr-1").question
    load_catalog(paths)  # fills the cache
    part = load_for_question(paths, "tr-1")
    assert part is not None and part.question("tr-1").question == fresh
    (cache_file,) = cache.glob("banks-*.json")
    good = cache_file.read_bytes()
    # edited data: its SHA-256 no longer matches the manifest
    cache_file.write_bytes(good.replace(b'"ml-theory"', b'"no-such-round"'))
    assert load_for_question(paths, "tr-1") is None
    # a matching SHA-256 but data of another shape
    head, _, data = good.partition(b"\n")
    manifest = json.loads(head)
    entry = manifest["files"][str(tmp_path / "banks" / "a.yaml")]
    start, end = entry["span"]
    bad = data[start:end].replace(b'"bank":', b'"bnak":')
    import hashlib

    entry["digest"] = hashlib.sha256(bad).hexdigest()
    cache_file.write_bytes(json.dumps(manifest).encode() + b"\n" + data[:start] + bad + data[end:])
    assert load_for_question(paths, "tr-1") is None
    # the whole catalog still loads, validated, as a fresh parse
    assert load_catalog(paths).question("tr-1").question == fresh


def test_shared_rubrics_rebuild_too() -> None:
    lf = load_file(shipped_dir("rubrics") / "star.yaml")
    assert lf.rubric is not None
    assert build(SharedRubric, json.loads(json.dumps(dump(lf.rubric)))) == lf.rubric


def test_grading_one_question_builds_no_bank_validator(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """What makes `interview score` start fast: its question and rubric come from the cache
    without building any bank model's pydantic validator (they are built on first use)."""
    import subprocess
    import sys

    monkeypatch.setenv("INTERVIEW_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "a.yaml").write_text(QUESTION, encoding="utf-8")
    paths = [shipped_dir("rubrics"), tmp_path / "banks"]
    load_catalog(paths)  # fills the cache
    code = ("import sys; from pathlib import Path\n"
            "from interview.banks.catalog import load_for_question, merge_rubric\n"
            "from interview.banks import models\n"
            f"cat = load_for_question([Path(p) for p in {[str(p) for p in paths]!r}], 'tr-1')\n"
            "assert cat is not None\n"
            "rubric = merge_rubric(cat.question('tr-1').question, cat.rubrics)\n"
            "assert rubric is not None and rubric.criteria[0].id == 'noise'\n"
            "built = [n for n in dir(models) if isinstance(getattr(models, n), type)\n"
            "         and issubclass(getattr(models, n), models.BaseModel)\n"
            "         and getattr(models, n).__pydantic_complete__]\n"
            "print(built)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"

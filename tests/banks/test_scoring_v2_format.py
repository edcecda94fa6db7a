"""Bank-format additions of scoring v2: criterion kind, relations, example source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from interview.banks import Criterion, Example, Relation

DOCS = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


def test_relation_needs_subject_and_object() -> None:
    with pytest.raises(ValidationError):
        Relation(subject=[], object=["exact zeros"])
    with pytest.raises(ValidationError):
        Relation(subject=["l1"], object=["exact zeros"], polarity="sideways")  # type: ignore[arg-type]
    r = Relation(subject=["bias"], object=["capacity"], direction="inverse")
    assert r.polarity == "positive" and r.penalty == 10


def test_criterion_kind_is_checked() -> None:
    assert Criterion(id="a", keywords=["x"]).kind == "concept"
    with pytest.raises(ValidationError):
        Criterion(id="a", keywords=["x"], kind="story")  # type: ignore[arg-type]


def test_example_source_defaults_to_authored() -> None:
    assert Example(answer="x").source == "authored"
    assert Example(answer="x", source="blind").source == "blind"
    with pytest.raises(ValidationError):
        Example(answer="x", source="web")  # type: ignore[arg-type]


def test_the_worked_relations_example_in_the_docs_validates() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("### Claims with direction"):]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block
    items = yaml.safe_load(block.group(1))
    crits = [Criterion.model_validate(it) for it in items]
    assert {c.relations[0].direction for c in crits} == {None, "inverse"}


BANK = """\
bank: fixture-blind
round: ml-theory
questions:
  - id: q-blind
    prompt: What does dropout do?
    rubric:
      criteria:
        - id: mech
          keywords: [randomly drop units]
    examples:
      - answer: Dropout randomly drops units during training.
        expect: {min: 75, max: 100}
      - answer: It makes the model bigger.
        expect: {min: 80, max: 100}
        source: blind
"""


def test_bank_test_reports_sources_separately_and_fails_on_blind(tmp_path: Path,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from interview.cli import cli

    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(tmp_path / "data"))
    bank = tmp_path / "ml-theory-blind.yaml"
    bank.write_text(BANK, encoding="utf-8")
    result = CliRunner().invoke(cli, ["bank", "test", str(bank)], catch_exceptions=False)
    out = result.stdout + result.stderr
    assert result.exit_code == 1
    assert "authored: 1 examples, 1 in band, 0 out of band" in out
    assert "blind: 1 examples, 0 in band, 1 out of band" in out
    assert "[blind]" in out


def test_a_known_gap_is_listed_with_its_reason_not_failed(tmp_path: Path,
                                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from interview.cli import cli

    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(tmp_path / "data"))
    bank = tmp_path / "ml-theory-gap.yaml"
    bank.write_text(BANK + "        known_gap: the scorer cannot see size claims\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["bank", "test", str(bank)], catch_exceptions=False)
    out = result.stdout + result.stderr
    assert result.exit_code == 0, out
    assert "blind: 1 examples, 0 in band, 0 out of band, 1 known gaps" in out
    assert ("known gap: q-blind example 2: still out of band" in out
            and "the scorer cannot see size claims" in out)

"""Merging shared rubrics, search paths and question lookup."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interview.banks import load_catalog
from interview.config import Settings
from interview.paths import shipped_dir

BANK = textwrap.dedent("""\
    bank: stories
    round: behavioral
    questions:
      - id: s1
        prompt: Tell me about a time you missed a deadline.
        rubric:
          extends: star
          criteria:
            - id: result
              weight: 5
              probe: What happened to the deadline in the end?
            - id: communication
              label: Told stakeholders early
              keywords: [told my manager, flagged it early, warned the team]
          red_flags:
            - keywords: [nobody noticed]
              penalty: 5
              note: Hiding a slip is worse than the slip.
        examples:
          - answer: I told my manager early.
            expect: {min: 0, max: 60}
    """)


def test_extends_merges_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(BANK, encoding="utf-8")
    cat = load_catalog([shipped_dir("rubrics"), tmp_path])
    assert cat.errors == []
    rub = cat.effective_rubric(cat.question("s1").question)
    assert rub is not None and rub.source == "extends" and rub.extends == "star"
    ids = [c.id for c in rub.criteria]
    assert ids == ["situation", "task", "action", "result", "reflection", "communication"]
    result = next(c for c in rub.criteria if c.id == "result")
    assert result.weight == 5 and result.probe == "What happened to the deadline in the end?"
    assert result.keywords  # inherited from star
    assert any(r.note == "Hiding a slip is worse than the slip." for r in rub.red_flags)
    assert any(r.id == "blames-others" for r in rub.red_flags)


def test_an_override_can_add_relations_to_an_inherited_criterion(tmp_path: Path) -> None:
    from interview.banks.models import Relation
    from interview.scoring import score_answer

    probe = "          probe: What happened to the deadline in the end?\n"
    assert probe in BANK
    text = BANK.replace(probe, probe + (
        "          relations:\n"
        "            - subject: [the deadline]\n"
        "              object: [moved, slipped]\n"
        "              swapped: [the scope]\n"
        "              penalty: 10\n"
        "              note: The deadline moved; the scope stayed.\n"))
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    cat = load_catalog([shipped_dir("rubrics"), tmp_path])
    assert cat.errors == []
    rub = cat.effective_rubric(cat.question("s1").question)
    assert rub is not None
    result = next(c for c in rub.criteria if c.id == "result")
    assert [type(r) for r in result.relations] == [Relation]
    assert result.keywords and result.weight == 5  # the rest still inherited / overridden
    report = score_answer("I told my manager early and the deadline moved by a week.", rub)
    assert 0 <= report.score <= 100


def test_new_criterion_without_keywords_is_an_error(tmp_path: Path) -> None:
    text = BANK.replace("keywords: [told my manager, flagged it early, warned the team]", "weight: 1")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    cat = load_catalog([shipped_dir("rubrics"), tmp_path])
    assert [f"{d.line}:{d.col}: {d.message}" for d in cat.errors] == [
        "12:11: criterion 'communication' is not in rubric 'star' and needs keywords"]


def test_time_limit_falls_back_to_round_default(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(BANK, encoding="utf-8")
    cat = load_catalog([shipped_dir("rubrics"), tmp_path])
    assert cat.question("s1").time_limit == 420
    with pytest.raises(KeyError):
        cat.question("nope")


def test_search_path_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_dir = tmp_path / "env-banks"
    cli_dir = tmp_path / "cli-banks"
    monkeypatch.setenv("INTERVIEW_BANKS", str(env_dir))
    s = Settings.build(data_dir=tmp_path / "d", banks=[str(cli_dir)])
    assert s.bank_dirs[:2] == (shipped_dir("rubrics"), shipped_dir("question_banks"))
    assert s.bank_dirs[2:] == (env_dir, cli_dir, tmp_path / "d" / "banks")
    assert s.database_url == f"sqlite:///{tmp_path / 'd' / 'history.db'}"


def test_data_dir_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from interview import paths

    assert paths.data_dir(tmp_path / "x") == tmp_path / "x"
    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    monkeypatch.delenv("INTERVIEW_DATA_DIR")
    root = paths.checkout_root()
    if root is not None:  # running from a checkout: sessions/
        assert paths.data_dir() == root / "sessions"
    monkeypatch.setattr(paths, "checkout_root", lambda: None)
    assert paths.data_dir() == tmp_path / "xdg-data" / "interview"

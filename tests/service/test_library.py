"""The library service: banks (broken ones included), previews, the rubric lab, UI choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.config import Settings
from interview.service import Service
from interview.service.library import (
    UiPrefs,
    bank_options,
    list_banks,
    load_prefs,
    question_preview,
    save_prefs,
    score_sample,
)

FIXTURES = Path(__file__).parents[1] / "tui" / "fixtures" / "banks"


@pytest.fixture
def service(data_dir: Path) -> Service:
    return Service(Settings.build(data_dir=data_dir, banks=[str(FIXTURES)], shipped_banks=False))


def test_list_banks_keeps_broken_files_with_their_errors(service: Service) -> None:
    entries = {e.path.name: e for e in list_banks(service)}
    broken = entries["broken.yaml"]
    assert not broken.ok and broken.questions == ()
    assert any("modle_answer" in e and "broken.yaml:" in e for e in broken.errors)
    ml = entries["tui-ml-theory.yaml"]
    assert ml.ok and ml.round == "ml-theory" and ml.round_title == "ML theory"
    assert [q.id for q in ml.questions] == ["mlt-tui-overfit", "mlt-tui-leakage"]
    assert ml.questions[0].title.startswith("How can you tell that a model is")


def test_bank_options(service: Service) -> None:
    options = bank_options(service)
    assert ("tui-coding", "TUI fixture: coding", "coding-screen") in options.banks
    assert options.questions_per_round == {"ml-theory": 2, "coding-screen": 1}
    assert "generalisation" in options.tags and options.broken == 1


def test_preview_has_the_effective_rubric(service: Service) -> None:
    p = question_preview(service, "mlt-tui-leakage")
    assert p.rubric_source == "inline"
    assert [c.id for c in p.criteria] == ["definition", "split-first"]
    assert p.criteria[1].required and p.criteria[1].probe
    coding = question_preview(service, "cs-tui-double")
    assert (coding.tests_visible, coding.tests_hidden) == (2, 1)
    with pytest.raises(KeyError):
        question_preview(service, "no-such-question")


def test_score_sample_matches_phrases_with_spans(service: Service) -> None:
    answer = "Validation error rises while training error falls; add dropout."
    report = score_sample(service, "mlt-tui-overfit", answer)
    hits = {c.id: c for c in report.criteria if c.status == "hit"}
    assert set(hits) == {"gap", "regularise"}
    m = hits["regularise"].matches[0]
    assert answer[m.start:m.end].lower() == "dropout"


def test_prefs_round_trip(data_dir: Path) -> None:
    settings = Settings.build(data_dir=data_dir / "fresh")
    assert load_prefs(settings) == UiPrefs()  # no file yet
    save_prefs(settings, UiPrefs(round="system-design", tags="ranking", n=4, theme="nord"))
    prefs = load_prefs(settings)
    assert (prefs.round, prefs.tags, prefs.n, prefs.theme) == ("system-design", "ranking", 4,
                                                                "nord")
    (settings.data_dir / "tui-settings.json").write_text('{"n": "many", "mode": 3}')
    assert load_prefs(settings) == UiPrefs()  # wrong types fall back to defaults


def test_the_lab_says_when_code_tests_were_not_run(service: Service) -> None:
    from interview.service.library import LAB_NOTICE

    coding = score_sample(service, "cs-tui-double", "def double(x):\n    return x * 2\n")
    assert coding.tests is None and LAB_NOTICE in coding.notices
    theory = score_sample(service, "mlt-tui-overfit", "dropout")
    assert LAB_NOTICE not in theory.notices


def test_the_library_api_scores_through_the_grader(service: Service) -> None:
    from interview.service.library_api import Library, UnknownQuestionError

    lib = Library(service)
    report = lib.score("cs-tui-double", "def double(x):\n    return x * 2\n")
    assert report.tests is not None and report.tests.passed == report.tests.total > 0
    with pytest.raises(UnknownQuestionError, match="did you mean mlt-tui-overfit"):
        lib.find("mlt-tui-overfi")
    assert lib.validate().errors >= 1  # broken.yaml
    run = lib.test_examples()
    assert run.results and all(r.report is not None for r in run.results)

"""The shipped question library: counts per round, a difficulty mix, and complete questions."""

from __future__ import annotations

from collections import Counter

import pytest

from interview.banks import Catalog, QuestionRef, load_catalog
from interview.paths import shipped_dir

MINIMUM = {"coding-screen": 45, "ml-theory": 82, "system-design": 35, "behavioral": 32,
           "portfolio": 17}
TOTAL = 210


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")])


def test_shipped_banks_have_no_errors_or_warnings(catalog: Catalog) -> None:
    assert [str(d) for d in catalog.diagnostics] == []


@pytest.mark.parametrize("round_", sorted(MINIMUM))
def test_round_counts_and_difficulty_mix(catalog: Catalog, round_: str) -> None:
    refs = catalog.by_round(round_)
    assert len(refs) >= MINIMUM[round_], f"{round_}: {len(refs)} < {MINIMUM[round_]}"
    mix = Counter(r.question.difficulty for r in refs)
    for level in ("easy", "medium", "hard"):
        share = mix[level] / len(refs)
        assert 0.2 <= share <= 0.47, f"{round_}: {level} is {share:.0%} of questions ({mix})"


def _problems(catalog: Catalog, ref: QuestionRef) -> list[str]:
    q = ref.question
    out = []
    for name in ("difficulty", "time_limit"):
        if name not in q.model_fields_set:
            out.append(f"no {name}")
    if not q.tags:
        out.append("no tags")
    if not (q.model_answer and len(q.model_answer.split()) >= 25):
        out.append("no model answer (25+ words)")
    if not q.hints:
        out.append("no hint")
    rub = catalog.effective_rubric(q)
    if rub is None:
        out.append("no rubric")
        return out
    if len(rub.criteria) < 4:
        out.append(f"only {len(rub.criteria)} criteria")
    own = q.rubric.criteria if q.rubric else []
    if rub.source == "extends" and not [c for c in own if c.keywords]:
        out.append("extends a shared rubric but adds no question-specific criterion")
    for c in rub.criteria:
        if len(c.keywords) < 2:
            out.append(f"criterion {c.id}: fewer than 2 alternatives")
        if not c.probe:
            out.append(f"criterion {c.id}: no probe")
    if not (q.rubric and q.rubric.red_flags):
        out.append("no red flag of its own")
    for r in rub.red_flags:
        if not r.note:
            out.append("red flag without a note")
    ex = q.examples
    authored = [e for e in ex if e.source == "authored"]
    blind = [e for e in ex if e.source == "blind"]
    if len(authored) < 3:
        out.append(f"only {len(authored)} authored examples")
    if len(blind) < 2 or not any(e.expect.min >= 70 for e in blind):
        out.append("fewer than 2 blind examples, or none strong")
    required = [c.id for c in rub.criteria if c.required]
    if len(required) > 2:
        out.append(f"{len(required)} required criteria (at most 2)")
    if not any(e.expect.min >= 70 for e in ex):
        out.append("no strong example (min >= 70)")
    if not any(e.expect.max <= 35 for e in ex):
        out.append("no weak example (max <= 35)")
    if not any(e.expect.min < 70 and e.expect.max > 35 for e in ex):
        out.append("no partial example (a middle band)")
    return out


def test_every_question_is_complete(catalog: Catalog) -> None:
    bad = {}
    for qid, ref in sorted(catalog.questions.items()):
        problems = _problems(catalog, ref)
        if problems:
            bad[qid] = problems
    assert bad == {}


def test_question_ids_follow_round_prefixes(catalog: Catalog) -> None:
    prefix = {"coding-screen": "cs-", "ml-theory": "mlt-", "system-design": "sd-",
              "behavioral": "beh-", "portfolio": "pf-"}
    wrong = [qid for qid, ref in catalog.questions.items() if not qid.startswith(prefix[ref.round])]
    assert wrong == []


def test_library_v2_counts_and_topics(catalog: Catalog) -> None:
    refs = list(catalog.questions.values())
    assert len(refs) >= TOTAL
    llm = [r for r in refs if "llm" in r.question.tags]
    assert len(llm) >= 20 and {"ml-theory", "system-design", "coding-screen"} <= {
        r.round for r in llm}
    sql = [r for r in refs if "sql" in r.question.tags]
    assert len(sql) >= 8 and all(r.round == "coding-screen" and r.question.language == "sql"
                                 and r.question.runs_tests for r in sql)
    stats = [r for r in refs if "statistics" in r.question.tags and r.round == "ml-theory"]
    assert len(stats) >= 10


def test_cli_validate_strict_and_bank_list_on_the_shipped_library() -> None:
    """Run the way an author would. (`interview bank test`, which also runs every coding
    example's code tests, is its own step in .ci/run: it takes about a minute.)"""
    import json

    from click.testing import CliRunner

    from interview.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["bank", "validate", "--strict"])
    assert result.exit_code == 0, result.output
    listing = json.loads(runner.invoke(cli, ["bank", "list", "--json"]).output)
    per_round: dict[str, int] = {}
    for row in listing:
        assert row["ok"], row
        per_round[row["round"]] = per_round.get(row["round"], 0) + row["questions"]
    assert all(per_round.get(r, 0) >= n for r, n in MINIMUM.items()), per_round

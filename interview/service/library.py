"""Banks, question previews and the rubric lab, as plain objects (the remembered UI choices
live in ``prefs`` and are re-exported here).

What the TUI's Banks screen, rubric lab and start form call. Nothing here imports a UI;
heavy modules (pydantic models, scoring) load on first use, not when this module loads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..banks.summary import QuestionSummary as QuestionEntry
from .prefs import PREFS_FILE, UiPrefs, load_prefs, save_prefs

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..banks import Catalog, EffectiveRubric
    from ..banks.summary import FileSummary
    from ..scoring.report import ScoreReport
    from .app import Service

__all__ = [
    "PREFS_FILE",
    "BankEntry",
    "BankOptions",
    "CriterionView",
    "ExampleView",
    "QuestionEntry",
    "QuestionPreview",
    "RedFlagView",
    "UiPrefs",
    "bank_entries",
    "bank_options",
    "list_banks",
    "load_prefs",
    "preview_in",
    "question_preview",
    "save_prefs",
    "score_sample",
]

# --------------------------------------------------------------------------- banks


@dataclass(frozen=True)
class BankEntry:
    """One file on the bank path: a bank, a shared rubric, or a broken file with its errors."""

    id: str
    title: str
    kind: str
    """``bank``, ``rubric`` or ``unknown`` (unreadable)."""
    round: str | None
    round_title: str
    path: Path
    ok: bool
    errors: tuple[str, ...]
    """``FILE:LINE:COL: message`` lines."""
    warnings: tuple[str, ...]
    questions: tuple[QuestionEntry, ...] = ()


def _display_path(path: Path) -> Path:
    try:
        rel = Path(os.path.relpath(path))
    except ValueError:
        return path
    return path if str(rel).startswith("..") else rel


def list_banks(service: Service, *, reload: bool = False) -> list[BankEntry]:
    """Every bank and rubric file found, broken ones included with their errors.

    ``reload`` re-reads the files from disk (after editing a bank).
    """
    from ..banks.summary import summarize

    return bank_entries(summarize(service.reload_catalog()) if reload
                        else service.bank_summaries())


def bank_entries(files: Sequence[FileSummary]) -> list[BankEntry]:
    """The files as entries: banks first, by round and id; broken files last."""
    from ..rounds import ROUND_TITLES

    out: list[BankEntry] = []
    for f in files:
        errors = tuple(d.format() for d in f.diagnostics if d.is_error)
        warnings = tuple(d.format() for d in f.diagnostics if not d.is_error)
        if not f.parsed:
            out.append(BankEntry(f.id, f.title, f.kind, None, "Unreadable", _display_path(f.path),
                                 False, errors or ("could not be read",), warnings))
        elif f.kind == "rubric":
            out.append(BankEntry(f.id, f.title, "rubric", None, "Shared rubric",
                                 _display_path(f.path), f.ok, errors, warnings))
        else:
            qs = f.questions
            round_ = f.round or ""
            out.append(BankEntry(f.id, f.title, "bank", f.round,
                                 ROUND_TITLES.get(round_, round_), _display_path(f.path), f.ok,
                                 errors, warnings, qs))
    order = {"bank": 0, "rubric": 1}
    out.sort(key=lambda b: (not b.ok, order.get(b.kind, 2), b.round or "", b.id))
    return out


@dataclass(frozen=True)
class BankOptions:
    """What the start-session form offers, from the loaded banks."""

    banks: tuple[tuple[str, str, str], ...]
    """(bank id, title, round) for every bank that loaded."""
    tags: tuple[str, ...]
    questions_per_round: dict[str, int] = field(default_factory=dict)
    broken: int = 0


def bank_options(service: Service) -> BankOptions:
    """From the bank listing (``Service.bank_summaries``): while no bank file has changed,
    that comes from the bank cache alone, without importing or validating the banks'
    models (0.2-0.4 s of CPU), so Home's form shows before the catalog is loaded."""
    files = service.bank_summaries()
    good = [f for f in files if f.kind == "bank" and f.ok and f.round is not None]
    banks = tuple(sorted(((f.id, f.title, f.round or "") for f in good),
                         key=lambda b: (b[2], b[0])))
    tags = sorted({t for f in good for q in f.questions for t in q.tags})
    per_round: dict[str, int] = {}
    for f in good:
        if f.round is not None and f.questions:
            per_round[f.round] = per_round.get(f.round, 0) + len(f.questions)
    broken = sum(1 for f in files if not f.ok)
    return BankOptions(banks, tuple(tags), per_round, broken)


# --------------------------------------------------------------------------- preview


@dataclass(frozen=True)
class CriterionView:
    id: str
    label: str
    weight: float
    keywords: tuple[str, ...]
    required: bool
    probe: str | None


@dataclass(frozen=True)
class RedFlagView:
    id: str | None
    keywords: tuple[str, ...]
    penalty: float
    note: str


@dataclass(frozen=True)
class ExampleView:
    label: str
    answer: str
    min: float
    max: float
    note: str


@dataclass(frozen=True)
class QuestionPreview:
    id: str
    bank: str
    bank_title: str
    round: str
    round_title: str
    path: Path
    prompt: str
    difficulty: str
    tags: tuple[str, ...]
    time_limit: int
    hints: tuple[str, ...]
    model_answer: str | None
    rubric_source: str
    """``inline``, ``extends`` or ``auto`` (derived from the model answer)."""
    extends: str | None
    criteria: tuple[CriterionView, ...]
    red_flags: tuple[RedFlagView, ...]
    examples: tuple[ExampleView, ...]
    tests_visible: int
    tests_hidden: int
    entrypoint: str | None
    starter_code: str | None


def question_preview(service: Service, qid: str) -> QuestionPreview:
    """A question with its effective rubric (merged with ``extends``, or auto-derived).

    Raises KeyError when no loaded bank has the question.
    """
    return preview_in(service.catalog(), qid)


def preview_in(cat: Catalog, qid: str) -> QuestionPreview:
    from ..banks import ROUND_TITLES
    from ..scoring import rubric_for

    ref = cat.question(qid)
    q = ref.question
    rub: EffectiveRubric = rubric_for(q, cat)
    return QuestionPreview(
        id=q.id, bank=ref.bank.bank, bank_title=ref.bank.display_title, round=ref.round,
        round_title=ROUND_TITLES.get(ref.round, ref.round), path=_display_path(ref.path),
        prompt=q.prompt, difficulty=q.difficulty, tags=tuple(q.tags), time_limit=ref.time_limit,
        hints=tuple(q.hints), model_answer=q.model_answer, rubric_source=rub.source,
        extends=rub.extends,
        criteria=tuple(CriterionView(c.id, c.display_label, c.weight, tuple(c.keywords),
                                     c.required, c.probe) for c in rub.criteria),
        red_flags=tuple(RedFlagView(r.id, tuple(r.keywords), r.penalty, r.note)
                        for r in rub.red_flags),
        examples=tuple(ExampleView(e.label, e.answer, e.expect.min, e.expect.max, e.note)
                       for e in q.examples),
        tests_visible=sum(1 for t in q.tests if not t.hidden),
        tests_hidden=sum(1 for t in q.tests if t.hidden),
        entrypoint=q.entrypoint, starter_code=q.starter_code,
    )


LAB_NOTICE = ("Code tests were not run here: the lab scores the rubric only; in an interview "
              "the tests' share is added.")


def score_sample(service: Service, qid: str, answer: str) -> ScoreReport:
    """Score a sample answer as the grader does (the rubric lab). The lab scores live, so a
    coding question's tests are not run, and the report says so."""
    grader = service.grader
    question = grader.plan(service.catalog(), qid)
    report = grader.grade(question, answer, tests="none")
    if question.question.runs_tests:
        report = report.model_copy(update={"notices": [*report.notices, LAB_NOTICE]})
    return report

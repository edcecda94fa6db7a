"""The question library as an API: what the CLI's ``bank`` and ``score`` commands call.

The CLI only formats what these methods return (sqlite-utils style). Every score goes
through the service's ``Grader``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import InterviewError

if TYPE_CHECKING:
    from ..banks import Catalog, QuestionRef
    from ..banks.loader import LoadedFile
    from ..scoring.calibrate import Calibration, ExampleResult, GradedAnswer
    from ..scoring.report import ScoreReport
    from .app import Service
    from .library import BankEntry, QuestionPreview


class UnknownQuestionError(InterviewError):
    """No loaded bank has that question (the message suggests close ids)."""

    def __init__(self, qid: str, did_you_mean: Sequence[str] = ()) -> None:
        hint = f" (did you mean {', '.join(did_you_mean)}?)" if did_you_mean else ""
        super().__init__(f"no question '{qid}'{hint}")
        self.did_you_mean = tuple(did_you_mean)


class MissingPathError(InterviewError):
    """A bank file or folder given on the command line does not exist."""


@dataclass(frozen=True)
class Validation:
    files: int
    questions: int
    diagnostics: tuple[str, ...]
    """``FILE:LINE:COL: [warning: ]message`` lines, sorted by file and position."""
    errors: int
    warnings: int

    def failed(self, *, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


@dataclass(frozen=True)
class BrokenFile:
    path: Path
    line: int | None
    message: str


@dataclass(frozen=True)
class ExampleRun:
    results: tuple[ExampleResult, ...]
    questions: int
    without_examples: int
    broken: tuple[BrokenFile, ...]

    @property
    def out_of_band(self) -> tuple[ExampleResult, ...]:
        return tuple(r for r in self.results if not r.ok)


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it, else as given."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


class Library:
    """The banks on the search path, plus ``extra`` files or folders."""

    def __init__(self, service: Service, extra: Sequence[str] = ()) -> None:
        missing = [p for p in extra if not os.path.exists(p)]
        if missing:
            raise MissingPathError(f"{missing[0]}: no such file or folder")
        self.service = service
        self.extra = tuple(extra)
        self._catalog: Catalog | None = None
        self._partial: dict[str, Catalog] = {}

    def catalog(self) -> Catalog:
        if not self.extra:
            return self.service.catalog()
        if self._catalog is None:
            from ..banks import load_catalog

            dirs = [*self.service.settings.bank_dirs, *map(Path, self.extra)]
            self._catalog = load_catalog(dirs)
        return self._catalog

    def _catalog_for(self, qid: str) -> Catalog:
        """Enough of the catalog to grade ``qid`` (Service.catalog_for)."""
        if self.extra:
            return self.catalog()
        cat = self._partial.get(qid)
        if cat is None:
            cat = self._partial[qid] = self.service.catalog_for(qid)
        return cat

    # -- lookups ---------------------------------------------------------------------------
    def find(self, qid: str) -> QuestionRef:
        try:
            return self._catalog_for(qid).question(qid)
        except KeyError:
            cat = self.catalog()
            import difflib  # only for the did-you-mean

            close = difflib.get_close_matches(qid, list(cat.questions), n=3, cutoff=0.5)
            raise UnknownQuestionError(qid, close) from None

    def files_under(self, paths: Sequence[str]) -> list[LoadedFile]:
        files = list(self.catalog().files)
        if not paths:
            return files
        roots = [Path(p).resolve() for p in paths]
        return [lf for lf in files if _under(lf.path, roots)]

    def questions_under(self, paths: Sequence[str]) -> list[QuestionRef]:
        refs = list(self.catalog().questions.values())
        if not paths:
            return refs
        roots = [Path(p).resolve() for p in paths]
        return [r for r in refs if _under(r.path, roots)]

    # -- the API ---------------------------------------------------------------------------
    def list_banks(self) -> list[BankEntry]:
        from .library import bank_entries

        if self.extra:
            from ..banks.summary import summarize

            return bank_entries(summarize(self.catalog()))
        return bank_entries(self.service.bank_summaries())

    def preview(self, qid: str) -> QuestionPreview:
        from .library import preview_in

        self.find(qid)
        return preview_in(self.catalog(), qid)

    def validate(self, paths: Sequence[str] = ()) -> Validation:
        files = self.files_under(paths)
        diags = sorted((d for lf in files for d in lf.diagnostics),
                       key=lambda d: (str(d.path), d.line, d.col))
        lines = tuple(f"{display_path(d.path)}:{d.line}:{d.col}: "
                      f"{'' if d.is_error else 'warning: '}{d.message}" for d in diags)
        errors = sum(1 for d in diags if d.is_error)
        return Validation(files=len(files),
                          questions=sum(len(lf.bank.questions) for lf in files if lf.bank),
                          diagnostics=lines, errors=errors, warnings=len(diags) - errors)

    def test_examples(self, paths: Sequence[str] = (), *, run_tests: bool = True,
                      workers: int = 4) -> ExampleRun:
        """Grade every example as an interview would and compare with its expected band.

        A coding question's examples that contain code also run the question's code tests
        (their share joins the score, so wrong code with a fluent explanation scores as it
        would in a session); prose-only examples calibrate the explanation rubric alone.
        ``run_tests=False`` grades every example on the rubric alone (a quick check). Code runs in
        separate processes, ``workers`` at a time."""
        from concurrent.futures import ThreadPoolExecutor

        from ..scoring.calibrate import ExampleResult

        cat = self.catalog()
        grader = self.service.grader
        refs = self.questions_under(paths)
        jobs = []
        for ref in refs:
            if not ref.question.examples:
                continue
            question = grader.plan(cat, ref.id)
            for i, ex in enumerate(ref.question.examples, 1):
                jobs.append((ref, question, i, ex))

        def grade(job: tuple[Any, ...]) -> ExampleResult:
            ref, question, i, ex = job
            report = grader.grade_written(question, ex.answer, run_tests=run_tests)
            return ExampleResult(ref.id, i, ex.label, ex.expect.min, ex.expect.max,
                                 report.score, ref.path, ex.source, ex.known_gap, report)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            results = list(pool.map(grade, jobs))
        roots = [Path(p).resolve() for p in paths]
        broken = tuple(
            BrokenFile(lf.path, lf.errors[0].line if lf.errors else None,
                       lf.errors[0].message if lf.errors else "does not load")
            for lf in cat.broken if not roots or _under(lf.path, roots))
        return ExampleRun(tuple(results), len(refs),
                          sum(1 for r in refs if not r.question.examples), broken)

    def score(self, qid: str, answer: str) -> ScoreReport:
        """Grade an answer as an interview would: rubric, plus every code test."""
        ref = self.find(qid)
        grader = self.service.grader
        return grader.grade(grader.plan(self._catalog_for(qid), ref.id), answer, tests="all")

    def calibrate(self, path: str, rows: list[GradedAnswer], *, workers: int = 4) -> Calibration:
        """Agreement of the grader's scores with human grades, graded as an interview does
        (a coding answer with code also runs the question's tests, as in ``test_examples``)."""
        from concurrent.futures import ThreadPoolExecutor

        from ..scoring.calibrate import calibrate

        cat = self.catalog()
        only = {r.id for r in self.questions_under([path])}
        grader = self.service.grader

        def grade(row: GradedAnswer) -> float | None:
            if row.question not in only or row.question not in cat.questions:
                return None
            return grader.grade_written(grader.plan(cat, row.question), row.answer).score

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            scores = dict(zip((r.line for r in rows), pool.map(grade, rows), strict=True))
        return calibrate(cat, rows, only, score_fn=lambda row: scores[row.line] or 0.0)


def _under(path: Path, roots: Sequence[Path]) -> bool:
    rp = path.resolve()
    return any(rp == r or r in rp.parents for r in roots)

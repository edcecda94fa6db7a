"""Calibration: how well the scorer agrees with human grades, and checks of bank examples."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..banks import Catalog, QuestionRef
from .report import ScoreReport
from .rubric import score_question
from .stats import mean, pearson, spearman


class GradedFileError(ValueError):
    """A problem in a graded-answers file, with FILE:LINE in the message."""


@dataclass
class GradedAnswer:
    question: str
    answer: str
    grade: float
    line: int


def read_graded(path: Path) -> list[GradedAnswer]:
    """Read ``{"question": ID, "answer": TEXT, "grade": NUMBER}`` lines (blank lines skipped)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise GradedFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    rows: list[GradedAnswer] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GradedFileError(f"{path}:{n}: not valid JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise GradedFileError(f"{path}:{n}: expected an object with question, answer, grade")
        missing = [k for k in ("question", "answer", "grade") if k not in obj]
        if missing:
            raise GradedFileError(f"{path}:{n}: missing {', '.join(missing)}")
        grade = obj["grade"]
        if isinstance(grade, bool) or not isinstance(grade, int | float):
            raise GradedFileError(f"{path}:{n}: grade must be a number, got {grade!r}")
        if not isinstance(obj["question"], str) or not isinstance(obj["answer"], str):
            raise GradedFileError(f"{path}:{n}: question and answer must be strings")
        rows.append(GradedAnswer(obj["question"], obj["answer"], float(grade), n))
    return rows


def grade_scale(grades: Iterable[float]) -> float:
    """Factor that puts grades on 0-100: 0-1 grades x100, 0-5 x20, 0-10 x10."""
    top = max(grades, default=100.0)
    return 100.0 if top <= 1 else 20.0 if top <= 5 else 10.0 if top <= 10 else 1.0


@dataclass
class QuestionAgreement:
    question: str
    n: int
    pearson: float | None
    mean_abs_diff: float


@dataclass
class Calibration:
    n: int
    pearson: float | None
    spearman: float | None
    within_question_pearson: float | None
    mean_abs_diff: float | None
    questions: list[QuestionAgreement] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)

    def worst(self, k: int = 5) -> list[QuestionAgreement]:
        return sorted(self.questions, key=lambda q: (-q.mean_abs_diff, q.question))[:k]

    def to_dict(self, worst: int = 5) -> dict[str, Any]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(v, 4)

        return {
            "pearson": r(self.pearson), "spearman": r(self.spearman),
            "mean_within_question_pearson": r(self.within_question_pearson),
            "n": self.n, "questions": len(self.questions),
            "mean_abs_diff": r(self.mean_abs_diff),
            "worst": [{"question": q.question, "n": q.n, "pearson": r(q.pearson),
                       "mean_abs_diff": round(q.mean_abs_diff, 1)} for q in self.worst(worst)],
            "unknown_questions": [{"line": ln, "question": qid} for ln, qid in self.unknown],
        }


def calibrate(catalog: Catalog, rows: list[GradedAnswer],
              only: set[str] | None = None,
              score_fn: Callable[[GradedAnswer], float] | None = None) -> Calibration:
    """Score every graded answer and compare with the human grades. ``score_fn`` scores a
    row (the service's grader, which also runs code tests); default: the rubric alone."""
    scale = grade_scale(r.grade for r in rows)
    scores: list[float] = []
    grades: list[float] = []
    per_q: dict[str, tuple[list[float], list[float]]] = {}
    unknown: list[tuple[int, str]] = []
    for row in rows:
        ref = catalog.questions.get(row.question)
        if ref is None or (only is not None and row.question not in only):
            unknown.append((row.line, row.question))
            continue
        s = (score_fn(row) if score_fn is not None
             else score_question(ref.question, row.answer, catalog).score)
        g = row.grade * scale
        scores.append(s)
        grades.append(g)
        qs, qg = per_q.setdefault(row.question, ([], []))
        qs.append(s)
        qg.append(g)
    agreements = [
        QuestionAgreement(qid, len(qs), pearson(qs, qg) if len(qs) >= 3 else None,
                          sum(abs(a - b) for a, b in zip(qs, qg, strict=True)) / len(qs))
        for qid, (qs, qg) in sorted(per_q.items())
    ]
    within = [a.pearson for a in agreements if a.pearson is not None]
    return Calibration(
        n=len(scores), pearson=pearson(scores, grades), spearman=spearman(scores, grades),
        within_question_pearson=mean(within),
        mean_abs_diff=mean([abs(a - b) for a, b in zip(scores, grades, strict=True)]),
        questions=agreements, unknown=unknown,
    )


@dataclass
class ExampleResult:
    question: str
    index: int  # 1-based
    label: str
    expected_min: float
    expected_max: float
    score: float
    path: Path
    source: str = "authored"  # authored or blind (see banks.models.Example)
    known_gap: str | None = None  # a documented scorer limitation (banks.models.Example)
    # The full report, for explaining an out-of-band example (not part of to_dict()).
    report: ScoreReport | None = field(default=None, repr=False, compare=False)

    @property
    def in_band(self) -> bool:
        return self.expected_min <= self.score <= self.expected_max

    @property
    def ok(self) -> bool:
        """In band, or out of band for a documented reason (``known_gap``)."""
        return self.in_band or self.known_gap is not None

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "example": self.index, "label": self.label,
                "expected": [self.expected_min, self.expected_max], "score": self.score,
                "ok": self.ok, "in_band": self.in_band, "known_gap": self.known_gap,
                "path": str(self.path), "source": self.source}


def example_summary(results: list[ExampleResult]) -> list[str]:
    """One line per example source present: "authored: 12 examples, 11 in band, 1 out"."""
    lines = []
    for source in ("authored", "blind"):
        rs = [r for r in results if r.source == source]
        if rs or source == "authored":
            bad = sum(1 for r in rs if not r.ok)
            gaps = sum(1 for r in rs if not r.in_band and r.known_gap)
            lines.append(f"{source}: {len(rs)} examples, {len(rs) - bad - gaps} in band, "
                         f"{bad} out of band" + (f", {gaps} known gaps" if gaps else ""))
    return lines


def check_examples(catalog: Catalog, refs: Iterable[QuestionRef]) -> list[ExampleResult]:
    """Score each example of each question against its rubric (code tests are not run)."""
    out: list[ExampleResult] = []
    for ref in refs:
        q = ref.question
        for i, ex in enumerate(q.examples, 1):
            report = score_question(q, ex.answer, catalog)
            out.append(ExampleResult(q.id, i, ex.label, ex.expect.min, ex.expect.max,
                                     report.score, ref.path, ex.source, ex.known_gap, report))
    return out


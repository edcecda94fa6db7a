"""How well auto-rubric scoring agrees with a grader on short computer-science answers.

The closest thing we have to the hidden evaluation of issue 10 (graded short answers to
data-structures questions, scored with rubrics derived from reference answers), written by
the team, blind (benchmarks/data/cs_short/README.md): 24 questions, 216 student answers
written without any reference, then a reference written by a grader who had not read them,
and the grader's 0-5 grades.

For each question an auto-rubric is derived from the reference (the question is the prompt,
so echoes count for little) and every answer is scored against it. Prints Pearson r,
Spearman rho and mean within-question Pearson r against the grades, for ours and for a
plain content-word-overlap baseline, and the mean score per grade.

    uv run python benchmarks/cs_short_eval.py [--data DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview.scoring import derive_rubric, score_answer  # noqa: E402
from interview.scoring.stats import mean, pearson, spearman  # noqa: E402
from interview.scoring.text import content_words  # noqa: E402

DEFAULT_DATA = ROOT / "benchmarks" / "data" / "cs_short"


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def overlap(answer: str, reference: str) -> float:
    """Share of the reference's content words found in the answer, 0-100."""
    words = set(content_words(reference))
    return 100.0 * len(words & set(content_words(answer))) / len(words) if words else 0.0


def figures(scores: list[float], grades: list[float], qids: list[str]) -> dict[str, Any]:
    per_q: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for s, g, q in zip(scores, grades, qids, strict=True):
        per_q[q][0].append(s)
        per_q[q][1].append(g)
    within = [r for qs, qg in per_q.values() if (r := pearson(qs, qg)) is not None]
    return {"n": len(scores), "pearson": pearson(scores, grades),
            "spearman": spearman(scores, grades), "within_question_pearson": mean(within)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", action="store_true", help="Print figures as JSON.")
    args = ap.parse_args(argv)
    try:
        questions = {r["qid"]: r["question"] for r in _rows(args.data / "questions.jsonl")}
        refs = {r["qid"]: r["reference"] for r in _rows(args.data / "references.jsonl")}
        answers = _rows(args.data / "answers.jsonl")
        grades = {r["aid"]: float(r["grade"]) for r in _rows(args.data / "grades.jsonl")}
    except (OSError, ValueError, KeyError) as exc:
        print(f"{args.data}: cannot read the set ({exc})", file=sys.stderr)
        return 2
    rubrics = {q: derive_rubric(refs[q], questions[q]) for q in questions}
    ours, base, human, qids = [], [], [], []
    for a in answers:
        q = a["qid"]
        ours.append(score_answer(a["answer"], rubrics[q], prompt=questions[q]).score)
        base.append(overlap(a["answer"], refs[q]))
        human.append(grades[a["aid"]])
        qids.append(q)
    report = {"auto_rubric": figures(ours, human, qids),
              "overlap_baseline": figures(base, human, qids),
              "mean_score_by_grade": {
                  str(int(g)): round(mean([s for s, h in zip(ours, human, strict=True)
                                           if int(h) == int(g)]) or 0.0, 1)
                  for g in sorted(set(human))}}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    a, b = report["auto_rubric"], report["overlap_baseline"]
    print(f"{a['n']} answers to {len(questions)} questions")
    for key in ("pearson", "spearman", "within_question_pearson"):
        print(f"{key:<24} auto-rubric {a[key]:.3f}   overlap baseline {b[key]:.3f}")
    print("mean score by grade:", report["mean_score_by_grade"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

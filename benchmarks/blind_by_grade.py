"""Agreement with the blind graded answers, by grade: what `bank calibrate` reports, plus,
for each human grade, the mean score and the share reaching the pass line and the strong band.

Prints figures only, never an answer's text, so it may be run on the held-out half.

    uv run python benchmarks/blind_by_grade.py benchmarks/data/blind/shipped_v1_holdout.jsonl \
        benchmarks/data/blind/new_v2_holdout.jsonl [--banks question_banks] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview.cli.common import AppContext  # noqa: E402
from interview.scoring import PASS_THRESHOLD  # noqa: E402
from interview.scoring.calibrate import read_graded  # noqa: E402
from interview.scoring.stats import mean, pearson, spearman  # noqa: E402

STRONG = 75.0


def by_grade(files: list[Path], banks: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        app = AppContext.create(data_dir=tmp)
        lib = app.library([banks])
        cat = lib.catalog()
        grader = lib.service.grader
        out: dict[str, Any] = {}
        everything: list[tuple[float, float]] = []
        for path in files:
            pairs = []
            for row in read_graded(path):
                if row.question not in cat.questions:
                    continue
                rep = grader.grade_written(grader.plan(cat, row.question), row.answer)
                pairs.append((rep.score, row.grade))
            everything += pairs
            out[path.name] = _figures(pairs)
        if len(files) > 1:
            out["all"] = _figures(everything)
        return out


def _figures(pairs: list[tuple[float, float]]) -> dict[str, Any]:
    scores = [s for s, _ in pairs]
    grades = [g for _, g in pairs]
    groups: dict[float, list[float]] = defaultdict(list)
    for s, g in pairs:
        groups[g].append(s)
    return {
        "n": len(pairs), "pearson": pearson(scores, grades), "spearman": spearman(scores, grades),
        "by_grade": {f"{g:g}": {"n": len(v), "mean": mean(v),
                                "pass_share": sum(s >= PASS_THRESHOLD for s in v) / len(v),
                                "strong_share": sum(s >= STRONG for s in v) / len(v)}
                     for g, v in sorted(groups.items())},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--banks", default=str(ROOT / "question_banks"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    report = by_grade(args.files, args.banks)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for name, fig in report.items():
        print(f"{name}: n={fig['n']} Pearson {fig['pearson']:.3f} Spearman {fig['spearman']:.3f}")
        for g, b in fig["by_grade"].items():
            print(f"  grade {g}: n={b['n']:3d} mean {b['mean']:5.1f}  "
                  f">=55 {100 * b['pass_share']:3.0f}%  >=75 {100 * b['strong_share']:3.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

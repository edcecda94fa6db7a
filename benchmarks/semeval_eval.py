"""How well auto-rubric scoring agrees with human grades on SemEval-2013 Task 7 (SRA).

For every question, an auto-rubric is derived from each reference answer (the question text
is the prompt, so echoes count for little); each student answer gets the best score over
the question's references. The figures are compared with a plain content-word-overlap
baseline: the share of a reference's content words (stemmed, stop words removed) that the
answer contains, best over the references.

The data is read from where it lives (../shared/datasets/semeval2013-task7-sra next to the
repository by default); it is never copied into the repository.

    uv run python benchmarks/semeval_eval.py [--data PATH] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview.banks import EffectiveRubric  # noqa: E402
from interview.scoring import derive_rubric, score_answer  # noqa: E402
from interview.scoring.stats import mean, pearson, spearman  # noqa: E402
from interview.scoring.text import content_words  # noqa: E402

_REL = Path("shared") / "datasets" / "semeval2013-task7-sra" / "answers.jsonl"
# Next to the repository (../shared), or next to the folder of worktrees (../../shared).
DEFAULT_DATA = next((p / _REL for p in (ROOT.parent, ROOT.parent.parent) if (p / _REL).exists()),
                    ROOT.parent / _REL)


def overlap_baseline(answer: str, references: list[str]) -> float:
    """Share of the reference's content words found in the answer (best reference), 0-100."""
    ans = set(content_words(answer))
    best = 0.0
    for ref in references:
        words = set(content_words(ref))
        if words:
            best = max(best, len(words & ans) / len(words))
    return 100.0 * best


def load(path: Path, limit: int | None) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def figures(scores: list[float], grades: list[float], qids: list[str]) -> dict[str, Any]:
    per_q: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for s, g, q in zip(scores, grades, qids, strict=True):
        per_q[q][0].append(s)
        per_q[q][1].append(g)
    within = [r for qs, qg in per_q.values() if len(qs) >= 3
              if (r := pearson(qs, qg)) is not None]
    return {"n": len(scores), "pearson": pearson(scores, grades),
            "spearman": spearman(scores, grades), "within_question_pearson": mean(within)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="Only the first N answers.")
    ap.add_argument("--json", action="store_true", help="Print figures as JSON.")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (pass --data PATH to answers.jsonl)", file=sys.stderr)
        return 2
    rows = load(args.data, args.limit)
    t0 = time.perf_counter()
    rubrics: dict[tuple[str, str], list[EffectiveRubric]] = {}
    ours: list[float] = []
    base: list[float] = []
    for r in rows:
        key = (r["dataset"], r["qid"])
        if key not in rubrics:
            rubrics[key] = [derive_rubric(ref, r["question"]) for ref in r["reference"]]
        ours.append(max(score_answer(r["answer"], rub, prompt=r["question"]).score
                        for rub in rubrics[key]))
        base.append(overlap_baseline(r["answer"], r["reference"]))
    elapsed = time.perf_counter() - t0
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        name = r["dataset"].replace("semeval2013_", "")
        groups["all"].append(i)
        groups[name].append(i)
        groups[f"{name}/{r['split']}"].append(i)
    report: dict[str, Any] = {"elapsed_seconds": round(elapsed, 1), "groups": {}}
    for name, idx in groups.items():
        grades = [float(rows[i]["grade"]) for i in idx]
        qids = [f"{rows[i]['dataset']}/{rows[i]['qid']}" for i in idx]
        report["groups"][name] = {
            "auto_rubric": figures([ours[i] for i in idx], grades, qids),
            "overlap_baseline": figures([base[i] for i in idx], grades, qids),
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0

    def f(v: float | None) -> str:
        return "  n/a" if v is None else f"{v:5.3f}"

    print(f"{len(rows)} answers scored in {elapsed:.1f} s "
          f"({1000 * elapsed / max(len(rows), 1):.2f} ms per answer, both methods)")
    print(f"{'group':<42} {'n':>6}  {'pearson':>15}  {'spearman':>15}  {'within-q r':>15}")
    print(f"{'':<42} {'':>6}  {'auto  overlap':>15}  {'auto  overlap':>15}  {'auto  overlap':>15}")
    for name, g in report["groups"].items():
        a, b = g["auto_rubric"], g["overlap_baseline"]
        print(f"{name:<42} {a['n']:>6}  {f(a['pearson'])} {f(b['pearson'])}  "
              f"{f(a['spearman'])} {f(b['spearman'])}  "
              f"{f(a['within_question_pearson'])} {f(b['within_question_pearson'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

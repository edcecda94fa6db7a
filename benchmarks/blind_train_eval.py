"""Score a blind TRAINING set (one that may be read and tuned on, such as v4) and break the
agreement down by grade, round and the writer's intended kind; with ``--show`` also list each
answer's score next to its grade (never run that on a held-out set).

    uv run python benchmarks/blind_train_eval.py benchmarks/data/blind/train_v4_all.jsonl
    uv run python benchmarks/blind_train_eval.py --merge DIR OUT.jsonl   # answers+meta+grades

``--merge`` joins ``answers_X.jsonl``, ``answers_X_meta.jsonl`` and ``grades_X.jsonl`` of a
blind-writing directory into one file with the fields of ``fresh_v3_all.jsonl``. An answer not
graded yet takes its writer's intended grade (``reason`` then says so).
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
from interview.scoring.stats import mean, pearson, spearman  # noqa: E402

STRONG = 75.0


def _rows(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def merge(folder: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for half in "ABCDEF":
        answers = _rows(folder / f"answers_{half}.jsonl")
        meta = {(r["id"], r["n"]): r for r in _rows(folder / f"answers_{half}_meta.jsonl")}
        grades = {(r["id"], r["n"]): r for r in _rows(folder / f"grades_{half}.jsonl")}
        for a in answers:
            key = (a["id"], a["n"])
            m, g = meta.get(key), grades.get(key)
            if m is None:
                continue
            out.append({
                "question": a["id"], "n": a["n"], "answer": a["answer"],
                "grade": g["grade"] if g else m["writer_grade"],
                "reason": g.get("reason", "") if g else "(not graded yet: writer's grade)",
                "writer_kind": m["kind"], "writer_grade": m["writer_grade"], "set": half,
            })
    return out


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    scores = [r["score"] for r in rows]
    grades = [float(r["grade"]) for r in rows]
    groups: dict[Any, list[float]] = defaultdict(list)
    for r in rows:
        groups[r["grade"]].append(r["score"])
    return {
        "n": len(rows),
        "pearson": pearson(scores, grades) if len(rows) > 2 else None,
        "spearman": spearman(scores, grades) if len(rows) > 2 else None,
        "by_grade": {f"{g:g}": {"n": len(v), "mean": mean(v),
                                "pass": sum(s >= PASS_THRESHOLD for s in v) / len(v),
                                "strong": sum(s >= STRONG for s in v) / len(v)}
                     for g, v in sorted(groups.items())},
    }


def score_rows(rows: list[dict[str, Any]], banks: str) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        app = AppContext.create(data_dir=tmp)
        lib = app.library([banks])
        cat = lib.catalog()
        grader = lib.service.grader
        out = []
        for r in rows:
            if r["question"] not in cat.questions:
                continue
            rep = grader.grade_written(grader.plan(cat, r["question"]), r["answer"])
            out.append({**r, "score": rep.score, "round": str(cat.questions[r["question"]].round),
                        "report": rep})
        return out


def _print(name: str, fig: dict[str, Any]) -> None:
    p = fig["pearson"]
    ptxt = f"Pearson {p:.3f} Spearman {fig['spearman']:.3f}" if p is not None else ""
    print(f"{name}: n={fig['n']} {ptxt}")
    for g, b in fig["by_grade"].items():
        print(f"  grade {g}: n={b['n']:3d} mean {b['mean']:5.1f}  >=55 {100 * b['pass']:3.0f}%"
              f"  >=75 {100 * b['strong']:3.0f}%")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--merge", nargs=2, type=Path, metavar=("DIR", "OUT"))
    ap.add_argument("--banks", default=str(ROOT / "question_banks"))
    ap.add_argument("--show", action="store_true", help="list every answer's score (training "
                    "sets only)")
    ap.add_argument("--json", type=Path, help="write per-answer scores here")
    args = ap.parse_args(argv)
    if args.merge:
        rows = merge(args.merge[0])
        args.merge[1].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                         for r in rows), encoding="utf-8")
        print(f"{len(rows)} answers -> {args.merge[1]}")
        return 0
    rows = [r for f in args.files for r in _rows(f)]
    scored = score_rows(rows, args.banks)
    _print("all", _figures(scored))
    by_round: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in scored:
        by_round[r["round"]].append(r)
        by_kind[r.get("writer_kind", "?")].append(r)
    for k, v in sorted(by_round.items()):
        _print(f"round {k}", _figures(v))
    for k, v in sorted(by_kind.items()):
        s = [r["score"] for r in v]
        print(f"kind {k}: n={len(v)} mean {mean(s):.1f} >=55 "
              f"{100 * sum(x >= PASS_THRESHOLD for x in s) / len(s):.0f}%")
    if args.json:
        args.json.write_text(json.dumps([{k: v for k, v in r.items() if k != "report"}
                                         for r in scored], indent=1), encoding="utf-8")
    if args.show:
        for r in sorted(scored, key=lambda r: (r["grade"], -r["score"])):
            print(f"{r['grade']} {r['score']:5.1f} {r.get('writer_kind', '?'):13s} {r['question']}#{r.get('n', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

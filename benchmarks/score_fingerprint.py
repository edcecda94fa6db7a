"""Fingerprint the scorer: score a fixed set of answers and record every score, so a change
meant only to make scoring faster can be checked to change no score at all.

    uv run python benchmarks/score_fingerprint.py OUT.json [--semeval N]
    uv run python benchmarks/score_fingerprint.py NEW.json --compare OLD.json

The set: every example of the shipped banks (rubric only, no code tests), every blind answer
of benchmarks/data/blind/*_all.jsonl, and the first N (3,000 by default) SemEval-2013 answers
against auto-rubrics from their references, as benchmarks/semeval_eval.py derives them.

For each answer the JSON keeps the score, each criterion's earned points and status, the red
flags, and a digest of the whole report (matches, offsets, explanations). ``--compare``
lists every answer whose score differs by more than 1e-6, whose criteria or red flags
differ, or whose report differs in any other way; it exits 1 when anything differs.
Keep the JSON files outside git.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.semeval_eval import DEFAULT_DATA, load  # noqa: E402
from interview.banks import EffectiveRubric, load_catalog  # noqa: E402
from interview.scoring import ScoreReport, derive_rubric, rubric_for, score_answer  # noqa: E402

TOLERANCE = 1e-6


def entry(report: ScoreReport) -> dict[str, Any]:
    """What a score is made of, and a digest of everything else the report says."""
    digest = hashlib.sha256(report.model_dump_json().encode()).hexdigest()[:16]
    return {
        "score": report.score,
        "criteria": [[c.id, c.earned, c.status] for c in report.criteria],
        "red_flags": [[r.id, r.start, r.end, r.penalty] for r in report.red_flags],
        "digest": digest,
    }


def _catalog() -> Any:
    return load_catalog([ROOT / "rubrics", ROOT / "question_banks"], examples_warning=False,
                        cache=False)


def _score(cat: Any, qid: str, answer: str) -> ScoreReport:
    """Rubric only, as `bank test --rubric-only` grades: the explanation part of a coding
    answer against the question's rubric (or auto-rubric), with its prompt."""
    from interview.coderun.extract import explanation_of

    q = cat.question(qid).question
    return score_answer(explanation_of(q.language, answer), rubric_for(q, cat),
                        prompt=q.prompt)


def fingerprint(semeval_rows: int) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    cat = _catalog()
    for qid, ref in sorted(cat.questions.items()):
        for i, ex in enumerate(ref.question.examples or [], 1):
            out[f"example/{qid}/{i}"] = entry(_score(cat, qid, ex.answer))
    skipped = 0
    for path in sorted((ROOT / "benchmarks" / "data" / "blind").glob("*_all.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                if row["question"] not in cat.questions:
                    skipped += 1
                    continue
                out[f"blind/{path.stem}/{line_no}"] = entry(
                    _score(cat, row["question"], row["answer"]))
    if skipped:
        print(f"blind: {skipped} answers to questions not in the shipped banks skipped",
              file=sys.stderr)
    if semeval_rows and DEFAULT_DATA.exists():
        rubrics: dict[tuple[str, str], list[EffectiveRubric]] = {}
        for n, r in enumerate(load(DEFAULT_DATA, semeval_rows), 1):
            key = (r["dataset"], r["qid"])
            if key not in rubrics:
                rubrics[key] = [derive_rubric(ref, r["question"]) for ref in r["reference"]]
            for k, rub in enumerate(rubrics[key]):
                out[f"semeval/{n}/{k}"] = entry(score_answer(r["answer"], rub,
                                                             prompt=r["question"]))
    elif semeval_rows:
        print(f"{DEFAULT_DATA}: not found; SemEval rows skipped", file=sys.stderr)
    return out


def compare(new: dict[str, dict[str, Any]], old: dict[str, dict[str, Any]]) -> list[str]:
    diffs: list[str] = []
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        if a is None or b is None:
            diffs.append(f"{key}: only in {'new' if a is None else 'old'}")
        elif abs(a["score"] - b["score"]) > TOLERANCE:
            diffs.append(f"{key}: score {a['score']} -> {b['score']}")
        elif a["criteria"] != b["criteria"] or a["red_flags"] != b["red_flags"]:
            diffs.append(f"{key}: criteria or red flags differ")
        elif a["digest"] != b["digest"]:
            diffs.append(f"{key}: same score, report differs")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="Where to write the fingerprint (JSON).")
    ap.add_argument("--compare", type=Path, metavar="OLD.json",
                    help="A fingerprint to compare with; exits 1 on any difference.")
    ap.add_argument("--semeval", type=int, default=3000, metavar="N",
                    help="How many SemEval answers (0: none).")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    fp = fingerprint(args.semeval)
    args.out.write_text(json.dumps(fp, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(fp)} reports fingerprinted in {time.perf_counter() - t:.1f} s -> {args.out}")
    if args.compare is None:
        return 0
    diffs = compare(fp, json.loads(args.compare.read_text(encoding="utf-8")))
    for d in diffs[:50]:
        print(d)
    if len(diffs) > 50:
        print(f"... and {len(diffs) - 50} more")
    print(f"{len(diffs)} differences" if diffs else "identical")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())

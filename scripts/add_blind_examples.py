"""Add blind-written, blind-graded answers to bank files as `source: blind` examples.

Usage:
    uv run python scripts/add_blind_examples.py --answers A.jsonl --grades G.jsonl \
        [--n 1 --n 4] [--meta M.jsonl] BANK_DIR

answers lines: {"id": QUESTION_ID, "n": N, "answer": TEXT}
grades lines:  {"id": QUESTION_ID, "n": N, "grade": 0-5, "reason": TEXT}

Each chosen answer is appended to its question's `examples:` list with an expected band
derived from the blind grade (see BANDS). The bank text is edited in place, so comments
and layout survive; an answer already present (same text) is not added twice.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

# Blind grade (0-5) -> (label, min, max) on the 0-100 score scale.
# Blind grade (0-5) -> (label, min, max) on the 0-100 score scale, in the product's bands
# (strong >= 75, pass >= 55, weak >= 20): an excellent answer lands strong (5 points of
# tolerance), a good one at least near pass, and a very weak or wrong one (a fluent
# misconception, a buzzword list, a template) below pass.
BANDS: dict[int, tuple[str, int, int]] = {
    5: ("blind-strong", 70, 100),
    4: ("blind-good", 50, 100),
    3: ("blind-fair", 30, 90),
    2: ("blind-weak", 10, 70),
    1: ("blind-poor", 0, 54),
    0: ("blind-none", 0, 50),
}

_QUESTION = re.compile(r"^  - id:\s*(\S+)\s*$")
_QKEY = re.compile(r"^    [A-Za-z_]+:")


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{n}: not valid JSON: {exc.msg}")
    return rows


def _block(answer: str, grade: int, reason: str, kind: str | None) -> list[str]:
    label, lo, hi = BANDS[grade]
    if kind:
        label = f"{label} ({kind})"
    out = [f"      - label: {json.dumps(label)}\n", "        source: blind\n",
           "        answer: |-\n"]
    for line in answer.replace("\t", "    ").strip("\n").splitlines():
        out.append(("          " + line.rstrip()).rstrip() + "\n")
    out.append(f"        expect: {{min: {lo}, max: {hi}}}\n")
    note = f"written from the prompt alone; graded {grade}/5 blind: {reason}"
    out.append(f"        note: {json.dumps(note, ensure_ascii=False)}\n")
    return out


def insert(path: Path, additions: dict[str, list[list[str]]]) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _QUESTION.match(line))]
    added = 0
    # Work bottom-up so earlier indices stay valid.
    for k in range(len(starts) - 1, -1, -1):
        i, qid = starts[k]
        if qid not in additions:
            continue
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        # Trim trailing blank/comment lines that belong to the gap before the next question.
        while end > i and not lines[end - 1].strip():
            end -= 1
        ex = next((j for j in range(i, end) if lines[j].startswith("    examples:")), None)
        new: list[str] = []
        for block in additions[qid]:
            new.extend(block)
        if ex is None:
            lines[end:end] = ["    examples:\n", *new]
        else:
            stop = next((j for j in range(ex + 1, end) if _QKEY.match(lines[j])), end)
            while stop > ex + 1 and not lines[stop - 1].strip():
                stop -= 1
            lines[stop:stop] = new
        added += len(additions[qid])
    path.write_text("".join(lines), encoding="utf-8")
    return added


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--answers", type=Path, required=True, action="append")
    ap.add_argument("--grades", type=Path, required=True, action="append")
    ap.add_argument("--meta", type=Path, action="append", default=[])
    ap.add_argument("--n", type=int, action="append", default=[])
    ap.add_argument("bank_dir", type=Path)
    args = ap.parse_args()
    chosen = set(args.n or [1, 4])
    answers = {(r["id"], r["n"]): r for p in args.answers for r in _read_jsonl(p)}
    grades = {(r["id"], r["n"]): r for p in args.grades for r in _read_jsonl(p)}
    kinds = {(r["id"], r["n"]): r.get("kind") for p in args.meta for r in _read_jsonl(p)}
    per_q: dict[str, list[list[str]]] = {}
    for key in sorted(answers, key=lambda k: (str(k[0]), int(str(k[1])))):
        if key[1] not in chosen or key not in grades:
            continue
        g = grades[key]
        grade = round(float(str(g["grade"])))
        per_q.setdefault(str(key[0]), []).append(
            _block(str(answers[key]["answer"]), grade, str(g.get("reason", "")),
                   str(kinds[key]) if kinds.get(key) else None))
    total = 0
    for path in sorted(args.bank_dir.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        mine = {q: b for q, b in per_q.items() if re.search(rf"^  - id:\s*{re.escape(q)}\s*$", text, re.M)}
        if mine:
            total += insert(path, mine)
    print(f"added {total} blind examples to {len(per_q)} questions")


if __name__ == "__main__":
    main()

"""Scoring speed as a count of machine instructions, which the machine's load does not move.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --toggle-collect=functools_reduce \\
        --callgrind-out-file=/tmp/cg.out .venv/bin/python benchmarks/callgrind_scoring.py \\
        [--answers one|many] [--count N]

Run the virtualenv's interpreter directly (under ``uv run`` valgrind would count uv).
After a warm-up (imports, the lexicon, the compiled rubric, the typo memo) and a full
garbage collection, the answers of benchmarks/bench_scoring.py are scored inside
``functools.reduce``, and the toggle makes callgrind count only what runs there: divide its
"Collected" figure by N. ``one``: the 300-word answer N times (bench_scoring's median case);
``many``: the first N of its answers of 50-400 words. ``--count 0`` shows what is counted
outside the loop (~0).
"""

from __future__ import annotations

import argparse
import functools
import gc
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scoring import answer, rubric  # noqa: E402
from interview.scoring import score_answer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--answers", choices=["one", "many"], default="one")
    ap.add_argument("--count", type=int, default=20)
    args = ap.parse_args(argv)
    rng = random.Random(7)
    rub = rubric()
    one = answer(rng)
    many = [answer(rng, rng.randint(50, 400)) for _ in range(max(args.count, 20))]
    for a in [one, *many[:20]]:  # warm-up: nothing below is a first use
        score_answer(a, rub)
    todo = [one] * args.count if args.answers == "one" else many[:args.count]
    # Start the count with the garbage collector's generations empty: otherwise a full
    # collection (the whole heap: lexicon, caches) falls due inside the loop or not, as the
    # warm-up's allocations happen to leave it, and moves the count by up to 0.3 M an answer.
    gc.collect()
    # Only this reduce is counted (--toggle-collect=functools_reduce).
    functools.reduce(lambda _, a: score_answer(a, rub) and None, todo, None)
    print(f"scored {len(todo)} answer(s) ({args.answers}) inside functools.reduce")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

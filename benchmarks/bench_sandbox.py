"""What the sandbox costs: one run of a correct solution (3 tests), per sandbox kind.

Each repetition runs ``run_tests`` end to end (spawn, harness, tests, clean-up) for a Python
question and for an SQL question, alternating the kinds so that both see the same machine
conditions. Reports the median and the 90th percentile in milliseconds.

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_sandbox.py        # 15 each
    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_sandbox.py -n 30
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from interview.banks import load_catalog
from interview.banks.models import Question
from interview.coderun import DEFAULT_LIMITS, isolation, run_tests

PY = Question(id="b", prompt="p", model_answer="m", entrypoint="add", tests=[
    {"args": [1, 2], "expect": 3}, {"args": [-1, 1], "expect": 0},
    {"args": [0, 0], "expect": 0, "hidden": True}])
PY_CODE = "def add(a, b):\n    return a + b\n"
SQL_BANK = Path(__file__).parents[1] / "tests" / "coderun" / "fixtures" / "sql_bank.yaml"
SQL_CODE = ("SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer "
            "HAVING SUM(amount) > 100 ORDER BY total DESC")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=15, help="repetitions per kind and question")
    args = parser.parse_args()
    sql = load_catalog([SQL_BANK], examples_warning=False).question("cs-sql-top-customers").question
    kinds = ["fallback"] + (["bwrap"] if isolation.bwrap_problem() is None else [])
    root = "root" if isolation.is_root() else "non-root"
    times: dict[tuple[str, str], list[float]] = {(k, q): [] for k in kinds for q in ("py", "sql")}
    for _ in range(args.n):
        for kind in kinds:
            limits = dataclasses.replace(DEFAULT_LIMITS, sandbox=kind)
            for name, question, code in (("py", PY, PY_CODE), ("sql", sql, SQL_CODE)):
                started = time.perf_counter()
                summary = run_tests(code, question, limits=limits)
                times[(kind, name)].append((time.perf_counter() - started) * 1000)
                assert summary.passed == summary.total, (kind, name, summary)
    print(f"{root}, {args.n} runs each (ms per run: median / p90)")
    for (kind, name), ms in times.items():
        ms.sort()
        p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
        print(f"  {kind:8s} {name:3s}  {statistics.median(ms):7.1f} / {p90:7.1f}")


if __name__ == "__main__":
    main()

"""Loading many bank files: cold (parse every YAML file) and warm (the on-disk cache).

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_bank_cache.py [-n 10000]

Builds N one-question bank files in a temporary folder (each a shipped question under a new
id, so the content is realistic), then times ``load_catalog`` over them plus the shipped
rubrics: once without the cache, once to fill it, and several warm loads, each in a fresh
process (imports included) and in-process. Target: 10,000 files load in <= 2 s warm.
Prints wall and CPU time (CPU moves less with the neighbours' load).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOAD = """
import sys, time
t0 = time.perf_counter(); c0 = time.process_time()
from pathlib import Path
from interview.banks import load_catalog
cat = load_catalog([Path(p) for p in sys.argv[2:]], cache=sys.argv[1] == "1")
print(len(cat.questions), len(cat.broken), time.perf_counter() - t0, time.process_time() - c0)
"""


def make_files(folder: Path, n: int) -> None:
    import yaml

    from interview.banks import load_catalog
    from interview.paths import shipped_dir

    cat = load_catalog([shipped_dir("rubrics"), shipped_dir("question_banks")], cache=False)
    refs = list(cat.questions.values())
    for i in range(n):
        ref = refs[i % len(refs)]
        q = ref.question.model_dump(exclude_defaults=True)
        q["id"] = f"{ref.id}-{i}"
        data = {"bank": f"gen-{i}", "title": f"Generated {i}", "round": ref.bank.round,
                "questions": [q]}
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"bank-{i:05d}.yaml").write_text(
            yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False))


def run(cache: bool, paths: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", LOAD, "1" if cache else "0", *paths],
                         capture_output=True, text=True, env=env, check=True).stdout.split()
    return time.perf_counter() - t0, float(out[3]), f"{out[0]} questions, {out[1]} broken"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="bank files (default 10000)")
    ap.add_argument("--warm", type=int, default=5, help="warm runs (default 5)")
    args = ap.parse_args()
    from interview.paths import shipped_dir

    with tempfile.TemporaryDirectory(prefix="iv-banks-") as tmp:
        folder = Path(tmp) / "banks"
        folder.mkdir()
        t = time.perf_counter()
        make_files(folder, args.n)
        size = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
        print(f"{args.n} bank files, {size / 1e6:.1f} MB, built in {time.perf_counter() - t:.1f} s")
        env = {**os.environ, "INTERVIEW_CACHE_DIR": str(Path(tmp) / "cache")}
        paths = [str(shipped_dir("rubrics")), str(folder)]
        wall, cpu, what = run(False, paths, env)
        print(f"no cache    : {wall:6.2f} s wall, {cpu:6.2f} s CPU  ({what})")
        wall, cpu, what = run(True, paths, env)
        print(f"cold (fill) : {wall:6.2f} s wall, {cpu:6.2f} s CPU  ({what})")
        warm = [run(True, paths, env) for _ in range(args.warm)]
        print(f"warm        : {statistics.median(w[0] for w in warm):6.2f} s wall, "
              f"{statistics.median(w[1] for w in warm):6.2f} s CPU  "
              f"(median of {args.warm}, fresh process each; {warm[-1][2]})")
        verdict = "ok" if statistics.median(w[0] for w in warm) <= 2.0 else "over target"
        print(f"target: warm <= 2 s -> {verdict}")


if __name__ == "__main__":
    main()

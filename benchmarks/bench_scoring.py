"""Scoring speed: one 300-word answer against a 10-criterion rubric, and 2,000 answers.

    uv run python benchmarks/bench_scoring.py [--repeat N]

Prints the time to load the shipped lexicon and the ML-domain table on first use (target
<= 50 ms; both load lazily, nothing is downloaded), the median time to score a 300-word
answer (target <= 1 ms), the time to score 2,000 different answers end to end (rubric
compiled once, as in a session), and the time to score a 1 MB paste (truncated with a
notice; after a full garbage collection). CPU time is printed too: on a shared machine wall
time measures the other jobs as well.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interview.banks import Criterion, EffectiveRubric, RedFlag
from interview.scoring import score_answer

IDEAS = [
    ("data", ["training data", "labels", "feature engineering", "historical logs"]),
    ("baseline", ["baseline", "logistic regression", "start simple", "heuristic"]),
    ("split", ["train test split", "time-based split", "holdout set", "validation set"]),
    ("cv", ["cross validation", "k-fold", "stratified folds"]),
    ("reg", ["regularization", "weight decay", "dropout", "early stopping"]),
    ("metrics", ["precision", "recall", "f1 score", "roc auc", "calibration"]),
    ("imbalance", ["class imbalance", "resampling", "class weights", "focal loss"]),
    ("serving", ["latency budget", "batch prediction", "online inference", "caching"]),
    ("monitoring", ["monitor drift", "data drift", "alerting", "dashboards"]),
    ("retrain", ["retraining schedule", "retrain weekly", "feedback loop"]),
]
FILLER = ["the", "model", "we", "would", "then", "look", "at", "how", "it", "behaves", "on", "new", "users", "and", "I", "think", "that", "in", "practice", "this", "matters", "because", "the", "team", "needs", "something", "simple", "to", "reason", "about", "so", "we", "keep", "an", "eye", "on", "it", "over", "time", "and", "talk", "with", "product", "about", "what", "good", "means"]


def rubric() -> EffectiveRubric:
    return EffectiveRubric(
        criteria=[Criterion(id=cid, keywords=kws, weight=1 + i % 3, required=i == 0)
                  for i, (cid, kws) in enumerate(IDEAS)],
        red_flags=[RedFlag(keywords=["accuracy alone", "test on the training set"], penalty=10)],
    )


def answer(rng: random.Random, words: int = 300) -> str:
    out: list[str] = []
    while len(out) < words:
        out.extend(rng.sample(FILLER, 8))
        if rng.random() < 0.5:
            phrase = rng.choice(rng.choice(IDEAS)[1])
            if rng.random() < 0.2:  # a typo
                i = rng.randrange(len(phrase))
                phrase = phrase[:i] + phrase[i + 1:]
            out.extend(["not"] if rng.random() < 0.1 else [])
            out.extend(phrase.split())
        out[-1] += rng.choice([",", ".", "", ""])
    return " ".join(out[:words])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=500)
    args = ap.parse_args(argv)
    from interview.scoring import domain, lexicon

    t, c = time.perf_counter(), time.process_time()
    lexicon.load()
    lex_ms, lex_cpu = 1000 * (time.perf_counter() - t), 1000 * (time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    domain.table()
    dom_ms, dom_cpu = 1000 * (time.perf_counter() - t), 1000 * (time.process_time() - c)
    print(f"first use: lexicon {lex_ms:.1f} ms (CPU {lex_cpu:.1f}), domain table {dom_ms:.1f} ms "
          f"(CPU {dom_cpu:.1f}); lazy, local files")
    rng = random.Random(7)
    rub = rubric()
    one = answer(rng)
    score_answer(one, rub)  # warm up: compiles and caches the rubric
    times = []
    cpu = []
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        score_answer(one, rub)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    med = statistics.median(times) * 1000
    # CPU time too: on a shared machine wall time measures the other jobs as well.
    print(f"300-word answer, 10 criteria: median {med:.3f} ms over {args.repeat} runs "
          f"(p90 {sorted(times)[int(0.9 * len(times))] * 1000:.3f} ms; median CPU "
          f"{statistics.median(cpu) * 1000:.3f} ms)")
    answers = [answer(rng, rng.randint(50, 400)) for _ in range(2000)]
    t, c = time.perf_counter(), time.process_time()
    for a in answers:
        score_answer(a, rub)
    total, total_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"2,000 answers (50-400 words) end to end: {total:.2f} s "
          f"({1000 * total / 2000:.3f} ms each; CPU {total_cpu:.2f} s)")
    big = (one + "\n") * (1_000_000 // (len(one) + 1) + 1)
    # One timing only: collect first, so a full collection of the whole heap (lexicon,
    # caches) that happens to fall due is not counted as scoring.
    gc.collect()
    t, c = time.perf_counter(), time.process_time()
    report = score_answer(big[:1_000_000], rub)
    print(f"1 MB paste: {1000 * (time.perf_counter() - t):.1f} ms "
          f"(CPU {1000 * (time.process_time() - c):.1f} ms; "
          f"notice: {report.notices[0] if report.notices else 'none'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

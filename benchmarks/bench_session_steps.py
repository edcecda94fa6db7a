"""Does each question cost the same? Times the TUI's steps over a 10-question session.

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_session_steps.py [-q 10]

Plays an ML-theory session in Textual's headless driver (120x36): for each question, the
answer is typed, submitted (ctrl+s; a follow-up, when asked, is answered too), and Enter
leaves the feedback for the next question. Prints, per question, the time from submit to
the feedback screen and from Enter to the next question, plus the process's peak RSS.
Before the transcript was capped, the tenth question took about 4x the first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ANSWER = ("I would start from the training and validation error, look at a learning curve, "
          "then regularize, use cross validation and more data; a simple baseline first.")


async def play(questions: int) -> list[tuple[float, float]]:
    from interview.config import Settings
    from interview.service import Service, SessionConfig
    from interview.tui.app import build_app
    from interview.tui.screens.feedback import FeedbackScreen
    from interview.tui.screens.interview import InterviewScreen, open_session
    from interview.tui.screens.summary import SummaryScreen

    settings = Settings.build()
    service = Service(settings)
    handle = service.start_session(SessionConfig(round="ml-theory", n=questions, seed=3))
    app = build_app(settings, service=service, live_clock=False)
    steps: list[tuple[float, float]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        start = open_session(handle, timer=False)
        await app.push_screen(InterviewScreen(start))
        await pilot.pause()
        for _ in range(questions):
            t0 = time.perf_counter()
            while True:  # answer the question, and a follow-up if one is asked
                app.screen.query_one("#answer").text = ANSWER  # type: ignore[attr-defined]
                phase_before = handle.phase
                await pilot.press("ctrl+s")
                while handle.phase == phase_before and not isinstance(app.screen,
                                                                      FeedbackScreen):
                    await asyncio.sleep(0.002)
                while not isinstance(app.screen, FeedbackScreen | SummaryScreen):
                    if handle.phase == "follow-up" and isinstance(app.screen, InterviewScreen):
                        break
                    await asyncio.sleep(0.002)
                if isinstance(app.screen, FeedbackScreen | SummaryScreen):
                    break
                await pilot.pause()
            feedback = time.perf_counter() - t0
            if isinstance(app.screen, SummaryScreen):
                steps.append((feedback, float("nan")))
                break
            index = handle.question.index if handle.question else -1
            t1 = time.perf_counter()
            await pilot.press("enter")
            while True:
                q = handle.question
                if isinstance(app.screen, SummaryScreen) or (
                        isinstance(app.screen, InterviewScreen) and q is not None
                        and q.index != index):
                    break
                await asyncio.sleep(0.002)
            await pilot.pause()
            steps.append((feedback, time.perf_counter() - t1))
    return steps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-q", type=int, default=10, help="questions (default 10)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="iv-steps-") as tmp:
        os.environ["INTERVIEW_DATA_DIR"] = tmp
        os.environ.setdefault("INTERVIEW_CACHE_DIR", str(Path(tmp) / "cache"))
        steps = asyncio.run(play(args.q))
    print("question  submit→feedback  enter→next (ms)")
    for i, (fb, nxt) in enumerate(steps, start=1):
        print(f"{i:>8}  {fb * 1000:>15.0f}  {nxt * 1000:>10.0f}")
    first, last = steps[0], steps[-2] if len(steps) > 1 else steps[0]
    print(f"last/first: submit→feedback {steps[-1][0] / first[0]:.2f}, "
          f"enter→next {last[1] / first[1]:.2f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

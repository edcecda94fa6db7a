"""Capture the main screens for the README (docs/screenshots/*.svg, plus PNGs when
rsvg-convert is installed). Uses the shipped banks and a throwaway data folder.

    uv run python tests/tui/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea, Tree

from interview.config import Settings
from interview.tui.app import InterviewApp

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
SIZE = (120, 36)

# Seed 7 asks the churn-features question first (with the shipped banks at the time of writing).
ANSWER = ("I would build recency, frequency and monetary features per customer, um, like days "
          "since the last event and spend over the last 30 days. Plan type and city are "
          "categorical, so one-hot encode them for a linear model; trees can take them as they "
          "are. Scale the numeric features for the linear model.")
FOLLOW_UP = "Group the events by customer id and aggregate them over time windows."


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


def save(app: InterviewApp, name: str) -> None:
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    svg = OUT / f"{name}.svg"
    app.save_screenshot(str(svg.name), path=str(OUT))
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-o", str(svg.with_suffix(".png")), str(svg)],
                       check=True)
    print("wrote", svg.relative_to(ROOT))


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="interview-shots-"))
    app = InterviewApp(Settings.build(data_dir=data), live_clock=False, seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#answer", TextArea).text = ANSWER
        await pilot.press("ctrl+s")
        await settle(pilot)
        save(app, "interview")  # the answer, and a follow-up when one was asked
        if app.screen.query("#answer"):
            app.screen.query_one("#answer", TextArea).text = FOLLOW_UP
            await pilot.press("ctrl+s")
            await settle(pilot)
        save(app, "feedback")
        await pilot.press("enter")
        await settle(pilot)
        if not app.screen.query("#answer"):
            raise SystemExit("expected the second question")
        await pilot.press("ctrl+l", "y")
        await settle(pilot)
        save(app, "summary")
        await pilot.press("enter", "f2")
        await settle(pilot)
        save(app, "history")
        await pilot.press("f3")
        await settle(pilot)
        tree: Tree[object] = app.screen.query_one("#bank-tree", Tree)
        ml = next(n for n in tree.root.children if str(n.label).startswith("ML theory"))
        ml.expand()
        await settle(pilot)
        bank = ml.children[0]
        bank.expand()
        await settle(pilot)
        tree.move_cursor(bank.children[0])
        await settle(pilot)
        save(app, "banks")
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause(0.6)
        await settle(pilot)
        save(app, "rubric-lab")
        await pilot.press("escape", "f4")
        await settle(pilot)
        save(app, "home")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

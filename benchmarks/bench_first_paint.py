"""First paint: a bare Textual app versus `interview`'s home screen, in the same run.

Each repetition starts a fresh Python process and measures the wall time from just before
the process is spawned until the app's first frame has been written (Textual's ``Ready``
event, sent after the first frame is displayed). The two apps alternate so that both see the
same machine conditions. By default each child runs on a pseudo-terminal (120x36) with the
real terminal driver; ``--headless`` uses Textual's headless driver instead.

``interview`` goes through its real entry point (``interview.entry.main([])``: settings,
then the TUI) with an empty data folder and the shipped banks; the measured hook only adds a
timestamp on ``Ready`` and exits.

    uv run python benchmarks/bench_first_paint.py            # 9 repetitions each
    uv run python benchmarks/bench_first_paint.py -n 15 --headless
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET = 1.3

BARE_CHILD = """
import sys, time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_ready(self):
        with open(sys.argv[1], "w") as f:
            f.write(repr(time.time()))
        self.exit()

Bare().run(headless=sys.argv[2] == "1")
"""

APP_CHILD = """
import sys, time
import interview.tui.app as tui_app

HERE = __import__("pathlib").Path(tui_app.__file__).parent

class Timed(tui_app.InterviewApp):
    # CSS paths are relative to the class's own file; this one has none, so make them absolute.
    CSS_PATH = [str(HERE / p) for p in tui_app.InterviewApp.CSS_PATH]

    def on_ready(self):
        with open(sys.argv[1], "w") as f:
            f.write(repr(time.time()))
        self.exit()

    def run(self, *args, **kwargs):
        return super().run(*args, headless=sys.argv[2] == "1", **kwargs)

tui_app.InterviewApp = Timed
if sys.argv[3] == "cli":
    from interview.entry import main
    main([])
else:
    from interview.config import Settings
    tui_app.run_app(Settings.build())
"""


def _run_child(code: str, headless: bool, env: dict[str, str], entry: str = "cli") -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "painted"
        args = [sys.executable, "-c", code, str(out), "1" if headless else "0", entry]
        if headless:
            t0 = time.time()
            subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)
        else:
            t0 = _run_on_pty(args, env)
        return float(out.read_text()) - t0


def _run_on_pty(args: list[str], env: dict[str, str]) -> float:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    t0 = time.time()
    proc = subprocess.Popen(args, env=env, stdin=slave, stdout=slave, stderr=slave,
                            start_new_session=True)
    os.close(slave)
    try:
        proc.wait(timeout=60)
    finally:
        os.close(master)
    if proc.returncode:
        raise RuntimeError(f"child exited with {proc.returncode}")
    return t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--repeat", type=int, default=9)
    parser.add_argument("--headless", action="store_true", help="no pseudo-terminal")
    opts = parser.parse_args()

    data = tempfile.mkdtemp(prefix="bench-first-paint-")
    env = dict(os.environ, INTERVIEW_DATA_DIR=data, TERM="xterm-256color",
               COLUMNS="120", LINES="36")
    # Warm the file cache (first imports of a fresh venv are slower for both).
    _run_child(BARE_CHILD, opts.headless, env)
    _run_child(APP_CHILD, opts.headless, env)

    bare: list[float] = []
    ours: list[float] = []
    tui_only: list[float] = []
    for _ in range(opts.repeat):
        bare.append(_run_child(BARE_CHILD, opts.headless, env))
        ours.append(_run_child(APP_CHILD, opts.headless, env, "cli"))
        tui_only.append(_run_child(APP_CHILD, opts.headless, env, "tui"))
    b = statistics.median(bare)
    mode = "headless" if opts.headless else "pty 120x36"
    print(f"first paint ({mode}, {opts.repeat} runs each, median from process start)")
    print(f"  bare Textual app          : {b * 1000:7.1f} ms   (min {min(bare) * 1000:.1f})")
    for name, times in (("`interview` (CLI entry)", ours), ("TUI alone (run_app)", tui_only)):
        m = statistics.median(times)
        verdict = "ok" if m / b <= TARGET else "over target"
        print(f"  {name:<25} : {m * 1000:7.1f} ms   (min {min(times) * 1000:.1f})   "
              f"ratio {m / b:.2f} (target <= {TARGET}: {verdict})")


if __name__ == "__main__":
    main()

"""Start-up as a user sees it: a bare Textual app versus `interview`, side by side in tmux.

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_first_paint.py [-n 15]

Every run starts the program in a fresh 120x36 tmux window and watches the screen through
one tmux control-mode client (``capture-pane`` every 3 ms, no process spawned per poll).
Times run from the tmux command that launches the program to what is on the screen, with
the loaders running as they do for a user:

- paint: the first screen is visible ("Hello, world" / "Your rounds");
- scores: all five round rows show their figures (or "not practised yet");
- form: the start form is there ("N questions in": the banks are loaded);
- exit: ctrl+q is sent once the data is shown, and the process is gone (a second series
  sends ctrl+q at first paint, while the loaders still run).

The programs alternate (bare, interview, bare, ...), so both see the same machine.
``--against DIR`` adds another checkout of the project (another branch, the main build) to
the rotation: it runs with the same interpreter and libraries, from DIR, with its own cache
dir, so two builds are compared under the same load. CPU time
(user + system, from /proc at each event) is printed next to wall time: it moves much less
with the neighbours' load. `interview` runs through its real entry point with a history of
20 sessions and the shipped banks (bank cache warm after the first run).

Ratios reported (targets in brackets): first paint / bare paint [<= 1.2], home data / bare
paint [<= 1.5].
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

FORM_LINE = re.compile(r"\b\d[\d,]* questions? (?:in|across)\b")  # the form's count line

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello, world")

Bare().run()
"""
ROUND_TITLES = ("Coding screen", "ML theory", "System design", "Behavioral",
                "Portfolio walkthrough")
TICK = 1 / os.sysconf("SC_CLK_TCK")


class Tmux:
    """One private tmux server and one control-mode client to read panes cheaply."""

    def __init__(self) -> None:
        self.socket = f"iv-bench-{uuid.uuid4().hex[:8]}"
        self.run("-f", os.devnull, "new-session", "-d", "-s", "ctl", "-x", "120", "-y", "36")
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.ctl = subprocess.Popen(["tmux", "-L", self.socket, "-C", "attach", "-t", "ctl"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                    encoding="utf-8", errors="replace",
                                    bufsize=1)
        self._reply()  # the attach itself answers first
        self.command("refresh-client -C 120x36")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=True).stdout

    def command(self, line: str) -> list[str]:
        """Send a command to the control client; the lines of its reply."""
        assert self.ctl.stdin is not None
        self.ctl.stdin.write(line + "\n")
        return self._reply()

    def _reply(self) -> list[str]:
        assert self.ctl.stdout is not None
        out: list[str] = []
        inside = False
        while True:
            text = self.ctl.stdout.readline()
            if not text:
                raise RuntimeError("tmux control client ended")
            text = text.rstrip("\n")
            if text.startswith("%begin"):
                inside, out = True, []
            elif text.startswith(("%end", "%error")) and inside:
                return out
            elif inside:
                out.append(text)

    def close(self) -> None:
        with suppress(Exception):
            self.ctl.kill()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       check=False)


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * TICK


@dataclass
class Run:
    paint: float = float("nan")
    data: float = float("nan")
    form: float = float("nan")
    exit: float = float("nan")
    cpu_paint: float = float("nan")
    cpu_data: float = float("nan")
    extra: dict[str, float] = field(default_factory=dict)


def measure(tmux: Tmux, command: str, *, bare: bool, quit_at: str,
            timeout: float = 60.0) -> Run:
    name = f"r{uuid.uuid4().hex[:6]}"
    t0 = time.perf_counter()
    tmux.run("new-window", "-d", "-n", name, "-t", "ctl", command)
    pid = int(tmux.run("display-message", "-p", "-t", f"ctl:{name}", "#{pane_pid}").strip())
    run = Run()
    quit_sent = None
    deadline = t0 + timeout
    while time.perf_counter() < deadline:
        screen = "\n".join(tmux.command(f"capture-pane -p -t ctl:{name}"))
        now = time.perf_counter() - t0
        if run.paint != run.paint and ("Hello, world" in screen if bare
                                       else "Your rounds" in screen):
            run.paint, run.cpu_paint = now, cpu_seconds(pid) or float("nan")
            if bare:
                run.data, run.cpu_data = run.paint, run.cpu_paint
        if (not bare and run.data != run.data
                and all(any(t in line and ("last" in line or "not practised" in line)
                            for line in screen.splitlines()) for t in ROUND_TITLES)):
            run.data, run.cpu_data = now, cpu_seconds(pid) or float("nan")
        if not bare and run.form != run.form and FORM_LINE.search(screen):
            run.form = now
        ready = (run.paint == run.paint if quit_at == "paint"
                 else run.data == run.data and (bare or run.form == run.form))
        if ready and quit_sent is None:
            tmux.run("send-keys", "-t", f"ctl:{name}", "C-q")
            quit_sent = now
        if quit_sent is not None:
            dead = tmux.command(f"display-message -p -t ctl:{name} '#{{pane_dead}}'")
            if dead and dead[0].strip() == "1":
                run.exit = now - quit_sent
                break
        time.sleep(0.003)
    tmux.run("kill-window", "-t", f"ctl:{name}")
    return run


def med(values: list[float]) -> float:
    ok = [v for v in values if v == v]
    return statistics.median(ok) if ok else float("nan")


def spread(values: list[float]) -> str:
    ok = [v for v in values if v == v]
    if not ok:
        return "–"
    return f"{med(ok) * 1000:,.0f} ({min(ok) * 1000:,.0f}–{max(ok) * 1000:,.0f})"


def setup_data(folder: Path) -> None:
    from benchmarks.history_fixture import build_history

    build_history(f"sqlite:///{folder / 'history.db'}", sessions=20, users=["bench"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=11, help="runs of each program (default 11)")
    ap.add_argument("--against", type=Path, metavar="DIR",
                    help="another checkout of the project to run in the same rotation")
    args = ap.parse_args()
    if args.against is not None and not (args.against / "interview" / "tui").is_dir():
        sys.exit(f"{args.against}: not a checkout of this project (no interview/tui)")
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for this benchmark")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set; users have bytecode caching on "
              "(run with env -u PYTHONDONTWRITEBYTECODE)")
    tmp = Path(tempfile.mkdtemp(prefix="iv-paint-"))
    data = tmp / "data"
    data.mkdir()
    setup_data(data)
    py = shlex.quote(sys.executable)

    def command(tree: Path, cache: str, code: str) -> str:
        env = (f"env -u PYTHONDONTWRITEBYTECODE INTERVIEW_DATA_DIR={shlex.quote(str(data))} "
               f"INTERVIEW_CACHE_DIR={shlex.quote(str(tmp / cache))} INTERVIEW_USER=bench "
               "TERM=xterm-256color")
        return f"cd {shlex.quote(str(tree))} && exec {env} {py} {code}"

    bare_cmd = command(ROOT, "cache", f"-c {shlex.quote(BARE)}")
    app_cmd = command(ROOT, "cache", "-m interview")
    order = [("bare", bare_cmd, True, "data"), ("interview", app_cmd, False, "data"),
             ("quit-loading", app_cmd, False, "paint")]
    if args.against is not None:
        order.append(("against", command(args.against.resolve(), "cache-against",
                                         "-m interview"), False, "data"))
    tmux = Tmux()
    try:
        for label, cmd, bare, _ in order:  # warm caches (bytecode, banks)
            if label != "quit-loading":
                measure(tmux, cmd, bare=bare, quit_at="data")
        series: dict[str, list[Run]] = {label: [] for label, *_ in order}
        for i in range(args.n):
            k = i % len(order)
            for label, cmd, bare, quit_at in order[k:] + order[:k]:
                series[label].append(measure(tmux, cmd, bare=bare, quit_at=quit_at))
    finally:
        tmux.close()
        shutil.rmtree(tmp, ignore_errors=True)
    report(series, args.n, args.against)


def report(series: dict[str, list[Run]], n: int, against: Path | None) -> None:
    bare, early = series["bare"], series["quit-loading"]
    builds = [("interview (20 sessions)", series["interview"])]
    if against is not None:
        builds.append((f"  same, from {against.name}", series["against"]))
    print(f"{n} runs each, interleaved; tmux 120x36; ms, median (min–max)\n")
    print(f"{'':34} {'paint':>22} {'scores':>22} {'form':>22} {'CPU paint':>10} "
          f"{'CPU scores':>10} {'ctrl+q → exit':>20}")
    rows = [("bare Textual app (one Static)", bare, False), *((label, runs, True)
            for label, runs in builds), ("interview, ctrl+q at first paint", early, False)]
    for label, runs, full in rows:
        print(f"{label:34} {spread([r.paint for r in runs]):>22} "
              f"{spread([r.data for r in runs]) if full else '–':>22} "
              f"{spread([r.form for r in runs]) if full else '–':>22} "
              f"{med([r.cpu_paint for r in runs]) * 1000:>10,.0f} "
              f"{(med([r.cpu_data for r in runs]) * 1000 if full else float('nan')):>10,.0f} "
              f"{spread([r.exit for r in runs]):>20}")
    bare_paint = med([r.paint for r in bare])
    bare_cpu = med([r.cpu_paint for r in bare])
    for label, runs in builds:
        print(f"\n{label.strip()}:")
        print(f"first paint / bare paint: {med([r.paint for r in runs]) / bare_paint:.2f} "
              f"(target <= 1.2; CPU {med([r.cpu_paint for r in runs]) / bare_cpu:.2f})")
        print(f"home data   / bare paint: {med([r.data for r in runs]) / bare_paint:.2f} "
              f"(target <= 1.5; CPU {med([r.cpu_data for r in runs]) / bare_cpu:.2f})")
        print(f"start form  / bare paint: {med([r.form for r in runs]) / bare_paint:.2f}")


if __name__ == "__main__":
    main()

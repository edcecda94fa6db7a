"""History at scale: `history` and `stats`, and the Home and History screens, at 100, 1,000
and 10,000 sessions (SQLite), and for a 50-member PostgreSQL cohort with --all-users.

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_history_scale.py [-n 5]
        [--sizes 100,1000,10000] [--no-postgres] [--no-tui]

The histories are built by bulk-inserting realistic rows (``history_fixture.py``: real
scored answers and criterion rows; about 5 answers per session). Whole commands run as fresh
processes (``python -m interview ...``), median of N, with their peak RSS and CPU time from
the kernel (wait4). The screens are timed in-process with Textual's headless driver, from
the app's start to the filled Home rows, then from F2 to a filled History table with its
trends. Targets at 10,000 sessions: commands <= 0.5 s and <= 200 MB, screens <= 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.history_fixture import build_history  # noqa: E402

# The command as a user runs it, reporting its own peak RSS (VmHWM) on exit: the kernel's
# ru_maxrss of a child would include the pages it shared with this (large) parent at fork.
LAUNCH = (
    "import atexit, runpy, sys\n"
    "def hwm():\n"
    "    text = open('/proc/self/status').read()\n"
    "    print('VmHWM', text.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
    "atexit.register(hwm)\n"
    "sys.argv = ['interview', *sys.argv[1:]]\n"
    "runpy.run_module('interview', run_name='__main__')\n"
)


def run_command(url: str, user: str, *args: str, runs: int) -> tuple[float, float, float]:
    """Median wall seconds, median CPU seconds and max peak RSS (MB) of a whole command."""
    walls, cpus, peaks = [], [], []
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, "-c", LAUNCH, "--db", url, "--user", user, *args]
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        err = proc.stderr.read().decode() if proc.stderr else ""
        if os.waitstatus_to_exitcode(status) != 0 or "VmHWM" not in err:
            raise RuntimeError(f"{' '.join(args)} failed: {err}")
        walls.append(wall)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(int(err.split("VmHWM")[1].split()[0]) / 1024)
    walls, cpus, peaks = walls[1:], cpus[1:], peaks[1:]  # the first run warms the caches
    return statistics.median(walls), statistics.median(cpus), max(peaks)


async def screens(url: str, user: str, data_dir: Path) -> tuple[float, float, float, float]:
    """Seconds to a filled Home, then from F2 to a filled History (headless), each with the
    CPU seconds the process used meanwhile (all threads: the loaders run in workers)."""
    from interview.config import Settings
    from interview.tui.app import build_app
    from interview.tui.screens.history import HistoryScreen
    from interview.tui.widgets.round_row import RoundRow

    settings = Settings.build(data_dir=data_dir, db_url=url, user=user)
    app = build_app(settings)
    t0, c0 = time.perf_counter(), time.process_time()
    async with app.run_test(size=(120, 36)) as pilot:
        while True:
            rows = [str(r.render()) for r in app.screen.query(RoundRow)]
            if rows and all("loading" not in r for r in rows):
                break
            await asyncio.sleep(0.005)
        home, home_cpu = time.perf_counter() - t0, time.process_time() - c0
        t1, c1 = time.perf_counter(), time.process_time()
        await pilot.press("f2")
        while True:
            screen = app.screen
            if (isinstance(screen, HistoryScreen) and screen.loaded
                    and "loading" not in str(screen.query_one("#history-empty").render())
                    and str(screen.query_one("#missed-list").render()).strip()):
                break
            await asyncio.sleep(0.005)
        history, history_cpu = time.perf_counter() - t1, time.process_time() - c1
        await pilot.press("ctrl+q")
    return home, home_cpu, history, history_cpu


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(label: str, url: str, user: str, args: argparse.Namespace, all_users: bool,
           data_dir: Path) -> None:
    extra = ("--all-users",) if all_users else ()
    hist = run_command(url, user, "history", *extra, runs=args.n)  # the latest 50, a count
    every = run_command(url, user, "history", "--all", *extra, runs=args.n)
    stats = run_command(url, user, "stats", *extra, runs=args.n)
    line = (f"| {label} | {hist[0]:.2f} s ({hist[1]:.2f} CPU), {hist[2]:.0f} MB "
            f"| {every[0]:.2f} s ({every[1]:.2f} CPU), {every[2]:.0f} MB "
            f"| {stats[0]:.2f} s ({stats[1]:.2f} CPU), {stats[2]:.0f} MB |")
    if not args.no_tui and not all_users:
        home, home_cpu, history, history_cpu = asyncio.run(screens(url, user, data_dir))
        line += f" {home:.2f} s ({home_cpu:.2f} CPU) | {history:.2f} s ({history_cpu:.2f} CPU) |"
    else:
        line += " – | – |"
    print(line + f" <!-- load {os.getloadavg()[0]:.1f} -->", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5, help="runs per command (default 5)")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--no-tui", action="store_true")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="keep the built SQLite histories here and reuse them")
    args = ap.parse_args()
    tmp = args.workdir or Path(tempfile.mkdtemp(prefix="iv-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    os.environ["INTERVIEW_CACHE_DIR"] = str(tmp / "cache")
    print(f"<!-- load average {os.getloadavg()[0]:.1f} at start -->")
    print("| history | `history` | `history --all` | `stats` | Home ready | History ready |")
    print("|---|--:|--:|--:|--:|--:|")
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        url = f"sqlite:///{tmp / f'h{size}.db'}"
        if not (tmp / f"h{size}.db").exists():
            t = time.perf_counter()
            counts = build_history(url, sessions=size, users=["me"])
            print(f"<!-- built {size} sessions ({counts['attempts']} answers, "
                  f"{counts['criteria']} criterion rows) in {time.perf_counter() - t:.0f} s -->",
                  flush=True)
        data = tmp / f"data{size}"
        data.mkdir(exist_ok=True)
        report(f"SQLite, {size:,} sessions", url, "me", args, False, data)
    if not args.no_postgres:
        from tests.store.pgserver import get_server

        server = get_server()
        if server is None:
            print("(no PostgreSQL server binaries: cohort skipped)")
            return
        url = server.new_database()
        users = [f"member{i:02d}" for i in range(50)]
        build_history(url, sessions=10_000, users=users)
        data = tmp / "data-pg"
        data.mkdir(exist_ok=True)
        report("PostgreSQL cohort, 1 member (≈200 sessions)", url, users[0], args, False, data)
        report("PostgreSQL cohort, --all-users (10,000)", url, users[0], args, True, data)


if __name__ == "__main__":
    main()

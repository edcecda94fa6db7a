"""History at scale: `history` and `stats`, and the Home and History screens, at 100, 1,000
and 10,000 sessions (SQLite), and for a 50-member PostgreSQL cohort with --all-users.

    env -u PYTHONDONTWRITEBYTECODE uv run python benchmarks/bench_history_scale.py [-n 5]
        [--sizes 100,1000,10000] [--no-postgres] [--no-tui] [--baseline SRC]
        [--pg-url URL] [--cohort-roles]
        [--screens-only] [--screen-runs 7] [--no-snapshot] [--workdir DIR]

``--baseline SRC`` runs the build whose source tree is SRC as well (for instance
``git archive <commit> | tar -x -C SRC``), interleaved with this one, on a copy of each
SQLite history taken down to the schema that build knows: before/after in one run (on the
PostgreSQL cohort too, when that build knows the same schema revision).

``--pg-url URL`` reads a cohort database built before (50 members x 200 sessions, by this
script or ``history_fixture.build_history``) instead of building one on a fresh server.
``--cohort-roles`` also turns on the cohort's row-level security (``interview cohort
init``) and measures as a member role (``member00``, who sees their own 200 sessions
whatever ``--all-users`` says) and as a mentor role (who reads all 10,000).

The histories are built by bulk-inserting realistic rows (``history_fixture.py``: real
scored answers and criterion rows; about 5 answers per session). Whole commands run as fresh
processes (``python -m interview ...``), median of N, with their peak RSS and CPU time from
the kernel (wait4). The screens are timed in-process with Textual's headless driver, from
the app's start to the filled Home rows, then from F2 to a filled History table with its
trends; with ``--screen-runs K``, K runs per build in turn after one that warms the caches.
Targets at 10,000 sessions: commands <= 0.5 s and <= 200 MB, screens <= 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--screens" not in sys.argv:  # timing the screens of a build given on PYTHONPATH
    sys.path.insert(0, str(ROOT))

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


def _cwd(extra: dict[str, str]) -> str:
    """Where a variant runs: ``python -c`` puts the working folder first on sys.path, so a
    previous build's source must be the working folder for its ``interview`` to load."""
    return extra.get("PYTHONPATH") or str(ROOT)


def run_command(variants: list[tuple[str, dict[str, str]]], user: str, *args: str,
                runs: int) -> list[tuple[float, float, float]]:
    """Per variant (a database URL and extra environment: the previous build's source on
    PYTHONPATH, say), run in turn: median wall seconds, median CPU seconds and max peak RSS
    (MB) of a whole command."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples: list[list[tuple[float, float, float]]] = [[] for _ in variants]
    for i in range(runs + 1):
        for (url, extra), out in zip(variants, samples, strict=True):
            cmd = [sys.executable, "-c", LAUNCH, "--db", url, "--user", user, *args]
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    env={**base, **extra}, cwd=_cwd(extra))
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            err = proc.stderr.read().decode() if proc.stderr else ""
            if os.waitstatus_to_exitcode(status) != 0 or "VmHWM" not in err:
                raise RuntimeError(f"{' '.join(args)} failed: {err}")
            if i:  # the first run warms the caches
                out.append((wall, usage.ru_utime + usage.ru_stime,
                            int(err.split("VmHWM")[1].split()[0]) / 1024))
    return [(statistics.median(w for w, _, _ in s), statistics.median(c for _, c, _ in s),
             max(p for _, _, p in s)) for s in samples]


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
            if time.perf_counter() - t0 > 300:
                raise RuntimeError("Home never filled its rows")
            rows = [str(r.render()) for r in app.screen.query(RoundRow)]
            if rows and all("loading" not in r for r in rows):
                break
            await asyncio.sleep(0.005)
        home, home_cpu = time.perf_counter() - t0, time.process_time() - c0
        t1, c1 = time.perf_counter(), time.process_time()
        await pilot.press("f2")
        while True:
            if time.perf_counter() - t1 > 300:
                raise RuntimeError("History never finished loading")
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


def screens_in_process(url: str, user: str, data_dir: Path,
                       extra: dict[str, str]) -> tuple[float, float, float, float]:
    """``screens`` in a fresh process (with ``extra`` environment: a previous build)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--screens", url, user,
                          str(data_dir)], env={**env, **extra}, capture_output=True, text=True,
                         check=True, cwd=_cwd(extra), timeout=600)
    home, home_cpu, history, history_cpu = map(float, out.stdout.split()[-4:])
    return home, home_cpu, history, history_cpu


def screen_cells(variants: list[tuple[str, dict[str, str]]], user: str, data_dir: Path,
                 args: argparse.Namespace) -> list[str]:
    """The screens of each variant, run in turn ``--screen-runs`` times after one run that
    warms the caches (bank cache, Home's snapshot): median seconds and CPU, CPU range.
    ``--no-snapshot`` removes Home's snapshot before each run (the first start after the
    history changed: Home waits for its figures)."""
    samples: list[list[tuple[float, float, float, float]]] = [[] for _ in variants]
    for run in range(args.screen_runs + 1):
        for i, (v_url, v_env) in enumerate(variants):
            folder = data_dir / f"variant{i}"
            folder.mkdir(exist_ok=True)
            if args.no_snapshot:
                for old in (Path(os.environ["INTERVIEW_CACHE_DIR"])).glob("home-*.json"):
                    old.unlink()
            figures = screens_in_process(v_url, user, folder, v_env)
            if run:
                samples[i].append(figures)
    out = []
    for runs in samples:
        med = [statistics.median(r[k] for r in runs) for k in range(4)]
        home_cpu = [r[1] for r in runs]
        hist_cpu = [r[3] for r in runs]
        out.append(f" {med[0]:.2f} s ({med[1]:.2f} CPU, {min(home_cpu):.2f}-{max(home_cpu):.2f})"
                   f" | {med[2]:.2f} s ({med[3]:.2f} CPU, {min(hist_cpu):.2f}-"
                   f"{max(hist_cpu):.2f}) |")
    return out


def _cell(r: tuple[float, float, float]) -> str:
    if r[0] != r[0]:  # not measured (--screens-only)
        return "–"
    return f"{r[0]:.2f} s ({r[1]:.2f} CPU), {r[2]:.0f} MB"


def report(label: str, url: str, user: str, args: argparse.Namespace, all_users: bool,
           data_dir: Path, baseline: tuple[str, dict[str, str]] | None = None) -> None:
    """One table line (two with a baseline: the previous build's first, run interleaved)."""
    extra = ("--all-users",) if all_users else ()
    variants = [baseline] if baseline else []
    variants.append((url, {}))
    blank = [(float("nan"),) * 3] * len(variants)
    skip = args.screens_only
    hist = blank if skip else run_command(variants, user, "history", *extra,  # the latest 50
                                          runs=args.n)
    every = blank if skip else run_command(variants, user, "history", "--all", *extra,
                                           runs=args.n)
    stats = blank if skip else run_command(variants, user, "stats", *extra, runs=args.n)
    tui: list[str] = [" – | – |"] * len(variants)
    if not args.no_tui and not all_users:
        tui = screen_cells(variants, user, data_dir, args)
    for i in range(len(variants)):
        name = label + (" (previous build)" if baseline and i == 0 else "")
        print(f"| {name} | {_cell(hist[i])} | {_cell(every[i])} | {_cell(stats[i])} |"
              + tui[i] + f" <!-- load {os.getloadavg()[0]:.1f} -->", flush=True)


def baseline_copy(url: str, source: Path) -> tuple[str, dict[str, str]]:
    """A copy of the SQLite history at ``url`` taken down to the schema the build in
    ``source`` knows, and the environment that runs that build."""
    from alembic import command

    from interview.store.db import _alembic_config, create_db_engine

    env = {"PYTHONPATH": str(source)}
    rev = _revision(env)
    print(f"<!-- previous build: schema revision {rev} -->", flush=True)
    path = Path(url.removeprefix("sqlite:///"))
    copy = path.with_name(path.stem + "-base" + path.suffix)
    if not copy.exists():
        shutil.copyfile(path, copy)
        engine = create_db_engine(f"sqlite:///{copy}")
        cfg = _alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, rev)
        engine.dispose()
    return f"sqlite:///{copy}", env


def _revision(env: dict[str, str]) -> str:
    """The newest schema revision the build run with ``env`` knows."""
    return subprocess.run(
        [sys.executable, "-c", "from interview.store.db import head_revision as h; print(h())"],
        env={**os.environ, **env}, capture_output=True, text=True, check=True,
        cwd=_cwd(env)).stdout.strip()


def _as_role(url: str, role: str) -> str:
    """The cohort URL logged in as ``role`` (the test server trusts local logins)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{role}@{rest.split('@', 1)[1]}"


def cohort_roles(url: str) -> tuple[str, str]:
    """Row-level security on the cohort at ``url`` (its owner's URL), with a member role
    ``member00`` and a mentor role ``mentor00``; their URLs."""
    from click.testing import CliRunner

    from interview.cli import cli

    for args in (["cohort", "init"], ["cohort", "add", "member00"],
                 ["cohort", "add", "mentor00", "--mentor"]):
        res = CliRunner().invoke(cli, ["--db", url, *args])
        if res.exit_code != 0 and "already exists" not in res.output:
            raise RuntimeError(f"cohort {' '.join(args)}: {res.output}")
    return _as_role(url, "member00"), _as_role(url, "mentor00")


def postgres(args: argparse.Namespace, tmp: Path) -> None:
    """The cohort rows: 50 members x 200 sessions."""
    from benchmarks.history_fixture import build_history

    users = [f"member{i:02d}" for i in range(50)]
    url = args.pg_url
    if url is None:
        from tests.store.pgserver import get_server

        server = get_server()
        if server is None:
            print("(no PostgreSQL server binaries: cohort skipped)")
            return
        url = server.new_database()
        build_history(url, sessions=10_000, users=users)
    data = tmp / "data-pg"
    data.mkdir(exist_ok=True)
    env = {"PYTHONPATH": str(args.baseline.resolve())} if args.baseline else None
    if env is not None and _revision(env) != _revision({}):
        print("<!-- the previous build knows another schema: the cohort without it -->")
        env = None

    def base(v_url: str) -> tuple[str, dict[str, str]] | None:
        return None if env is None else (v_url, env)
    report("PostgreSQL cohort, 1 member (≈200 sessions)", url, users[0], args, False, data,
           base(url))
    report("PostgreSQL cohort, --all-users (10,000)", url, users[0], args, True, data,
           base(url))
    if args.cohort_roles:
        member, mentor = cohort_roles(url)
        report("PostgreSQL cohort with row-level security, as member00", member, users[0],
               args, False, data, base(member))
        report("PostgreSQL cohort with row-level security, as member00, --all-users", member,
               users[0], args, True, data, base(member))
        report("PostgreSQL cohort with row-level security, as a mentor, --all-users", mentor,
               users[0], args, True, data, base(mentor))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5, help="runs per command (default 5)")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--no-tui", action="store_true")
    ap.add_argument("--screens-only", action="store_true",
                    help="time only the screens (no commands, no PostgreSQL)")
    ap.add_argument("--screen-runs", type=int, default=1,
                    help="runs of the screens per build, after one that warms the caches")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="remove Home's snapshot before each screens run")
    ap.add_argument("--baseline", type=Path, default=None, metavar="SRC",
                    help="also run the build whose source tree is SRC (e.g. `git archive` of the "
                         "previous commit), interleaved, on a copy of each SQLite history")
    ap.add_argument("--screens", nargs=3, metavar=("URL", "USER", "DIR"),
                    help=argparse.SUPPRESS)  # internal: time the screens, print 4 figures
    ap.add_argument("--workdir", type=Path, default=None,
                    help="keep the built SQLite histories here and reuse them")
    ap.add_argument("--pg-url", default=None, metavar="URL",
                    help="a cohort database built before (50 members x 200 sessions)")
    ap.add_argument("--cohort-roles", action="store_true",
                    help="also measure with row-level security, as a member and a mentor")
    args = ap.parse_args()
    if args.screens:
        url, user, folder = args.screens
        print(*asyncio.run(screens(url, user, Path(folder))))
        return
    from benchmarks.history_fixture import build_history

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
        base = baseline_copy(url, args.baseline.resolve()) if args.baseline else None
        report(f"SQLite, {size:,} sessions", url, "me", args, False, data, base)
    if not args.no_postgres and not args.screens_only:
        postgres(args, tmp)


if __name__ == "__main__":
    main()

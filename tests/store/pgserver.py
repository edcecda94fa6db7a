"""A throwaway PostgreSQL server for the tests: started once per test run, on a unix socket.

The server binaries are looked up on PATH, then in /usr/lib/postgresql/*/bin. initdb refuses
to run as root, so as root the server runs as the ``postgres`` user (via runuser).
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(d) / "pg_ctl").exists() and (Path(d) / "initdb").exists():
            return Path(d)
    return None


@dataclass
class PgServer:
    bin_dir: Path
    root: Path
    as_user: str | None
    _counter: itertools.count[int]

    @property
    def socket_dir(self) -> Path:
        return self.root

    def _cmd(self, *args: str) -> list[str]:
        if self.as_user:
            return ["runuser", "-u", self.as_user, "--", *args]
        return list(args)

    def _run(self, *args: str) -> None:
        proc = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {proc.stderr or proc.stdout}\n{tail}")

    def start(self) -> None:
        data = self.root / "data"
        self._run(str(self.bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
        opts = (f"-k {self.root} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "-t", "60",
                  "-l", str(self.root / "server.log"), "start")

    def stop(self) -> None:
        subprocess.run(self._cmd(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"),
                                 "-m", "immediate", "-w", "stop"),
                       capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        import psycopg

        name = f"interview_test_{next(self._counter)}"
        with psycopg.connect(host=str(self.socket_dir), user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


_SERVER: PgServer | None = None
_FAILED: str | None = None


def get_server() -> PgServer | None:
    """The shared server (started on first call); None when no binaries are installed."""
    global _SERVER, _FAILED
    if _SERVER is not None:
        return _SERVER
    if _FAILED is not None:
        raise RuntimeError(_FAILED)
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None
    root = Path(tempfile.mkdtemp(prefix="iv-pg-"))
    as_user = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_user = "postgres"
    server = PgServer(bin_dir, root, as_user, itertools.count(1))
    try:
        server.start()
    except Exception as exc:
        server.stop()
        _FAILED = f"could not start PostgreSQL: {exc}"
        raise
    _SERVER = server
    atexit.register(server.stop)
    return server

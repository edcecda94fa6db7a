"""Start the real `interview` command in tmux, read the screen, quit with ctrl+q."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .conftest import FIXTURE_BANKS

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
              pytest.mark.slow]


SOCKET = f"interview-smoke-{uuid.uuid4().hex[:8]}"  # our own tmux server, nobody else's


def tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True,
                          check=check)


def _capture(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session, check=False).stdout


def _wait_for(session: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _capture(session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear; the screen was:\n{screen}")


def test_interview_command_in_tmux(data_dir: Path, tmp_path: Path) -> None:
    session = "smoke"
    done = tmp_path / "exit-code"
    # The environment goes on the command line: a tmux server keeps its own environment.
    command = (f"env INTERVIEW_DATA_DIR={shlex.quote(str(data_dir))} INTERVIEW_USER=tester "
               f"INTERVIEW_CACHE_DIR={shlex.quote(str(tmp_path / 'cache'))} "
               f"{shlex.quote(sys.executable)} -m interview --banks "
               f"{shlex.quote(str(FIXTURE_BANKS))}; echo $? > {shlex.quote(str(done))}; sleep 30")
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(["tmux", "-L", SOCKET, "-f", os.devnull, "new-session", "-d", "-s", session,
                    "-x", "100", "-y", "30", command], check=True, env=env)
    try:
        screen = _wait_for(session, "Your rounds")
        assert "Portfolio walkthrough" in screen
        _wait_for(session, "Start ▶")  # the banks loaded and the form is there
        tmux("send-keys", "-t", session, "C-q")
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists(), _capture(session)
        assert done.read_text().strip() == "0"
    finally:
        tmux("kill-server", check=False)

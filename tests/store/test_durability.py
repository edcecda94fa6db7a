"""Durability: kill -9 mid-session loses no submitted answer; two writers lose nothing."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interview.config import Settings
from interview.service import Service

pytestmark = pytest.mark.slow  # real processes, killed and racing

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"
ROOT = Path(__file__).parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The fixture banks only: the shipped library plays no part here.
    env.update(PYTHONUNBUFFERED="1", INTERVIEW_DATA_DIR=str(tmp_path / "data"),
               INTERVIEW_USER="tester", INTERVIEW_NO_SHIPPED="1")
    env.pop("INTERVIEW_DB_URL", None)
    return env


class Lines:
    """Reads a process's stdout in a thread so the test can wait for a line with a timeout."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.q: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert proc.stdout is not None
        out = proc.stdout

        def pump() -> None:
            for line in out:
                self.q.put(line)

        threading.Thread(target=pump, daemon=True).start()

    def wait_for(self, needle: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.q.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if needle in line:
                return
        raise AssertionError(f"never saw {needle!r}; output so far:\n{''.join(self.seen)}")


def test_kill_9_mid_session_keeps_every_submitted_answer(tmp_path: Path, db_url: str) -> None:
    cmd = [sys.executable, "-m", "interview", "--banks", str(FIXTURES), "--db", db_url,
           "practice", "--round", "ml-theory", "-n", "3", "--seed", "1", "--plain",
           "-q", "mlt-fx-overfit", "-q", "mlt-fx-bias", "-q", "mlt-fx-leak"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(tmp_path), cwd=ROOT)
    assert proc.stdin is not None
    out = Lines(proc)
    try:
        out.wait_for("Question 1/3")
        proc.stdin.write("It memorises noise in the training data.\n.\n")
        proc.stdin.flush()
        out.wait_for("Question 2/3")
        proc.stdin.write("Bias comes from wrong assumptions.\nVariance too.\n.\n")
        proc.stdin.flush()
        out.wait_for("Question 3/3")
        proc.stdin.write("This third answer is typed but never finished")
        proc.stdin.flush()
        time.sleep(0.2)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    svc = Service(Settings.build(db_url=db_url, user="tester", shipped_banks=False,
                                 banks=[str(FIXTURES)]))
    [rec] = svc.history()
    assert rec.status == "unfinished" and rec.answers == 2
    detail = svc.session_detail(rec.id)
    answers = [a.answer for q in detail.questions for a in q.attempts]
    assert answers == ["It memorises noise in the training data.",
                       "Bias comes from wrong assumptions.\nVariance too."]
    assert [r.id for r in svc.unfinished_sessions()] == [rec.id]
    # And it can be resumed at question 3.
    handle = svc.resume(rec.id)
    assert handle.question is not None and handle.question.id == "mlt-fx-leak"
    svc.close()


WRITER = """
import sys
from interview.config import Settings
from interview.service import Service, SessionConfig
url, banks, user, go, count = sys.argv[1:6]
import os, time
while not os.path.exists(go):
    time.sleep(0.005)
svc = Service(Settings.build(db_url=url, user=user, banks=[banks], shipped_banks=False))
for i in range(int(count)):
    h = svc.start_session(SessionConfig(round="ml-theory", n=2, seed=i, max_followups=0))
    h.start()
    h.submit(f"{user} answer {i}.1 memorises noise")
    h.next()
    h.submit(f"{user} answer {i}.2 wrong assumptions")
    h.next()
svc.close()
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, db_url: str) -> None:
    go = tmp_path / "go"
    count = 6
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db_url, str(FIXTURES), user,
                               str(go), str(count)], env=_env(tmp_path), cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for user in ("ada", "bob")]
    time.sleep(0.3)
    go.touch()  # both start on a fresh database at once (migrations included)
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    svc = Service(Settings.build(db_url=db_url, user="ada"))
    everyone = svc.history(all_users=True)
    assert len(everyone) == 2 * count
    assert all(r.status == "finished" and r.answers == 2 for r in everyone)
    assert {r.user for r in everyone} == {"ada", "bob"}
    assert len(svc.history()) == count  # only ada's by default
    texts = {a.answer for r in everyone
             for q in svc.session_detail(r.id, all_users=True).questions for a in q.attempts}
    assert len(texts) == 2 * count * 2
    svc.close()

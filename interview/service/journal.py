"""The answer journal: nothing submitted is ever lost.

Before an attempt goes to the database it is appended to ``<data dir>/journal.jsonl`` and
fsynced. When the database write succeeds an acknowledgement line follows; when it fails
(dead server, full disk, missing table...) the caller gets ``AnswerKeptError`` ("kept and
will be retried") and the entry stays. Entries without an acknowledgement are written again
the next time the database is opened (``replay``), for the same database only; writing an
attempt twice is harmless (the repository upserts by session, question and attempt number).

What is written to the database is exactly what was journaled, after NUL characters (which
PostgreSQL text and JSON cannot hold) were replaced by U+FFFD, in every text field.

The journal and its folder are private: the file is 0600, the data dir 0700. Once every
entry is acknowledged the file is emptied.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import JOURNAL_NAME, tighten_folder
from ..store.errors import DatabaseError
from ..store.repository import Repository

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Engine

    from ..domain.attempt import Attempt

NUL_REPLACEMENT = "\ufffd"
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


class AnswerKeptError(DatabaseError):
    """The database write failed; the answer is safe in the journal and will be retried."""


class AnswerLostError(DatabaseError):
    """Neither the journal nor the database could take the answer."""


def strip_nul(value: Any) -> Any:
    """``value`` (JSON-like) with every NUL character in its text replaced."""
    if isinstance(value, str):
        return value.replace("\x00", NUL_REPLACEMENT) if "\x00" in value else value
    if isinstance(value, list):
        return [strip_nul(v) for v in value]
    if isinstance(value, dict):
        return {strip_nul(k): strip_nul(v) for k, v in value.items()}
    return value


def private_dir(path: Path) -> None:
    """Create ``path`` (and parents) with mode 0700 for the folder itself, or tighten it to
    0700 when we own it."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    tighten_folder(path)


def attempt_to_json(att: Attempt) -> dict[str, Any]:
    """An attempt as journal data (the same fields the database row gets)."""
    from ..store.convert import attempt_values

    data = attempt_values(att)
    data.pop("band", None)  # derived from the score
    data["attempt"] = att.attempt
    clean: dict[str, Any] = strip_nul(data)
    return clean


def attempt_from_json(data: dict[str, Any]) -> Attempt:
    from ..domain.attempt import Attempt
    from ..scoring.report import ScoreReport
    from ..store.convert import followup_from_json

    fields = dict(data)
    report = fields.get("report")
    fields["report"] = ScoreReport.model_validate(report) if report is not None else None
    fields["followups"] = tuple(followup_from_json(f) for f in fields.get("followups") or ())
    return Attempt(**fields)


class Journal:
    """An append-only, fsynced log of attempts on their way to the database."""

    def __init__(self, data_dir: Path) -> None:
        self.dir = Path(data_dir)
        self.path = self.dir / JOURNAL_NAME
        try:
            key = self.path.resolve() if self.dir.exists() else self.path
        except OSError:
            key = self.path
        with _locks_guard:
            self._lock = _locks.setdefault(key, threading.Lock())

    # -- writing ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[int]:
        """The journal file, open for appending and locked against other programs (flock)
        as well as other threads of this one."""
        private_dir(self.dir)
        with self._lock:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                if os.fstat(fd).st_mode & 0o077:
                    os.fchmod(fd, 0o600)
                with contextlib.suppress(ImportError):
                    import fcntl

                    fcntl.flock(fd, fcntl.LOCK_EX)
                yield fd
            finally:
                os.close(fd)  # releases the flock

    def _append(self, lines: list[dict[str, Any]], fd: int | None = None) -> None:
        data = "".join(json.dumps(line, ensure_ascii=True) + "\n" for line in lines).encode()
        if fd is None:
            with self._locked() as locked:
                self._write(locked, data)
        else:
            self._write(fd, data)

    @staticmethod
    def _write(fd: int, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)

    def record(self, db: str, session_id: int, attempts: Sequence[tuple[int, Attempt]],
               live: dict[str, Any] | None, score: float | None) -> dict[str, Any]:
        """Append one unit of progress (changed attempts, live state, score) and fsync.
        Returns the entry (its data is what to write). Raises OSError when the journal
        cannot be written."""
        entry = {"kind": "progress", "id": uuid.uuid4().hex, "db": db,
                 "session_id": session_id, "score": score, "live": strip_nul(live),
                 "at": datetime.now(UTC).isoformat(timespec="seconds"),
                 "attempts": [{"index": i, "attempt": attempt_to_json(a)} for i, a in attempts]}
        self._append([entry])
        return entry

    def ack(self, entry_id: str) -> None:
        """Mark an entry written; empties the file when nothing is left pending (under the
        lock, so an entry another program is appending is never cut away)."""
        with contextlib.suppress(OSError), self._locked() as fd:
            self._append([{"kind": "ack", "id": entry_id}], fd)
            if not self._pending_unlocked():
                os.ftruncate(fd, 0)
                os.fsync(fd)

    # -- reading ---------------------------------------------------------------------------
    def _entries(self) -> list[dict[str, Any]]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        out = []
        for line in text.splitlines():
            with contextlib.suppress(ValueError):
                item = json.loads(line)
                if isinstance(item, dict):
                    out.append(item)
        return out  # a torn last line (a crash mid-append) is skipped

    def _pending_unlocked(self, db: str | None = None) -> list[dict[str, Any]]:
        """Unacknowledged progress entries, oldest first. An attempt that a later entry (for
        the same database, session, question and attempt number) rewrites is dropped from
        the older entry, and so is a live state that a later entry replaces."""
        entries = [e for e in self._entries()
                   if e.get("kind") == "progress" and isinstance(e.get("attempts"), list)]
        acked = {e.get("id") for e in self._entries() if e.get("kind") == "ack"}
        newer_attempts: set[tuple[Any, ...]] = set()
        newer_sessions: set[tuple[Any, ...]] = set()
        out: list[dict[str, Any]] = []
        for e in reversed(entries):
            skey = (e.get("db"), e.get("session_id"))
            keys = [(*skey, a.get("index"), (a.get("attempt") or {}).get("attempt"))
                    for a in e["attempts"] if isinstance(a, dict)]
            if e.get("id") not in acked and (db is None or e.get("db") == db):
                kept = [a for a, k in zip(e["attempts"], keys, strict=False)
                        if k not in newer_attempts]
                out.append({**e, "attempts": kept, "stale_live": skey in newer_sessions})
            newer_attempts.update(keys)
            newer_sessions.add(skey)
        out.reverse()
        return out

    def pending(self, db: str | None = None) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        try:
            with self._locked():
                return self._pending_unlocked(db)
        except OSError:  # a read-only data dir: read without the lock (nobody can write)
            return self._pending_unlocked(db)

    def pending_count(self, db: str | None = None) -> int:
        try:
            return len(self.pending(db))
        except OSError:
            return 0

    def replay(self, repo: Repository, db: str) -> tuple[int, int]:
        """Write every pending entry of database ``db``; (written, still pending)."""
        written = failed = 0
        for entry in self.pending(db):
            try:
                attempts = [(int(a["index"]), attempt_from_json(a["attempt"]))
                            for a in entry["attempts"]]
                sid = int(entry["session_id"])
                if entry.get("stale_live"):
                    repo.save_attempts(sid, attempts)
                else:
                    repo.save_progress(sid, attempts, live=entry.get("live"),
                                       score=entry.get("score"))
            except Exception:  # kept for the next start, whatever the cause
                failed += 1
                continue
            self.ack(str(entry["id"]))
            written += 1
        return written, failed


class JournaledRepository(Repository):
    """The repository with ``save_progress`` going through the journal first."""

    def __init__(self, engine: Engine, data_dir: Path, db_key: str) -> None:
        super().__init__(engine)
        self.journal = Journal(data_dir)
        self.db_key = db_key
        self.unsaved: set[tuple[int, int, int]] = set()
        """(session, question index, attempt) whose last database write failed."""
        self.replayed: tuple[int, int] = self.journal.replay(self, db_key)
        """(written, still pending) by the replay when the database was opened."""

    def save_progress(self, session_id: int, attempts: Sequence[tuple[int, Attempt]], *,
                      live: dict[str, Any] | None, score: float | None) -> None:
        keys = {(session_id, i, a.attempt) for i, a in attempts}
        try:
            entry: dict[str, Any] | None = self.journal.record(self.db_key, session_id,
                                                               attempts, live, score)
        except OSError as exc:
            entry = None
            journal_problem = exc.strerror or str(exc)
        clean = ([(int(a["index"]), attempt_from_json(a["attempt"])) for a in entry["attempts"]]
                 if entry is not None else
                 [(i, attempt_from_json(attempt_to_json(a))) for i, a in attempts])
        try:
            super().save_progress(session_id, clean, live=strip_nul(live), score=score)
        except DatabaseError as exc:
            self.unsaved.update(keys)
            if entry is None:
                raise AnswerLostError(
                    f"your answer could not be saved: the database failed ({exc}) and so did "
                    f"the journal {self.journal.path} ({journal_problem})") from None
            raise AnswerKeptError(
                f"your answer was not saved to the database ({exc}); it is kept in "
                f"{self.journal.path} and will be written the next time interview starts"
            ) from None
        self.unsaved.difference_update(keys)
        if entry is not None:
            self.journal.ack(str(entry["id"]))

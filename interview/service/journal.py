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
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store.errors import DatabaseError
from ..store.repository import Repository

if TYPE_CHECKING:
    from ..engine.session import AttemptUpdate

JOURNAL_NAME = "journal.jsonl"
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
    with contextlib.suppress(OSError):
        info = path.stat()
        if info.st_mode & 0o077 and info.st_uid == os.geteuid():
            path.chmod(0o700)


def update_to_json(update: AttemptUpdate) -> dict[str, Any]:
    from ..store.convert import followup_to_json

    data = asdict(update)
    data["report"] = update.report.model_dump(mode="json") if update.report is not None else None
    data["followups"] = [followup_to_json(f) for f in update.followups]
    clean: dict[str, Any] = strip_nul(data)
    return clean


def update_from_json(data: dict[str, Any]) -> AttemptUpdate:
    from ..engine.session import AttemptUpdate
    from ..scoring.report import ScoreReport
    from ..store.convert import followup_from_json

    fields = dict(data)
    report = fields.get("report")
    fields["report"] = ScoreReport.model_validate(report) if report is not None else None
    fields["followups"] = tuple(followup_from_json(f) for f in fields.get("followups") or ())
    return AttemptUpdate(**fields)


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

    def record(self, db: str, session_id: int, update: AttemptUpdate, total: float) -> dict[str, Any]:
        """Append one attempt and fsync. Returns the entry (its ``update`` is what to write).
        Raises OSError when the journal cannot be written."""
        entry = {"kind": "attempt", "id": uuid.uuid4().hex, "db": db,
                 "session_id": session_id, "total": total,
                 "at": datetime.now(UTC).isoformat(timespec="seconds"),
                 "update": update_to_json(update)}
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
        """Unacknowledged attempts, oldest first; an attempt superseded by a later entry for
        the same (database, session, question, attempt) is dropped, acknowledged or not."""
        entries = self._entries()
        acked = {e.get("id") for e in entries if e.get("kind") == "ack"}
        latest: dict[tuple[Any, ...], dict[str, Any]] = {}
        for e in entries:
            if e.get("kind") != "attempt" or not isinstance(e.get("update"), dict):
                continue
            u = e["update"]
            key = (e.get("db"), e.get("session_id"), u.get("index"), u.get("attempt"))
            latest.pop(key, None)
            latest[key] = e
        return [e for e in latest.values() if e.get("id") not in acked
                and (db is None or e.get("db") == db)]

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
        """Write every pending attempt of database ``db``; (written, still pending)."""
        written = failed = 0
        for entry in self.pending(db):
            try:
                update = update_from_json(entry["update"])
                repo.save_attempt(int(entry["session_id"]), update, float(entry["total"]))
            except Exception:  # kept for the next start, whatever the cause
                failed += 1
                continue
            self.ack(str(entry["id"]))
            written += 1
        return written, failed


class JournaledRepository(Repository):
    """The repository with ``save_attempt`` going through the journal first."""

    journal: Journal
    db_key: str
    unsaved: set[tuple[int, int, int]]
    """(session, question index, attempt) whose last database write failed."""
    replayed: tuple[int, int] = (0, 0)
    """(written, still pending) by the replay when the database was opened."""

    @classmethod
    def open_journaled(cls, url: str, data_dir: Path) -> JournaledRepository:
        from ..store.db import safe_url

        repo = cls.open(url)
        assert isinstance(repo, JournaledRepository)
        repo.journal = Journal(data_dir)
        repo.db_key = safe_url(url)
        repo.unsaved = set()
        repo.replayed = repo.journal.replay(repo, repo.db_key)
        return repo

    def save_attempt(self, session_id: int, u: AttemptUpdate, session_score: float) -> None:
        key = (session_id, u.index, u.attempt)
        try:
            entry: dict[str, Any] | None = self.journal.record(self.db_key, session_id, u,
                                                               session_score)
        except OSError as exc:
            entry = None
            journal_problem = exc.strerror or str(exc)
        clean = update_from_json(entry["update"]) if entry is not None else _clean(u)
        try:
            super().save_attempt(session_id, clean, session_score)
        except DatabaseError as exc:
            self.unsaved.add(key)
            if entry is None:
                raise AnswerLostError(
                    f"your answer could not be saved: the database failed ({exc}) and so did "
                    f"the journal {self.journal.path} ({journal_problem})") from None
            raise AnswerKeptError(
                f"your answer was not saved to the database ({exc}); it is kept in "
                f"{self.journal.path} and will be written the next time interview starts"
            ) from None
        self.unsaved.discard(key)
        if entry is not None:
            self.journal.ack(str(entry["id"]))


def _clean(u: AttemptUpdate) -> AttemptUpdate:
    return update_from_json(update_to_json(u))

"""Moving history between databases: ``interview export --all --format jsonl`` and
``interview import FILE [--as-new]``; plus safe opening of an export's output file.

The JSON Lines file holds one record per line: each question snapshot once
(``{"kind": "snapshot", ...}``), then each session with its questions, attempts and
criterion results, and each attempt's mentor notes (overrides included) and disputes with
their authors' names (``{"kind": "session", ...}``), oldest first. Import reads the whole file
and checks every line before it writes anything; then each session is written in its own
transaction. A session already present (same user, start time, seed, mode and round) is
skipped, unless ``as_new`` asks for a new copy under a new id.

Notes go in under their original authors where this database lets the importing user write
them (SQLite, PostgreSQL without cohort roles, a cohort's mentors and owner). Where it does
not (a cohort member), the sessions are imported without the notes and resolved disputes
(pending disputes, the member's own, still go in), and ``ImportResult`` says how many were
left out and why. Either way the stored session score is recomputed from what was written.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..domain.mentor import DISPUTE_STATUSES, OVERRIDE_MAX, OVERRIDE_MIN
from ..domain.words import plural
from .records import SetupError

if TYPE_CHECKING:
    from .app import Service

FORMAT_TAG = "interview-history"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: int
    notes_skipped: int = 0
    disputes_skipped: int = 0
    skip_reason: str = ""
    """Why notes or disputes were left out (one line), when any were."""

    def skipped_notice(self) -> str:
        """One line saying what was left out and why ("" when nothing was)."""
        parts = [plural(n, what) for n, what in ((self.notes_skipped, "mentor note"),
                                                 (self.disputes_skipped, "dispute"))
                 if n]
        if not parts:
            return ""
        return (f"{' and '.join(parts)} not imported (the sessions were): "
                f"{self.skip_reason}")


# -- output files ----------------------------------------------------------------------------
def open_output(path: Path, *, force: bool) -> IO[str]:
    """Open ``path`` for writing text, refusing anything but a regular file or a new path:
    a symlink, FIFO, device or folder is refused, and an existing file is overwritten only
    with ``force``. Raises ``SetupError`` with a one-line message."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise SetupError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise SetupError(f"{path}: is a symbolic link; refusing to write through it")
        if stat.S_ISDIR(st.st_mode):
            raise SetupError(f"{path}: is a folder; give a file name")
        if not stat.S_ISREG(st.st_mode):
            raise SetupError(f"{path}: is not a regular file (a pipe or device); refusing")
        if not force:
            raise SetupError(f"{path}: already exists; use --force to overwrite it")
    # O_NOFOLLOW and O_EXCL close the gap between the check and the open; O_NONBLOCK makes
    # a FIFO swapped in meanwhile fail instead of blocking.
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
    flags |= os.O_TRUNC if st is not None else os.O_EXCL
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise SetupError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise SetupError(f"{path}: is not a regular file; refusing")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "w", encoding="utf-8")


# -- export ----------------------------------------------------------------------------------
def export_history(svc: Service, out: IO[str], *, all_users: bool = False) -> int:
    """Write the history as JSON Lines to ``out``; returns the number of sessions."""
    from ..store.transfer import export_rows

    header = {"kind": "header", "format": FORMAT_TAG, "version": FORMAT_VERSION}
    out.write(json.dumps(header) + "\n")
    sessions = 0
    with svc._reading() as conn:
        for record in export_rows(conn, user=None if all_users else svc.user):
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            sessions += record["kind"] == "session"
    return sessions


# -- import ----------------------------------------------------------------------------------
_SNAPSHOT_KEYS = {"kind", "content_hash", "question_id", "round", "bank", "data", "created_at"}
_SESSION_KEYS = {"kind", "user", "started_at", "updated_at", "finished_at", "mode", "round",
                 "rounds", "config", "seed", "score", "app_version", "questions", "live_state"}
_QUESTION_KEYS = {"position", "question_id", "round", "snapshot", "attempts"}
_ATTEMPT_KEYS = {"attempt_no", "answer", "skipped", "score", "band", "report", "hints_used",
                 "hint_penalty", "elapsed", "time_limit", "over_time", "followups",
                 "concluded", "created_at", "updated_at", "criteria", "after_reveal",
                 "notes", "disputes"}
# Columns added after the first export format: absent in files written by older versions.
_OPTIONAL = {"created_at", "finished_at", "report", "live_state", "after_reveal", "notes",
             "disputes", "resolved_at"}
_CRITERION_KEYS = {"criterion_id", "label", "weight", "earned", "status", "source"}
_NOTE_KEYS = {"author", "text", "score", "reason", "created_at"}
_DISPUTE_KEYS = {"criterion_id", "criterion_label", "words", "status", "created_at",
                 "resolved_by", "resolved_at", "resolution"}


def _check_keys(obj: Any, keys: set[str], what: str) -> None:
    if not isinstance(obj, dict):
        raise ValueError(f"{what} is not an object")
    missing = keys - set(obj) - _OPTIONAL
    unknown = set(obj) - keys
    if missing:
        raise ValueError(f"{what} lacks {', '.join(sorted(missing))}")
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValueError(f"{what} has unknown field{'s' if len(unknown) > 1 else ''} {names} "
                         "(written by a newer version of interview?)")


def _check_session(rec: dict[str, Any], snapshots: set[str]) -> None:
    _check_keys(rec, _SESSION_KEYS, "session")
    if not isinstance(rec["questions"], list):
        raise ValueError("session questions is not a list")
    for q in rec["questions"]:
        _check_keys(q, _QUESTION_KEYS, "question")
        if q["snapshot"] not in snapshots:
            raise ValueError(f"question refers to an unknown snapshot {str(q['snapshot'])[:16]}")
        for a in q["attempts"]:
            _check_keys(a, _ATTEMPT_KEYS, "attempt")
            for c in a["criteria"]:
                _check_keys(c, _CRITERION_KEYS, "criterion result")
            _check_extras(a)


def _text(value: Any, what: str, *, empty: bool = True) -> None:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise ValueError(f"{what} is not {'a' if empty else 'a non-empty'} string")


def _time(value: Any, what: str) -> None:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} is not an ISO date and time") from None


def _check_extras(a: dict[str, Any]) -> None:
    """An attempt's notes and disputes: the values the tables' constraints would refuse."""
    notes, disputes = a.get("notes", []), a.get("disputes", [])
    if not isinstance(notes, list) or not isinstance(disputes, list):
        raise ValueError("attempt notes or disputes is not a list")
    for n in notes:
        _check_keys(n, _NOTE_KEYS, "note")
        _text(n["author"], "note author", empty=False)
        _text(n["text"], "note text")
        _text(n["reason"], "note reason")
        _time(n["created_at"], "note created_at")
        score = n["score"]
        if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)
                                  or not OVERRIDE_MIN <= score <= OVERRIDE_MAX):
            raise ValueError(f"note score {score!r} is not a number from "
                             f"{OVERRIDE_MIN:.0f} to {OVERRIDE_MAX:.0f}")
    for d in disputes:
        _check_keys(d, _DISPUTE_KEYS, "dispute")
        if d["status"] not in DISPUTE_STATUSES:
            raise ValueError(f"dispute status {d['status']!r} is not one of "
                             f"{', '.join(DISPUTE_STATUSES)}")
        for key in ("criterion_id", "criterion_label", "words", "resolution"):
            _text(d[key], f"dispute {key}")
        _time(d["created_at"], "dispute created_at")
        if d["resolved_by"] is not None:
            _text(d["resolved_by"], "dispute resolved_by", empty=False)
        if d.get("resolved_at") is not None:
            _time(d["resolved_at"], "dispute resolved_at")


def read_history(lines: Iterable[str], name: str) -> list[tuple[int, dict[str, Any]]]:
    """Parse and check every line (``name``: the file, for messages). Raises ``SetupError``
    naming FILE:LINE at the first problem."""
    records: list[tuple[int, dict[str, Any]]] = []
    snapshots: set[str] = set()
    header = False
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("not a JSON object")
            kind = rec.get("kind")
            if not header:
                if kind != "header" or rec.get("format") != FORMAT_TAG:
                    raise ValueError("not an interview history export (no header line)")
                if not isinstance(rec.get("version"), int) or rec["version"] > FORMAT_VERSION:
                    raise ValueError(f"format version {rec.get('version')} is newer than this "
                                     f"program's ({FORMAT_VERSION}); upgrade interview")
                header = True
                continue
            if kind == "snapshot":
                _check_keys(rec, _SNAPSHOT_KEYS, "snapshot")
                snapshots.add(str(rec["content_hash"]))
            elif kind == "session":
                _check_session(rec, snapshots)
            else:
                raise ValueError(f"unknown record kind {kind!r}")
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            msg = str(exc).split(": line ")[0] if isinstance(exc, json.JSONDecodeError) else exc
            raise SetupError(f"{name}:{n}: {msg}") from None
        records.append((n, rec))
    if not header:
        raise SetupError(f"{name}:1: empty file, not an interview history export")
    return records


def import_history(svc: Service, source: str, *, as_new: bool = False) -> ImportResult:
    """Import a JSON Lines export (``source``: a path, or ``-`` for standard input)."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..store.db import describe_error
    from ..store.errors import DatabaseError
    from ..store.summaries import refresh_session as refresh_summaries
    from ..store.transfer import (
        import_session,
        import_snapshot,
        refresh_score,
        session_exists,
    )
    from .mentor import can_mentor

    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            records = read_history(sys.stdin, name)
        else:
            with open(source, encoding="utf-8") as fh:
                records = read_history(fh, name)
    except UnicodeDecodeError:
        raise SetupError(f"{name}: not UTF-8 text") from None
    except OSError as exc:
        raise SetupError(f"{name}: cannot read ({exc.strerror or exc})") from None
    engine = svc._db()
    snapshots: dict[str, dict[str, Any]] = {}
    ids: dict[str, int] = {}
    imported = skipped = notes_skipped = disputes_skipped = 0
    reasons: list[str] = []
    may_note, why_not = can_mentor(svc)
    users: set[str] = set()
    for n, rec in records:
        if rec["kind"] == "snapshot":
            snapshots[rec["content_hash"]] = rec
            continue
        try:
            with engine.begin() as conn:
                if not as_new and session_exists(conn, rec):
                    skipped += 1
                    continue
                for q in rec["questions"]:
                    key = q["snapshot"]
                    if key not in ids:
                        ids[key] = import_snapshot(conn, snapshots[key])
                sid, attempts = import_session(conn, rec, ids)
                n, d = _import_extras(conn, attempts, may_note, engine.url, reasons)
                if why_not and (n or d) and why_not not in reasons:
                    reasons.append(why_not)
                notes_skipped += n
                disputes_skipped += d
                if any(a.get("notes") for _, a in attempts):
                    refresh_score(conn, sid)  # the summaries too
                else:
                    refresh_summaries(conn, sid)
                imported += 1
                users.add(str(rec["user"]))
        except SQLAlchemyError as exc:
            ids.clear()  # snapshot ids written in the failed transaction are gone
            raise DatabaseError(f"{name}:{n}: {describe_error(exc, engine.url)} "
                                f"({plural(imported, 'session')} imported before it)") from None
    _reset_review_cards(engine, users)
    return ImportResult(imported, skipped, notes_skipped, disputes_skipped, "; ".join(reasons))


def _import_extras(conn: Any, attempts: list[tuple[int, dict[str, Any]]], may_note: bool,
                   url: Any, reasons: list[str]) -> tuple[int, int]:
    """Write one session's notes and disputes (notes only when ``may_note``), in a savepoint:
    if the database refuses them (row-level security on a cohort, say) the session is kept
    without them. Returns (notes, disputes) left out; a refusal's reason joins ``reasons``."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..store.db import describe_error
    from ..store.transfer import import_extras

    if not any(a.get("notes") or a.get("disputes") for _, a in attempts):
        return 0, 0
    notes = disputes = 0
    try:
        with conn.begin_nested():
            for aid, a in attempts:
                n, d = import_extras(conn, aid, a, notes=may_note)
                notes += n
                disputes += d
    except SQLAlchemyError as exc:
        why = f"the database refused them ({describe_error(exc, url)})"
        if why not in reasons:
            reasons.append(why)
        return (sum(len(a.get("notes") or []) for _, a in attempts),
                sum(len(a.get("disputes") or []) for _, a in attempts))
    return notes, disputes


def _reset_review_cards(engine: Any, users: set[str]) -> None:
    """Imported sessions change their users' review history: drop those users' cards, which
    are rebuilt from the whole history when next needed (``Reviews.ensure``)."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..store.db import describe_error
    from ..store.errors import DatabaseError
    from ..store.review_queries import delete_cards

    try:
        with engine.begin() as conn:
            for user in sorted(users):
                delete_cards(conn, user)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"the sessions were imported, but the review queue could not be "
                            f"reset ({describe_error(exc, engine.url)}); run "
                            "`interview review --rebuild`") from None

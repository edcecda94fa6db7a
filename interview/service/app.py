"""The application service: the only thing the TUI and the session CLI call.

It owns the catalog (banks) and the database (created lazily, migrated on first use) and hands
out plain frozen records. No SQLAlchemy object leaves it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..engine.types import SessionConfig
from .handle import SessionHandle
from .records import (
    ExportFormat,
    RoundInfo,
    RoundStats,
    SessionDetail,
    SessionRecord,
    Stats,
)

if TYPE_CHECKING:
    from ..banks import Catalog
    from ..store.repository import Repository


class Service:
    """Sessions, history and stats over one catalog and one database.

    Construction is cheap and touches nothing: the catalog loads and the database engine is
    created (and migrated) on first use. Call ``check_database()`` early (in a worker) to
    surface database problems at start-up.

    Threading: every method may be called from thread workers, concurrently; each call uses
    its own database session, and lazy set-up is guarded by a lock. A ``SessionHandle`` is
    used by one worker at a time (its methods are serialised by a lock).

    Errors: user-facing problems raise subclasses of ``ServiceError`` (``DatabaseError``,
    ``UnknownSessionError``, ``SetupError``, ``SessionStateError``) with one-line messages.
    """

    def __init__(self, settings: Settings, *, catalog: Catalog | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        self.settings = settings
        self._catalog = catalog
        self._clock = clock
        self._repo: Repository | None = None
        self._db_user: str | None = None
        self._lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Service:
        """A service for ``settings`` (default: ``Settings.build()`` from the environment)."""
        return cls(settings or Settings.build())

    @property
    def user(self) -> str:
        """Whose sessions these are. On a cohort PostgreSQL database it is the role the
        connection logged in as, whatever --user says (see store/cohort.py)."""
        if self.settings.database_url.startswith("postgresql"):
            self._repository()
            if self._db_user is not None:
                return self._db_user
        return self.settings.user

    def _clock_fn(self) -> Callable[[], float]:
        import time

        return self._clock or time.monotonic

    # -- catalog --------------------------------------------------------------------------
    def catalog(self) -> Catalog:
        """The loaded banks (loaded on first call, then cached)."""
        with self._lock:
            if self._catalog is None:
                from ..banks import load_catalog

                self._catalog = load_catalog(list(self.settings.bank_dirs))
            return self._catalog

    def reload_catalog(self) -> Catalog:
        """Reload banks from disk (after editing a bank)."""
        with self._lock:
            self._catalog = None
            return self.catalog()

    def rounds(self) -> list[RoundInfo]:
        """Every round in ROUNDS order with how many questions the banks offer."""
        from .queries import round_infos

        return round_infos(self.catalog())

    def available_questions(self, config: SessionConfig) -> int:
        """How many questions match the config's round and filters (0: nothing to ask)."""
        from ..engine.setup import candidate_pool

        return sum(len(pool) for pool in candidate_pool(self.catalog(), config).values())

    # -- database -------------------------------------------------------------------------
    def _repository(self) -> Repository:
        with self._lock:
            if self._repo is None:  # answers go through the journal (journal.py)
                from .journal import JournaledRepository

                self._repo = JournaledRepository.open_journaled(self.settings.database_url,
                                                                self.settings.data_dir)
                if self.settings.database_url.startswith("postgresql"):
                    from ..store.cohort import cohort_user

                    self._db_user = cohort_user(self._repo.engine)
            return self._repo

    def unsaved_answers(self) -> int:
        """Answers whose database write failed in this run (kept in the journal)."""
        from .journal import JournaledRepository

        repo = self._repo
        return len(repo.unsaved) if isinstance(repo, JournaledRepository) else 0

    def check_database(self) -> None:
        """Open the database and apply migrations now; raises ``DatabaseError``."""
        self._repository()

    def close(self) -> None:
        """Dispose of the database engine (the service can be used again afterwards)."""
        with self._lock:
            if self._repo is not None:
                self._repo.dispose()
                self._repo = None

    # -- sessions -------------------------------------------------------------------------
    def start_session(self, config: SessionConfig) -> SessionHandle:
        """Pick the questions, store the new session (with a snapshot of each question and
        its rubric) and return its handle. Call ``handle.start()`` for the opening lines.
        Raises ``SetupError`` (unknown round, nothing matches, bad mode...)."""
        from .sessions import start_session

        return start_session(self, config)

    def unfinished_sessions(self, *, all_users: bool = False) -> list[SessionRecord]:
        """Sessions not finished yet (resumable), newest first."""
        return [r for r in self.history(all_users=all_users) if r.status == "unfinished"]

    def resume(self, session_id: int) -> SessionHandle:
        """Continue an unfinished session of the current user at its next unanswered question.
        Raises ``UnknownSessionError``, or ``SessionStateError`` when it is finished."""
        from .sessions import resume_session

        return resume_session(self, session_id)

    # -- history --------------------------------------------------------------------------
    def history(self, round: str | None = None, *, all_users: bool = False,
                limit: int | None = None) -> list[SessionRecord]:
        """Sessions newest first: the current user's unless ``all_users``; ``round`` keeps
        sessions that include that round. Raises ``SetupError`` for an unknown round."""
        from .queries import check_round

        if round is not None:
            check_round(round)
        return self._repository().history(
            user=None if all_users else self.user, round_=round, limit=limit)

    def session_detail(self, session_id: int, *, all_users: bool = False) -> SessionDetail:
        """Everything stored about a session (questions as asked, every attempt, follow-ups,
        reports, summary) for show/replay/export. Raises ``UnknownSessionError``. Other
        users' sessions need ``all_users``."""
        from .queries import build_detail

        return build_detail(self._repository(), session_id,
                            user=None if all_users else self.user)

    def stats(self, *, all_users: bool = False) -> Stats:
        """Per round: sessions, average, best, last, trend; most-missed criteria; weakest
        tags. Based on finished and unfinished sessions with at least one answer."""
        from .queries import build_stats

        return build_stats(self._repository(), user=None if all_users else self.user)

    def round_overview(self, *, all_users: bool = False) -> list[RoundStats]:
        """The TUI home: per round (all five, ROUNDS order) last/best/average/trend."""
        return list(self.stats(all_users=all_users).rounds)

    def export(self, session_id: int, fmt: ExportFormat = "md", path: Path | None = None,
               *, all_users: bool = False) -> Path:
        """Write a session as Markdown (for a mentor) or JSON; returns the file written.
        Default path: ``<data dir>/exports/session-<id>.<fmt>`` (folders created)."""
        from .export import export_session

        detail = self.session_detail(session_id, all_users=all_users)
        return export_session(detail, fmt, path, self.settings.exports_dir)

    def delete_session(self, session_id: int) -> None:
        """Delete one of the current user's sessions and everything stored with it."""
        self._repository().delete_session(session_id, user=self.user)

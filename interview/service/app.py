"""The application service: the only thing the TUI and the session CLI call.

It owns the catalog (banks) and the database (created lazily, migrated on first use) and hands
out plain frozen records. No SQLAlchemy object leaves it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: history and figures need no engine or pydantic
    from sqlalchemy import Connection, Engine

    from ..banks import Catalog
    from ..banks.summary import FileSummary
    from ..config import Settings
    from ..engine.scorer import Scorer
    from ..engine.types import Mode, SessionConfig
    from ..store.history_queries import Reader, StatsRows
    from ..store.pg_reader import PgReader
    from ..store.repository import Repository
    from .grader import Grader
    from .handle import SessionHandle
    from .overview import HomeFigures, Painted, ReviewFigures
    from .records import (
        ExportFormat,
        RoundStats,
        SessionDetail,
        SessionRecord,
        Stats,
    )
    from .review import Reviews


class Service:
    """Sessions, history and stats over one catalog and one database.

    Construction is cheap and touches nothing: the catalog loads and the database engine is
    created (and migrated) on first use. Call ``check_database()`` early (in a worker) to
    surface database problems at start-up.

    ``scorer`` replaces the grader as the engine's scorer (tests inject a fixed fake one);
    ``clock`` is the engine's monotonic clock and ``wall_clock`` the time of day used for
    exam deadlines (both injectable for tests).

    Threading: every method may be called from thread workers, concurrently; each call uses
    its own database session. Lazy set-up is guarded by two locks, one for the catalog and
    one for the database, so history and figures never wait for the banks to load. A
    ``SessionHandle`` is used by one worker at a time (its methods are serialised by a lock).

    Errors: user-facing problems raise subclasses of ``ServiceError`` (``DatabaseError``,
    ``UnknownSessionError``, ``SetupError``, ``SessionStateError``) with one-line messages.
    """

    def __init__(self, settings: Settings, *, catalog: Catalog | None = None,
                 clock: Callable[[], float] | None = None, scorer: Scorer | None = None,
                 wall_clock: Callable[[], float] | None = None) -> None:
        import time

        self.settings = settings
        self._catalog = catalog
        self.clock: Callable[[], float] = clock or time.monotonic
        self.wall_clock: Callable[[], float] = wall_clock or time.time
        self._scorer = scorer
        self._grader: Grader | None = None
        self._engine: Engine | None = None
        self._repo: Repository | None = None
        self._catalog_lock = threading.RLock()
        self._db_lock = threading.RLock()
        self._grader_lock = threading.Lock()
        self._db_user: str | None = None
        self._spare_reader: PgReader | None = None  # ``user``'s, for the next read
        self._stats_lock = threading.Lock()
        self._stats_memo: tuple[tuple[object, ...], StatsRows, bool] | None = None
        self._commits = 0
        """Transactions committed through this service's engine (any write)."""

    @property
    def user(self) -> str:
        """Whose sessions these are. On a cohort PostgreSQL database it is the role the
        connection logged in as, whatever --user says (see store/cohort.py)."""
        if self.settings.database_url.startswith("postgresql"):
            if self._db_user is None:  # asked once: "" when not a cohort database
                from .reading import cohort_user

                self._db_user = cohort_user(self)
            if self._db_user:
                return self._db_user
        return self.settings.user

    @property
    def grader(self) -> Grader:
        """The one grading path (rubric plus code tests)."""
        with self._grader_lock:
            if self._grader is None:
                from .grader import Grader

                self._grader = Grader()
            return self._grader

    @property
    def scorer(self) -> Scorer:
        """What sessions score with: the injected scorer, else the grader."""
        return self._scorer if self._scorer is not None else self.grader

    # -- catalog --------------------------------------------------------------------------
    def catalog(self) -> Catalog:
        """The loaded banks (loaded on first call, then cached)."""
        with self._catalog_lock:
            if self._catalog is None:
                from ..banks import load_catalog

                self._catalog = load_catalog(list(self.settings.bank_dirs))
            return self._catalog

    def catalog_for(self, question_id: str) -> Catalog:
        """A catalog that holds ``question_id`` with everything grading it needs: the loaded
        catalog when there is one, else only that question's bank and the shared rubrics,
        from the bank cache while no file has changed (banks.catalog.load_for_question);
        otherwise the whole catalog, loaded once."""
        from ..banks.catalog import load_for_question

        with self._catalog_lock:
            if self._catalog is not None:
                return self._catalog
        part = load_for_question(list(self.settings.bank_dirs), question_id)
        return part if part is not None else self.catalog()

    def bank_summaries(self) -> list[FileSummary]:
        """What a listing of the bank path shows, per file: from the loaded catalog when there
        is one, else from the bank cache alone while no file has changed (no pydantic)."""
        from ..banks.summary import load_summaries, summarize

        with self._catalog_lock:
            if self._catalog is not None:
                return summarize(self._catalog)
        return load_summaries(list(self.settings.bank_dirs))

    def reload_catalog(self) -> Catalog:
        """Reload banks from disk (after editing a bank)."""
        with self._catalog_lock:
            self._catalog = None
            return self.catalog()

    def available_questions(self, config: SessionConfig) -> int:
        """How many questions match the config's round and filters (0: nothing to ask)."""
        from ..engine.setup import candidate_pool

        return sum(len(pool) for pool in candidate_pool(self.catalog(), config).values())

    # -- database -------------------------------------------------------------------------
    def _db(self) -> Engine:
        """The engine, opened (and migrated) on first use. Raises ``DatabaseError``."""
        with self._db_lock:
            if self._engine is None:
                from sqlalchemy import event

                from ..store.db import open_engine

                engine = open_engine(self.settings.database_url)
                event.listen(engine, "commit", self._committed)
                self._engine = engine
            return self._engine

    def _committed(self, _conn: object) -> None:
        self._commits += 1

    def repository(self) -> Repository:
        """The store (opened, and migrated, on first use). Raises ``DatabaseError``.
        Answers written through it go through the journal first (journal.py)."""
        with self._db_lock:
            if self._repo is None:
                from ..store.db import safe_url
                from .journal import JournaledRepository

                engine = self._db()
                self._repo = JournaledRepository(engine, self.settings.data_dir,
                                                 safe_url(self.settings.database_url))
            return self._repo

    def _replay_journal(self) -> None:
        """Answers left in the journal by an earlier run are written before anything is read
        (opening the repository replays them); a cheap check when there are none."""
        from ..paths import JOURNAL_NAME

        if self._repo is None:
            try:
                pending = (self.settings.data_dir / JOURNAL_NAME).stat().st_size > 0
            except OSError:
                pending = False
            if pending:
                self.repository()

    def unsaved_answers(self) -> int:
        """Answers whose database write failed in this run (kept in the journal)."""
        from .journal import JournaledRepository

        repo = self._repo
        return len(repo.unsaved) if isinstance(repo, JournaledRepository) else 0

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for read queries; database failures become ``DatabaseError``."""
        from sqlalchemy.exc import SQLAlchemyError

        from ..store.db import READ_ONLY_OPTION, describe_error
        from ..store.errors import DatabaseError

        engine = self._db()
        self._replay_journal()
        try:
            with engine.connect().execution_options(**{READ_ONLY_OPTION: True}) as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise DatabaseError(describe_error(exc, engine.url)) from None

    def _history_reader(self) -> AbstractContextManager[Reader]:
        """A connection for ``store.history_queries`` (see reading.py)."""
        from .reading import history_reader

        return history_reader(self)

    def _stats_rows(self, user: str | None, tags: bool = True) -> StatsRows:
        """The aggregated rows behind ``stats`` and the home figures (``tags`` False: without
        tag scores). Callers at the same time share one query (the home screen and History
        both ask at start-up), and the rows are reused while the database is unchanged: a
        SQLite file with the same size and mtime, and no commit through this service since.
        Other databases are always read."""
        from ..store import history_queries
        from .overview import database_stamp

        with self._stats_lock:
            stamp = database_stamp(self.settings)
            key = (user, repr(stamp), self._commits)
            memo = self._stats_memo
            if stamp is not None and memo is not None and memo[0] == key and memo[2] >= tags:
                return memo[1]
            with self._history_reader() as conn:
                rows = history_queries.stats_rows(conn, user=user, tags=tags)
            self._stats_memo = (key, rows, tags)
            return rows

    def check_database(self) -> None:
        """Open the database and apply migrations now; raises ``DatabaseError``."""
        self._db()

    def close(self) -> None:
        """Dispose of the database engine (the service can be used again afterwards)."""
        with self._db_lock:
            if self._engine is not None:
                self._engine.dispose()
            if self._spare_reader is not None:
                self._spare_reader.close()
            self._engine = self._repo = self._spare_reader = None

    # -- sessions -------------------------------------------------------------------------
    def start_session(self, config: SessionConfig) -> SessionHandle:
        """Pick the questions, store the new session (with a snapshot of each question and
        its rubric) and return its handle. Call ``handle.start()`` for the opening lines.
        Raises ``SetupError`` (unknown round, nothing matches, bad mode...)."""
        from .sessions import start_session

        return start_session(self, config)

    def start_question(self, question_id: str, *, mode: Mode = "practice",
                       seed: int | None = None) -> SessionHandle:
        """A session of one chosen question (Banks' "Practise", the start form's search,
        ``practice --question``), snapshotted like any other. Raises ``SetupError`` for an
        unknown id (naming close ones)."""
        from ..engine.setup import one_question_config

        return self.start_session(one_question_config(self.catalog(), question_id, mode=mode,
                                                      seed=seed))

    def unfinished_sessions(self, *, all_users: bool = False) -> list[SessionRecord]:
        """Sessions not finished yet (resumable), newest first."""
        from ..store import history_queries

        with self._history_reader() as conn:
            return history_queries.history(conn, user=None if all_users else self.user,
                                           unfinished=True)

    def resume(self, session_id: int) -> SessionHandle:
        """Continue an unfinished session of the current user at its next unanswered question.
        Raises ``UnknownSessionError``, or ``SessionStateError`` when it is finished."""
        from .sessions import resume_session

        return resume_session(self, session_id)

    # -- spaced review ----------------------------------------------------------------------
    def reviews(self) -> Reviews:
        """The current user's review queue (cards scheduled by FSRS; see review.py). Its
        clock is ``wall_clock``. Raises ``DatabaseError``."""
        from datetime import UTC, datetime

        from .review import Reviews

        engine = self._db()
        self._replay_journal()
        return Reviews(engine, self.user,
                       now=lambda: datetime.fromtimestamp(self.wall_clock(), UTC))

    def rebuild_review_queue(self) -> ReviewFigures:
        """Build the review cards from history when the user has answers but no cards
        (``ReviewFigures.needs_rebuild``); returns the queue's figures. Home's snapshot is
        taken again (the database files changed)."""
        self.reviews().ensure()
        return self.home_figures().review

    # -- history --------------------------------------------------------------------------
    def history(self, round: str | None = None, *, all_users: bool = False,
                limit: int | None = None, question_ids: bool = True) -> list[SessionRecord]:
        """Sessions newest first: the current user's unless ``all_users``; ``round`` keeps
        sessions that include that round; ``limit`` keeps the newest ones. ``question_ids``
        False leaves each record's ``question_ids`` empty (cheaper: one query, not two).
        Raises ``SetupError`` for an unknown round."""
        from ..store import history_queries

        if round is not None:
            from .queries import check_round

            check_round(round)
        with self._history_reader() as conn:
            return history_queries.history(conn, user=None if all_users else self.user,
                                           round_=round, limit=limit,
                                           question_ids=question_ids)

    def history_text(self, round: str | None = None, *, all_users: bool = False,
                     limit: int | None = None) -> tuple[str, int, int] | None:
        """``history``'s listing as the CLI prints it, how many sessions it shows and how
        many there are, formatted by the database (PostgreSQL only; reading.history_text);
        None when the caller must format ``history()``'s records itself."""
        from .reading import history_text

        if round is not None:
            from .queries import check_round

            check_round(round)
        return history_text(self, round, all_users=all_users, limit=limit)

    def count_sessions(self, round: str | None = None, *, all_users: bool = False) -> int:
        """How many sessions ``history`` lists without a limit."""
        from ..store import history_queries

        if round is not None:
            from .queries import check_round

            check_round(round)
        with self._history_reader() as conn:
            return history_queries.count_sessions(conn, user=None if all_users else self.user,
                                                  round_=round)

    def session_detail(self, session_id: int, *, all_users: bool = False) -> SessionDetail:
        """Everything stored about a session (questions as asked, every attempt, follow-ups,
        reports, summary) for show/replay/export. Raises ``UnknownSessionError``. Other
        users' sessions need ``all_users``."""
        from .queries import build_detail

        return build_detail(self.repository(), session_id,
                            user=None if all_users else self.user)

    def stats(self, *, all_users: bool = False, tags: bool = True) -> Stats:
        """Per round: sessions, average, best, last, trend; most-missed criteria; weakest
        tags (``tags`` False: none, and faster). Based on finished and unfinished sessions
        with at least one answer."""
        from .queries import build_stats

        return build_stats(self._stats_rows(None if all_users else self.user, tags))

    def round_overview(self, *, all_users: bool = False) -> list[RoundStats]:
        """The TUI home: per round (all five, ROUNDS order) last/best/average/trend."""
        return list(self.stats(all_users=all_users).rounds)

    def home_figures(self, painted: Painted | None = None) -> HomeFigures:
        """The home screen's figures (rounds and unfinished sessions), read in one go and
        kept as a snapshot for the next start (``overview.read_snapshot``). ``painted``:
        the figures shown from that snapshot, with the files' stamp then (see overview)."""
        from .overview import home_figures

        return home_figures(self, painted)

    def export(self, session_id: int, fmt: ExportFormat = "md", path: Path | None = None,
               *, all_users: bool = False) -> Path:
        """Write a session as Markdown (for a mentor) or JSON; returns the file written.
        Default path: ``<data dir>/exports/session-<id>.<fmt>`` (folders created)."""
        from .export import export_session

        detail = self.session_detail(session_id, all_users=all_users)
        return export_session(detail, fmt, path, self.settings.exports_dir)

    def delete_session(self, session_id: int) -> None:
        """Delete one of the current user's sessions and everything stored with it."""
        self.repository().delete_session(session_id, user=self.user)

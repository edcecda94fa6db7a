"""Read-side queries for history and statistics, written to scale.

Every query filters, joins and aggregates in SQL: no list of ids is ever sent back as bound
parameters (one parameter per row broke stock SQLite from about 6,500 sessions and
PostgreSQL from about 13,000), and no question snapshot is decoded more than once per call
(decoding one per answered question made ``stats`` take 13 s and 1.7 GB at 10,000
sessions). The statistics read the per-question summaries kept at write time
(summaries.py), not every attempt and criterion row.

The queries are plain SQL that SQLite and PostgreSQL both accept, with ``:name``
parameters, so they run on a SQLAlchemy ``Connection`` or, for a SQLite history, on the
standard library's ``sqlite3`` connection (``sqlite_reader.py``), and for PostgreSQL on a
bare psycopg connection (``pg_reader.py``): ``history`` and ``stats`` then never import
SQLAlchemy, whose import alone costs more than the 0.3 s a command may take. The table and column names are those of ``models.py`` (every test that reads history
runs them).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from .pg_reader import PgReader
from .records import SessionRecord

Reader = Any
"""A SQLAlchemy ``Connection``, a ``sqlite3.Connection`` or a ``pg_reader.PgReader``."""


def _rows(conn: Reader, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    """Rows of ``sql`` (``:name`` parameters) on any of these connections."""
    if isinstance(conn, sqlite3.Connection | PgReader):
        return conn.execute(sql, params or {}).fetchall()
    from sqlalchemy import text

    return list(conn.execute(text(sql), params or {}).all())


def _aware(dt: datetime | str | None) -> datetime | None:
    """Stored naive UTC (a datetime, or SQLite's text) -> aware UTC."""
    if dt is None:
        return None
    if isinstance(dt, str):
        dt = datetime.fromisoformat(dt)
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


@lru_cache(maxsize=512)
def _rounds(text: str | None) -> tuple[str, ...]:
    """``,a,b,`` -> (a, b); a history holds a few dozen distinct values, each split once."""
    return tuple(r for r in (text or "").split(",") if r)


_SESSIONS = "sessions s JOIN users u ON s.user_id = u.id"
_NEWEST_FIRST = "ORDER BY s.started_at DESC, s.id DESC"
_ANSWERS = ("(SELECT count(*) FROM question_summaries qs WHERE qs.session_id = s.id "
            "AND qs.answered)")
"""Questions answered in the session (at least one attempt that was not a skip; retries not
counted): one index seek in the per-question summaries."""
_PLANNED = "(SELECT count(*) FROM session_questions sq WHERE sq.session_id = s.id)"


def _session_filter(params: dict[str, Any], *, user: str | None, round_: str | None = None,
                    unfinished: bool = False) -> str:
    """A WHERE clause on ``s`` (sessions) and ``u`` (users); fills ``params``."""
    where = []
    if user is not None:
        where.append("u.name = :user")
        params["user"] = user
    if round_ is not None:
        where.append("s.rounds LIKE :rounds")
        params["rounds"] = f"%,{round_},%"
    if unfinished:
        where.append("s.finished_at IS NULL")
    return ("WHERE " + " AND ".join(where)) if where else ""


def _newest(where: str, tail: str) -> str:
    """The WHERE and ORDER BY of the newest sessions first. With a LIMIT, the sessions are
    picked by a subquery that only sorts ids, so the per-session counts are computed for
    the rows returned, not for every session (at 10,000 sessions: 1 ms, not 30)."""
    if not tail:
        return f"{where} {_NEWEST_FIRST}"
    return (f"WHERE s.id IN (SELECT s.id FROM {_SESSIONS} {where} {_NEWEST_FIRST}{tail}) "
            f"{_NEWEST_FIRST}")


class SessionRow(NamedTuple):
    """One session as a long table needs it, as the database returns it: nothing parsed or
    built per row (a ``SessionRecord`` costs about 12 microseconds, a row under one), so
    that 10,000 sessions arrive at once and each is formatted only when shown."""

    id: int
    started_at: datetime | str
    """Naive UTC: a ``datetime``, or SQLite's text (``stored_time`` reads either)."""
    finished: int
    """True (1) once finished."""
    mode: str
    rounds: str
    """As stored: ``,round,round,`` (``rounds_of`` splits it)."""
    score: float | None
    answers: int
    questions: int


def stored_time(value: datetime | str) -> datetime:
    """A stored time (naive UTC, as a ``datetime`` or SQLite's text) as aware UTC."""
    aware = _aware(value)
    assert aware is not None
    return aware


def rounds_of(text: str) -> tuple[str, ...]:
    """A stored ``rounds`` column as the tuple of round ids."""
    return _rounds(text)


def history_rows(conn: Reader, *, user: str | None,
                 limit: int | None = None) -> list[SessionRow]:
    """``history``'s sessions, newest first, as plain rows (one query)."""
    params: dict[str, Any] = {}
    where = _session_filter(params, user=user)
    tail = ""
    if limit is not None:
        tail = " LIMIT :limit"
        params["limit"] = int(limit)
    rows = _rows(conn, "SELECT s.id, s.started_at, s.finished_at IS NOT NULL, s.mode, s.rounds, "
                       f"s.score, {_ANSWERS}, {_PLANNED} FROM {_SESSIONS} "
                       f"{_newest(where, tail)}", params)
    return list(map(SessionRow._make, rows))


def history(conn: Reader, *, user: str | None, round_: str | None = None,
            limit: int | None = None, unfinished: bool = False,
            question_ids: bool = True) -> list[SessionRecord]:
    """Sessions newest first (``unfinished``: only those not finished), in two queries.
    ``question_ids`` False leaves ``SessionRecord.question_ids`` empty and saves the second
    query (one row per session question); ``questions`` is counted either way."""
    params: dict[str, Any] = {}
    where = _session_filter(params, user=user, round_=round_, unfinished=unfinished)
    tail = ""
    if limit is not None:
        tail = " LIMIT :limit"
        params["limit"] = int(limit)
    # With the ids, the questions are counted from them; without, in SQL.
    planned = "NULL" if question_ids else _PLANNED
    rows = _rows(conn, f"SELECT s.id, u.name, s.started_at, s.finished_at, s.mode, s.rounds, "
                       f"s.score, s.seed, {_ANSWERS}, {planned} FROM {_SESSIONS} "
                       f"{_newest(where, tail)}", params)
    if not rows:
        return []
    qids: dict[int, list[str]] = defaultdict(list)
    if question_ids:
        for sid, qid in _rows(
                conn, "SELECT sq.session_id, sq.question_id FROM session_questions sq "
                      f"WHERE sq.session_id IN (SELECT s.id FROM {_SESSIONS} {where} "
                      f"{_NEWEST_FIRST}{tail}) ORDER BY sq.session_id, sq.position", params):
            qids[sid].append(qid)
    out = []
    for sid, name, started, finished, mode, rounds, score, seed, answers, counted in rows:
        ids = qids.get(sid, ())
        started_at = _aware(started)
        assert started_at is not None
        out.append(SessionRecord(
            id=sid, user=name, started_at=started_at, finished_at=_aware(finished),
            status="finished" if finished is not None else "unfinished", mode=mode,
            rounds=_rounds(rounds), score=score, answers=int(answers or 0),
            questions=len(ids) if question_ids else int(counted or 0),
            question_ids=tuple(ids), seed=seed))
    return out


_LIST_GUARD = (
    "SELECT count(*), floor(extract(epoch FROM min(s.started_at))), "
    "floor(extract(epoch FROM max(s.started_at))), "
    "bool_and(s.started_at BETWEEN '1000-01-02' AND '9999-12-30' "
    "AND (s.score IS NULL OR abs(s.score) < 1e15)) "
    "AND current_setting('server_encoding') = 'UTF8' "
    "AND current_setting('extra_float_digits')::int >= 0")
"""How many sessions, the span of their start times, and whether every one can be listed by
the server exactly as Python would (``history_text``): widths counted in characters (a UTF-8
database), and whole numbers written in full (``extra_float_digits`` below 0 would cut
digits)."""

_LINE = ("format('#%-5s %s  %-28s %4s  %-10s %s  %s', id, "
         "to_char(started_at + make_interval(secs => {offset}), 'YYYY-MM-DD HH24:MI'), "
         "CASE WHEN strpos(rounds, ',,') = 0 THEN btrim(rounds, ',') ELSE array_to_string("
         "array_remove(string_to_array(coalesce(rounds, ''), ','), ''), ',') END, "
         "CASE WHEN score IS NULL THEN '-' ELSE round(score)::text END, "
         "CASE WHEN finished THEN 'finished' ELSE 'unfinished' END, "
         "answers || CASE WHEN answers = 1 THEN ' answer' ELSE ' answers' END, mode)")
"""One line of ``interview history``, as the CLI formats a ``SessionRecord``: the start in
local time (``{offset}``: the local UTC offset in seconds), the rounds without empty names
(``btrim`` when no comma is doubled: half the cost of splitting), ``round`` of a double rounds
half to even as Python's ``:.0f`` does (and keeps ``-0``), the widths pad without cutting."""


def history_text(conn: PgReader, *, user: str | None, round_: str | None = None,
                 limit: int | None = None, with_user: bool = False
                 ) -> tuple[str, int, int] | None:
    """``interview history``'s lines (newest first, joined by newlines), how many, and how
    many sessions there are without the limit (``count_sessions``), built by PostgreSQL in
    two queries: no row comes back to Python. ``with_user`` ends each line with two spaces
    and the user's name. None when some session would come out otherwise than from
    Python's formatting (a year outside 1000-9999, a score that is not a finite number
    below 10**15, see ``_LIST_GUARD``): the caller then formats the records itself."""
    from .local_offsets import offsets_between

    params: dict[str, Any] = {}
    where = _session_filter(params, user=user, round_=round_)
    total, lo, hi, plain = _rows(conn, f"{_LIST_GUARD} FROM {_SESSIONS} {where}", params)[0]
    if lo is None:
        return "", 0, 0
    if not plain:
        return None
    bounds, offsets = offsets_between(int(lo), int(hi))
    if bounds:
        params.update(bounds=bounds, offsets=offsets)
        offset = ("(CAST(:offsets AS integer[]))[width_bucket("
                  "CAST(floor(extract(epoch FROM started_at)) AS float8), "
                  "CAST(:bounds AS float8[])) + 1]")
    else:
        params["offset"] = offsets[0]
        offset = "CAST(:offset AS integer)"
    tail = ""
    if limit is not None:
        tail = " LIMIT :limit"
        params["limit"] = int(limit)
    suffix = " || '  ' || name" if with_user else ""
    count, text = _rows(
        conn, f"SELECT count(*), string_agg({_LINE.format(offset=offset)}{suffix}, "
              "E'\\n' ORDER BY started_at DESC, id DESC) FROM "
              "(SELECT s.id, s.started_at, s.finished_at IS NOT NULL AS finished, s.mode, "
              f"s.rounds, s.score, {_ANSWERS} AS answers, u.name FROM {_SESSIONS} "
              f"{_newest(where, tail)}) t", params)[0]
    return text or "", int(count), int(total)


def count_sessions(conn: Reader, *, user: str | None, round_: str | None = None) -> int:
    """How many sessions ``history`` would list without a limit (one indexed count)."""
    params: dict[str, Any] = {}
    where = _session_filter(params, user=user, round_=round_)
    return int(_rows(conn, f"SELECT count(*) FROM {_SESSIONS} {where}", params)[0][0])


@dataclass(frozen=True)
class SessionFigures:
    """A session as statistics see it (oldest first)."""

    id: int
    score: float | None
    answers: int


@dataclass(frozen=True)
class StatsRows:
    sessions: tuple[SessionFigures, ...]
    """Oldest first."""
    round_scores: dict[tuple[int, str], tuple[float, int]]
    """(session id, round) -> (sum, count) of the best score of each question reached."""
    tag_scores: dict[str, tuple[float, int]]
    """Tag -> (sum, count) of the best score of each question reached with that tag."""
    missed: tuple[tuple[str, str, int], ...]
    """(criterion id, label, times missed in best attempts), most missed first."""


SCALE = 1_000_000


def _own(alias: str, user: str | None, params: dict[str, Any]) -> str:
    """A WHERE clause keeping ``user``'s rows of a summary table (none for everyone)."""
    if user is None:
        return ""
    params["user"] = user
    return f"WHERE {alias}.user_id = (SELECT id FROM users WHERE name = :user)"


def _postgres(conn: Reader) -> bool:
    return isinstance(conn, PgReader) or (
        not isinstance(conn, sqlite3.Connection) and conn.dialect.name == "postgresql")


def _tags(data: Any, *, whole: bool = True) -> tuple[str, ...]:
    """A snapshot's question tags, from the whole snapshot (SQLite hands it back as text) or
    (``whole`` False) from its ``question.tags`` value alone, which psycopg decodes."""
    if whole:
        if isinstance(data, str | bytes):
            data = json.loads(data)
        data = ((data or {}).get("question") or {}).get("tags")
    return tuple(str(t) for t in (data or ()))


def stats_rows(conn: Reader, *, user: str | None, tags: bool = True) -> StatsRows:
    """What ``stats`` and the home screen need, in four queries over the per-question
    summaries kept at write time (summaries.py): each aggregates in SQL, so about one row
    per session and round comes back, and each snapshot used is decoded once. ``tags``
    False leaves ``tag_scores`` empty and saves a query and the decoding (a third of the
    time at 10,000 sessions): the home screen and History show no tags."""
    params: dict[str, Any] = {}
    where = _session_filter(params, user=user)
    sessions = _rows(conn, f"SELECT s.id, s.score FROM {_SESSIONS} {where} "
                           "ORDER BY s.started_at, s.id", params)
    if not sessions:
        return StatsRows((), {}, {}, ())
    params = {}
    mine = _own("qs", user, params)
    # Scores are summed as whole millionths: exact, so the totals do not depend on the
    # order each database happens to add them in. Each session's answers are counted from
    # the same rows (a count per session in the first query cost PostgreSQL 30-40 ms more
    # at 10,000 sessions).
    total = f"sum(round(qs.best * {SCALE}))"
    round_scores: dict[tuple[int, str], tuple[float, int]] = {}
    answers: dict[int, int] = {}
    for sid, round_, t, n, answered in _rows(
            conn, f"SELECT qs.session_id, qs.round, {total}, count(*), "
                  "sum(CASE WHEN qs.answered THEN 1 ELSE 0 END) "
                  f"FROM question_summaries qs {mine} GROUP BY qs.session_id, qs.round", params):
        round_scores[(sid, round_)] = (int(t) / SCALE, int(n))
        if answered:
            answers[sid] = answers.get(sid, 0) + int(answered)
    figures = tuple(SessionFigures(sid, score, answers.get(sid, 0)) for sid, score in sessions)
    # Each snapshot used is decoded once, whatever the number of answers, and read with its
    # totals in one pass over the summaries (two passes cost PostgreSQL a third more).
    # PostgreSQL sends only the tags (decoding whole snapshots was a tenth of `stats`'s
    # CPU; ``#>`` parses each snapshot once, two ``->`` twice). SQLite's JSON operators are
    # too recent to count on, so it sends the snapshot.
    whole = not _postgres(conn)
    column = "sn.data" if whole else "sn.data #> '{question,tags}'"
    tag_totals: dict[str, tuple[int, int]] = {}
    if tags:
        for t, n, data in _rows(
                conn, f"SELECT q.t, q.n, {column} FROM (SELECT qs.snapshot_id, {total} AS t, "
                      f"count(*) AS n FROM question_summaries qs {mine} GROUP BY qs.snapshot_id"
                      ") q JOIN question_snapshots sn ON sn.id = q.snapshot_id "
                      "ORDER BY q.snapshot_id", params):
            for tag in _tags(data, whole=whole):
                t0, n0 = tag_totals.get(tag, (0, 0))
                tag_totals[tag] = (t0 + int(t), n0 + int(n))
    tag_scores = {tag: (t / SCALE, n) for tag, (t, n) in tag_totals.items()}
    missed = [(cid, label, int(n)) for cid, label, n in _rows(
        conn, "SELECT ms.criterion_id, min(ms.label), count(*) FROM missed_summaries ms "
              f"{_own('ms', user, params)} GROUP BY ms.criterion_id", params)]
    missed.sort(key=lambda m: (-m[2], m[1]))
    return StatsRows(figures, round_scores, tag_scores, tuple(missed))


def due_summary(conn: Reader, user: str, now: datetime) -> tuple[int, int, datetime | None]:
    """The user's review queue at a glance: cards due at ``now``, cards scheduled, and the
    soonest due time (``review_queries.due_summary``'s figures, one query on the (user, due)
    index, without SQLAlchemy)."""
    naive = now.astimezone(UTC).replace(tzinfo=None)
    sqlite = isinstance(conn, sqlite3.Connection) or (
        not isinstance(conn, PgReader) and conn.dialect.name == "sqlite")
    # SQLite keeps times as text in SQLAlchemy's format: compare with the same text.
    when: Any = naive.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else naive
    due, total, soonest = _rows(
        conn, "SELECT coalesce(sum(CASE WHEN c.due <= :now THEN 1 ELSE 0 END), 0), count(*), "
              "min(c.due) FROM review_cards c JOIN users u ON u.id = c.user_id "
              "WHERE u.name = :user", {"now": when, "user": user})[0]
    return int(due), int(total), _aware(soonest)

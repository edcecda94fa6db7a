"""Exporting a stored session: Markdown a mentor can read, or JSON."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from ..banks.models import ROUND_TITLES
from ..domain.attempt import Attempt, session_score
from ..engine.types import Summary
from ..present import bands_help, clock, plural, report_model
from ..present.markdown import report_markdown, section_markdown
from ..present.mentor import mentor_section
from .overview import record_to_json
from .records import ExportFormat, SessionDetail, SetupError

__all__ = ["detail_to_json", "detail_to_markdown", "export_session", "record_to_json"]


def _attempt_json(a: Attempt, created_at: datetime) -> dict[str, Any]:
    override = a.override
    return {
        "attempt": a.attempt, "answer": a.answer, "skipped": a.skipped,
        "score": round(a.score, 1), "band": a.band,
        "counted_score": round(a.counted_score, 1),
        "override": None if override is None else {
            "score": override.score, "reason": override.reason, "author": override.author,
            "note_id": override.id},
        "notes": [{**asdict(n), "created_at": n.created_at.isoformat()} for n in a.notes],
        "disputes": [{**asdict(d), "created_at": d.created_at.isoformat(),
                      "resolved_at": d.resolved_at.isoformat() if d.resolved_at else None}
                     for d in a.disputes],
        "hints_used": a.hints_used,
        "hint_penalty": a.hint_penalty, "elapsed": round(a.elapsed, 1),
        "time_limit": a.time_limit, "over_time": a.over_time,
        "followups": [asdict(f) for f in a.followups],
        "after_reveal": a.after_reveal, "report_unavailable": a.report_unavailable,
        "created_at": created_at.isoformat(),
        "report": a.report.model_dump(mode="json") if a.report is not None else None,
    }


def summary_to_json(s: Summary) -> dict[str, Any]:
    data = asdict(s)
    data.pop("text", None)
    return data


def detail_to_json(d: SessionDetail) -> dict[str, Any]:
    return {
        "session": record_to_json(d.record),
        "summary": summary_to_json(d.summary),
        "questions": [
            {
                "index": q.index + 1, "id": q.question_id, "round": q.round, "bank": q.bank,
                "difficulty": q.difficulty, "tags": list(q.tags), "prompt": q.prompt,
                "model_answer": q.model_answer, "time_limit": q.time_limit,
                "content_hash": q.content_hash,
                "best_score": None if q.best_score is None else round(q.best_score, 1),
                "attempts": [_attempt_json(a, at)
                             for a, at in zip(q.attempts, q.attempted_at, strict=True)],
            }
            for q in d.questions
        ],
    }


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.strip().splitlines()) or ">"


def detail_to_markdown(d: SessionDetail) -> str:
    r = d.record
    rounds = ", ".join(ROUND_TITLES.get(x, x) for x in r.rounds)
    score = "n/a" if r.score is None else f"{r.score:.0f}/100"
    machine = session_score([q.attempts for q in d.questions], machine=True)
    if r.score is not None and machine is not None and f"{machine:.0f}" != f"{r.score:.0f}":
        score += f" (machine score {machine:.0f}; with mentor overrides)"
    out = [
        f"# Mock interview #{r.id}: {rounds}",
        "",
        f"- Candidate: {r.user}",
        f"- Started: {r.started_at:%Y-%m-%d %H:%M} UTC",
        f"- Mode: {r.mode}; status: {r.status}",
        f"- Overall score: {score}",
        "",
        "## Summary",
        "",
        d.summary.text,
        "",
        f"Bands: {bands_help()}.",
        "",
    ]
    for q in d.questions:
        out += [f"## Question {q.index + 1}: {q.question_id} "
                f"({ROUND_TITLES.get(q.round, q.round)}, {q.difficulty})", ""]
        out += [q.prompt.strip(), ""]
        if q.tags:
            out += [f"Tags: {', '.join(q.tags)}", ""]
        if not q.attempts:
            out += ["_Not reached._", ""]
        for a in q.attempts:
            title = f"### Attempt {a.attempt}" if len(q.attempts) > 1 else "### Answer"
            out += [title, ""]
            mentor = mentor_section(a)
            if a.skipped:
                out += ["_Skipped._", ""]
                if mentor is not None:
                    out += section_markdown(mentor)
                continue
            out += [_quote(a.answer), ""]
            facts = [f"time {clock(a.elapsed)} of {clock(a.time_limit)}"]
            if a.over_time:
                facts.append("over time")
            if a.hints_used:
                facts.append(f"{plural(a.hints_used, 'hint')}, -{a.hint_penalty:g}")
            if a.after_reveal:
                facts.append("answered after the model answer was shown: does not count")
            if a.report is None:
                facts.insert(0, f"**Score: {a.score:.0f}/100 ({a.band})**")
                facts.append("the detailed report is unavailable")
            out += [" · ".join(facts), ""]
            if mentor is not None:
                out += section_markdown(mentor)
            if a.report is not None:
                model = report_model(a.report, show_answer=False, followups=a.followups,
                                     show_summary=a.report.tests is None)
                out += [report_markdown(model), ""]
        if q.model_answer:
            out += ["### Model answer", "", q.model_answer.strip(), ""]
    return "\n".join(out).rstrip() + "\n"


def export_session(detail: SessionDetail, fmt: ExportFormat, path: Path | None,
                   exports_dir: Path) -> Path:
    if fmt not in ("md", "json"):
        raise SetupError(f"unknown export format '{fmt}'; choose md or json")
    if fmt == "md":
        text = detail_to_markdown(detail)
    else:
        text = json.dumps(detail_to_json(detail), indent=2, ensure_ascii=False) + "\n"
    target = path if path is not None else exports_dir / f"session-{detail.record.id}.{fmt}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise SetupError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return target

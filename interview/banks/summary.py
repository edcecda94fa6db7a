"""What a listing of the bank path shows, per file, without the pydantic models.

``summarize`` turns a loaded catalog into one ``FileSummary`` per file: its id, title, round,
diagnostics, and the questions the catalog indexed from it (the catalog's own rules decide
which: a duplicate id belongs to the file that came first, a broken file keeps none). The
bank cache stores these summaries, so ``load_summaries`` answers from the cache alone,
without YAML or pydantic, while every file on the path is unchanged; otherwise it loads the
catalog (which refreshes the cache) and summarizes that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from .catalog import Catalog


@dataclass(frozen=True)
class QuestionSummary:
    id: str
    title: str
    """The prompt's first line, without Markdown markers."""
    difficulty: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class FileSummary:
    """One file on the bank path: a bank, a shared rubric, or a file that did not parse."""

    path: Path
    kind: str
    """``bank``, ``rubric``, or what the loader said (``unknown``) when neither parsed."""
    id: str
    """The bank or rubric id; the file's stem when neither parsed."""
    title: str
    round: str | None
    diagnostics: tuple[Diagnostic, ...]
    questions: tuple[QuestionSummary, ...] = ()
    """The questions the catalog took from this file (none from a broken file)."""
    parsed: bool = True
    """False when the file holds no bank or rubric at all (unreadable, not YAML, ...)."""

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def question_title(prompt: str) -> str:
    """A prompt's first non-empty line without Markdown markers, at most 90 characters."""
    for line in prompt.splitlines():
        line = line.strip().lstrip("#>*- ").strip()
        if line:
            return line if len(line) <= 90 else line[:89] + "…"
    return ""


def summarize(cat: Catalog) -> list[FileSummary]:
    """One summary per file of ``cat``, in the catalog's file order."""
    out: list[FileSummary] = []
    for lf in cat.files:
        diags = tuple(lf.diagnostics)
        if lf.bank is not None:
            bank = lf.bank
            qs = tuple(
                QuestionSummary(q.id, question_title(q.prompt), q.difficulty, tuple(q.tags))
                for q in bank.questions
                if q.id in cat.questions and cat.questions[q.id].path == lf.path
            )
            out.append(FileSummary(lf.path, "bank", bank.bank, bank.display_title, bank.round,
                                   diags, qs))
        elif lf.rubric is not None:
            rub = lf.rubric
            out.append(FileSummary(lf.path, "rubric", rub.rubric, rub.title or rub.rubric, None,
                                   diags))
        else:
            out.append(FileSummary(lf.path, lf.kind, lf.path.stem, lf.path.name, None, diags,
                                   parsed=False))
    return out


def summary_to_json(s: FileSummary) -> dict[str, Any]:
    """The parts the cache does not already keep per file (diagnostics and kind it does)."""
    return {"id": s.id, "title": s.title, "round": s.round, "parsed": s.parsed,
            "questions": [[q.id, q.title, q.difficulty, list(q.tags)] for q in s.questions]}


def summary_from_json(path: Path, kind: str, diagnostics: list[Diagnostic],
                      data: dict[str, Any]) -> FileSummary:
    return FileSummary(
        path, kind, str(data["id"]), str(data["title"]),
        None if data["round"] is None else str(data["round"]), tuple(diagnostics),
        tuple(QuestionSummary(str(q[0]), str(q[1]), str(q[2]), tuple(map(str, q[3])))
              for q in data["questions"]),
        bool(data["parsed"]))


def load_summaries(paths: Sequence[Path], *, examples_warning: bool = True,
                   cache: bool = True) -> list[FileSummary]:
    """The summaries of every file under ``paths``: the same as ``summarize(load_catalog(...))``
    with the same arguments, read from the cache when no file has changed."""
    if cache:
        from ..paths import cache_dir
        from .cache import BankCache
        from .cache_partial import cached_summaries
        from .discover import discover

        store = BankCache.for_paths(list(paths), examples_warning=examples_warning,
                                    cache_dir=cache_dir())
        if store is not None:
            found = cached_summaries(store, discover(paths))
            if found is not None:
                return found
    from .catalog import load_catalog

    return summarize(load_catalog(paths, examples_warning=examples_warning, cache=cache))

"""Load every bank and shared rubric from a set of folders, check them against each other,
and resolve each question's effective rubric.

A broken file never stops the others from loading: it is kept, with its errors, in
``Catalog.broken``.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .codetests import check_question_tests
from .diagnostics import Diagnostic
from .discover import discover
from .loader import LoadedFile, load_file
from .models import ROUND_TIME_LIMITS, Bank, Criterion, EffectiveRubric, Question, SharedRubric
from .trusted import build, plain_without_none


@dataclass(frozen=True)
class QuestionRef:
    """A question with the bank it came from."""

    question: Question
    bank: Bank
    path: Path
    index: int

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def round(self) -> str:
        return self.bank.round

    @property
    def time_limit(self) -> int:
        return self.question.time_limit or self.bank.time_limit or ROUND_TIME_LIMITS[self.bank.round]


@dataclass
class Catalog:
    files: list[LoadedFile] = field(default_factory=list)
    rubrics: dict[str, SharedRubric] = field(default_factory=dict)
    questions: dict[str, QuestionRef] = field(default_factory=dict)

    @property
    def banks(self) -> list[LoadedFile]:
        """Bank files that loaded cleanly."""
        return [f for f in self.files if f.kind != "rubric" and f.ok and f.bank is not None]

    @property
    def broken(self) -> list[LoadedFile]:
        return [f for f in self.files if not f.ok]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def question(self, qid: str) -> QuestionRef:
        try:
            return self.questions[qid]
        except KeyError:
            raise KeyError(qid) from None

    def by_round(self, round_: str) -> list[QuestionRef]:
        return [r for r in self.questions.values() if r.round == round_]

    def effective_rubric(self, question: Question) -> EffectiveRubric | None:
        """The merged rubric, or None when the question relies on an auto-rubric."""
        return merge_rubric(question, self.rubrics)


def merge_rubric(question: Question, rubrics: dict[str, SharedRubric]) -> EffectiveRubric | None:
    rub = question.rubric
    if rub is None or (not rub.criteria and not rub.extends and not rub.red_flags):
        return None
    criteria: list[Criterion] = []
    red_flags = []
    if rub.extends:
        base = rubrics.get(rub.extends)
        if base is not None:
            criteria = [c.model_copy(deep=True) for c in base.criteria]
            red_flags = [r.model_copy(deep=True) for r in base.red_flags]
    index = {c.id: i for i, c in enumerate(criteria)}
    for ov in rub.criteria:
        if ov.id in index:
            # The override's own (validated) values: model_copy does not validate, so
            # plain data here would leave relations as dicts the scorer cannot read.
            i = index[ov.id]
            criteria[i] = criteria[i].model_copy(update={
                name: value for name, value in ov.__dict__.items() if value is not None})
            continue
        given = plain_without_none(ov)
        if ov.keywords:
            # A validated override with keywords is a valid Criterion (the same constraints
            # on every field it has): built as Criterion.model_validate would, unvalidated.
            criteria.append(build(Criterion, given))
            index[ov.id] = len(criteria) - 1
    red_flags.extend(r.model_copy(deep=True) for r in rub.red_flags)
    if not criteria:
        return None
    # Validated models and literals: what validating them would give, without the cost of
    # building EffectiveRubric's validator on a start that grades one question.
    return EffectiveRubric.model_construct(
        criteria=criteria,
        red_flags=red_flags,
        source="extends" if rub.extends else "inline",
        extends=rub.extends,
    )


def load_catalog(paths: Sequence[Path], *, examples_warning: bool = True,
                 cache: bool = True) -> Catalog:
    """Load every bank/rubric file found under ``paths`` and cross-check them.

    Unchanged files come from the on-disk cache (``cache.py``) unless ``cache`` is False or
    INTERVIEW_CACHE_DIR is ``off``; the result is the same either way."""
    with _gc_paused():
        return _load_catalog(paths, examples_warning=examples_warning, cache=cache)


FREEZE_AFTER = 200_000
"""Objects a load must have created for them to be moved out of the collector's sight."""


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading builds millions of small objects and no cycles: the cyclic collector would
    re-scan the growing heap again and again (it cost 40% of a warm 10,000-file load).

    After a large load (thousands of files) the catalog's objects are also frozen
    (``gc.freeze``): they live as long as the catalog and hold no cycles, and otherwise the
    first collections after the load would scan them all (about a second at 10,000 files,
    paid by whatever runs next). Objects frozen are still freed by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] >= FREEZE_AFTER:
                gc.freeze()
            gc.enable()


def _load_catalog(paths: Sequence[Path], *, examples_warning: bool, cache: bool) -> Catalog:
    found = discover(paths)
    store = None
    if cache:
        from ..paths import cache_dir
        from .cache import BankCache, load_cached

        store = BankCache.for_paths(list(paths), examples_warning=examples_warning,
                                    cache_dir=cache_dir())
    if store is None:
        return check_catalog(Catalog(files=[load_file(p) for p in found]),
                              examples_warning=examples_warning)
    return load_cached(store, found, examples_warning=examples_warning)


def load_for_question(paths: Sequence[Path], qid: str, *,
                      examples_warning: bool = True) -> Catalog | None:
    """From the bank cache, a catalog of the one file the whole catalog takes ``qid`` from plus
    every shared rubric, which is all that grading the question needs; only those files are
    validated. None when the cache is off or stale, or ``qid`` is not there: then load the
    whole catalog (``load_catalog``), which also refreshes the cache."""
    from ..paths import cache_dir
    from .cache import BankCache
    from .cache_partial import cached_for_question

    store = BankCache.for_paths(list(paths), examples_warning=examples_warning,
                                cache_dir=cache_dir())
    if store is None:
        return None
    with _gc_paused():
        return cached_for_question(store, discover(paths), qid)


def check_catalog(cat: Catalog, *, examples_warning: bool) -> Catalog:
    index_rubrics(cat)
    index_questions(cat)
    for lf in cat.files:
        if lf.bank is not None and lf.kind == "bank":
            _check_bank(cat, lf, examples_warning=examples_warning)
    drop_broken(cat)
    return cat


def drop_broken(cat: Catalog) -> None:
    """Files that gained errors in the cross-checks drop their questions."""
    broken = {f.path for f in cat.files if not f.ok}
    if not broken:
        return
    for qid, ref in list(cat.questions.items()):
        if ref.path in broken:
            del cat.questions[qid]


def index_rubrics(cat: Catalog, *, report: bool = True) -> None:
    first: dict[str, LoadedFile] = {}
    for lf in cat.files:
        if lf.rubric is None:
            continue
        rid = lf.rubric.rubric
        if rid in first:
            if report:
                other = first[rid]
                line, _ = other.pos(("rubric",))
                lf.diagnostics.append(lf.diag(("rubric",), (
                    f"duplicate rubric id '{rid}' (already defined at {other.path}:{line})"),
                    code="duplicate-rubric"))
            continue
        first[rid] = lf
        if report:
            _check_rubric_file(lf)
        if lf.ok:
            cat.rubrics[rid] = lf.rubric


def _check_rubric_file(lf: LoadedFile) -> None:
    assert lf.rubric is not None
    seen: dict[str, int] = {}
    for i, c in enumerate(lf.rubric.criteria):
        if c.id in seen:
            lf.diagnostics.append(lf.diag(("criteria", i, "id"),
                                          f"duplicate criterion id '{c.id}'", code="duplicate-id"))
        seen[c.id] = i
    _warn_shared_keywords(lf, ("criteria",), [(c.id, c.keywords) for c in lf.rubric.criteria])


def index_questions(cat: Catalog, *, report: bool = True) -> None:
    first_bank: dict[str, LoadedFile] = {}
    first_q: dict[str, tuple[LoadedFile, int]] = {}
    for lf in cat.files:
        bank = lf.bank
        if bank is None:
            continue
        if bank.bank in first_bank:
            if report:
                other = first_bank[bank.bank]
                line, _ = other.pos(("bank",))
                lf.diagnostics.append(lf.diag(("bank",), (
                    f"duplicate bank id '{bank.bank}' (already used at {other.path}:{line})"),
                    code="duplicate-bank"))
        else:
            first_bank[bank.bank] = lf
        for i, q in enumerate(bank.questions):
            if q.id in first_q:
                if report:
                    other, j = first_q[q.id]
                    line, _ = other.pos(("questions", j, "id"))
                    where = "earlier in this file" if other is lf else f"in {other.path}"
                    lf.diagnostics.append(lf.diag(("questions", i, "id"), (
                        f"duplicate question id '{q.id}' (already used {where} at line {line})"),
                        code="duplicate-id"))
                continue
            first_q[q.id] = (lf, i)
    for qid, (lf, i) in first_q.items():
        if lf.bank is not None:
            cat.questions[qid] = QuestionRef(lf.bank.questions[i], lf.bank, lf.path, i)


_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _norm(text: str) -> str:
    return " ".join(_WORD.sub(" ", text.lower()).split())


def _contains_phrase(haystack: str, phrase: str) -> bool:
    p = _norm(phrase)
    return bool(p) and f" {p} " in f" {haystack} "


MIN_KEYWORD_CHARS = 3
"""A shorter keyword (``x)`` left over from splitting ``max(0, x)``, ``no``) matches almost
any answer once punctuation is stripped. Notation such as ``o(n)`` or ``0.5`` is longer."""


def _warn_shared_keywords(lf: LoadedFile, base: tuple[str | int, ...],
                          groups: list[tuple[str, list[str]]]) -> None:
    owner: dict[str, str] = {}
    for ci, (cid, keywords) in enumerate(groups):
        for ki, kw in enumerate(keywords):
            k = _norm(kw)
            if len("".join(kw.split())) < MIN_KEYWORD_CHARS:
                lf.diagnostics.append(lf.diag((*base, ci, "keywords", ki), (
                    f"keyword '{kw}' is shorter than {MIN_KEYWORD_CHARS} characters: "
                    "it would match almost any answer"), "warning", "short-keyword"))
            if k in owner and owner[k] != cid:
                lf.diagnostics.append(lf.diag((*base, ci, "keywords", ki), (
                    f"keyword '{kw}' is in two criteria ('{owner[k]}' and '{cid}'); "
                    "one answer phrase would earn both"), "warning", "shared-keyword"))
            else:
                owner.setdefault(k, cid)


def _check_bank(cat: Catalog, lf: LoadedFile, *, examples_warning: bool) -> None:
    bank = lf.bank
    assert bank is not None
    for qi, q in enumerate(bank.questions):
        qpath: tuple[str | int, ...] = ("questions", qi)
        if q.tests:  # coding-screen test cases: plain literals only (codetests.py)
            lf.diagnostics.extend(check_question_tests(lf, qpath, q))
        rub = q.rubric
        inherited: set[str] = set()
        if rub is not None and rub.extends:
            base = cat.rubrics.get(rub.extends)
            if base is None:
                close = difflib.get_close_matches(rub.extends, list(cat.rubrics), n=1, cutoff=0.5)
                hint = f" (did you mean '{close[0]}'?)" if close else (
                    f"; known rubrics: {', '.join(sorted(cat.rubrics)) or 'none'}")
                lf.diagnostics.append(lf.diag((*qpath, "rubric", "extends"),
                                              f"unknown rubric '{rub.extends}' in extends{hint}",
                                              code="unknown-extends"))
                continue
            inherited = {c.id for c in base.criteria}
        if rub is not None:
            seen: set[str] = set()
            for ci, c in enumerate(rub.criteria):
                cpath = (*qpath, "rubric", "criteria", ci)
                if c.id in seen:
                    lf.diagnostics.append(lf.diag((*cpath, "id"),
                                                  f"duplicate criterion id '{c.id}'",
                                                  code="duplicate-id"))
                seen.add(c.id)
                if c.id not in inherited and not c.keywords:
                    what = (f"is not in rubric '{rub.extends}'" if rub.extends
                            else "is new")
                    lf.diagnostics.append(lf.diag(cpath, (
                        f"criterion '{c.id}' {what} and needs keywords"), code="missing-keywords"))
            # Warnings on the question's own keywords.
            prompt = _norm(q.prompt)
            for ci, c in enumerate(rub.criteria):
                for ki, kw in enumerate(c.keywords or []):
                    if _contains_phrase(prompt, kw):
                        lf.diagnostics.append(lf.diag(
                            (*qpath, "rubric", "criteria", ci, "keywords", ki),
                            (f"keyword '{kw}' appears in the question's prompt; echoing the "
                             "question would score"), "warning", "keyword-in-prompt"))
            _warn_shared_keywords(lf, (*qpath, "rubric", "criteria"),
                                  [(c.id, c.keywords or []) for c in rub.criteria])
        if examples_warning and not q.examples:
            lf.diagnostics.append(lf.diag((*qpath, "id"), (
                f"question '{q.id}' has no examples; add a few graded answers so "
                "'interview bank test' can check its rubric"), "warning", "no-examples"))

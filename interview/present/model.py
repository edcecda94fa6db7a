"""The presentation model: a score report (or test run) as sections of lines, each line with a
status, its text and highlighted spans. Built once here; each medium only maps statuses to
styles (``present.richtext`` for the CLI and the TUI, ``present.markdown`` for export).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..domain.words import clock, plural

if TYPE_CHECKING:
    from ..domain.attempt import FollowUp
    from ..domain.tests import TestResult, TestSummary
    from ..scoring.report import ScoreReport

Status = Literal["good", "warn", "bad", "muted", "accent", "plain"]

BAND_STATUS: dict[str, Status] = {"strong": "good", "pass": "good", "weak": "warn",
                                  "missing": "bad", "skipped": "muted"}
"""The one band -> status map (every colour map derives from it)."""

CRITERION_MARKS: dict[str, tuple[str, Status]] = {"hit": ("✔", "good"), "partial": ("◐", "warn"), "missed": ("✘", "bad")}
TEST_MARKS: dict[str, tuple[str, Status]] = {"passed": ("✔", "good"), "failed": ("✘", "bad"), "error": ("!", "bad"),
              "timeout": ("⏱", "bad")}

__all__ = ["BAND_STATUS", "Line", "ReportModel", "Section", "Span", "Status", "band_status",
           "bands_help", "clock", "plural", "report_model", "score_text", "tests_section"]


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of ``Line.text`` (character offsets)."""

    start: int
    end: int
    status: Status


@dataclass(frozen=True)
class Line:
    text: str
    status: Status = "plain"
    mark: str = ""
    """A leading symbol (✔, ✘, ◐ …) shown in the status colour."""
    indent: int = 0
    spans: tuple[Span, ...] = ()
    strong: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]
    kind: str = ""
    """What the section is (``criteria``, ``answer``, ``tests``...), for renderers that
    treat one differently (a bordered answer box)."""


@dataclass(frozen=True)
class ReportModel:
    headline: Line
    sections: tuple[Section, ...]


def score_text(value: float | None) -> str:
    """A score as shown everywhere: rounded to a whole number, "—" when unknown."""
    return "—" if value is None else f"{value:.0f}"


def band_status(band: str) -> Status:
    return BAND_STATUS.get(band, "bad")


def bands_help() -> str:
    """"strong ≥ 75, pass ≥ 55, weak ≥ 20", from ``BAND_THRESHOLDS``."""
    from ..domain.bands import BAND_THRESHOLDS

    return ", ".join(f"{band} ≥ {value:g}" for band, value in BAND_THRESHOLDS.items() if value > 0)


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def _unique(texts: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for t in texts:
        key = " ".join(t.lower().split())
        if key not in (" ".join(s.lower().split()) for s in seen):
            seen.append(t)
    return seen


def headline(report: ScoreReport) -> Line:
    extras = []
    if report.hint_penalty:
        extras.append(f"hints −{report.hint_penalty:g}")
    if report.capped:
        extras.append("capped: a required point was missed")
    if report.rubric_source == "auto":
        extras.append("auto-rubric from the model answer")
    tail = f"  ({' · '.join(extras)})" if extras else ""
    return Line(f"Score {score_text(report.score)} / 100  {report.band.upper()}{tail}",
                band_status(report.band), strong=True)


def criteria_section(report: ScoreReport) -> Section:
    lines: list[Line] = []
    for c in report.criteria:
        mark, status = CRITERION_MARKS.get(c.status, ("?", "plain"))
        req = "  required" if c.required else ""
        where = "  (earned in the follow-up)" if c.source == "follow-up" else ""
        lines.append(Line(f"{c.label}  {c.earned:.1f}/{c.weight:g}{req}{where}", status,
                          mark=mark, strong=True))
        matched = _unique([m.text for m in c.matches])
        if matched:
            lines.append(Line("matched " + ", ".join(_quote(t) for t in matched[:4]), indent=1))
        negated = _unique([m.text for m in c.negated])
        if negated:
            lines.append(Line("negated, so no credit: "
                              + ", ".join(_quote(t) for t in negated[:3]), "muted", indent=1))
        if c.explanation and not c.matches:
            lines.append(Line(c.explanation, "muted", indent=1))
    return Section("Criteria", tuple(lines) or (Line("no criteria", "muted"),), "criteria")


def answer_section(answer: str, report: ScoreReport) -> Section:
    """The answer, with each matched phrase as a span (hits, partial, negated, red flags)."""
    size = len(answer)
    spans: list[Span] = []

    def add(start: int, end: int, status: Status) -> None:
        start, end = max(0, start), min(size, end)
        if start < end:
            spans.append(Span(start, end, status))

    for c in report.criteria:
        if c.source != "answer":
            continue
        for m in c.negated:
            add(m.start, m.end, "muted")
        for m in c.matches:
            add(m.start, m.end, "good" if c.status == "hit" else "warn")
    for f in report.red_flags:
        add(f.start, f.end, "bad")
    line = Line(answer.rstrip(), spans=tuple(spans))
    return Section("Your answer, with what matched", (line,), "answer")


def test_lines(tests: TestSummary) -> list[Line]:
    ok = tests.passed == tests.total
    head = f"{tests.passed}/{plural(tests.total, 'test')} passed"
    if tests.hidden_total:
        head += (f" ({tests.hidden_passed}/{tests.hidden_total} hidden"
                 f"{'' if tests.include_hidden else ', not run'})")
    if not tests.include_hidden:
        head += " · visible tests only"
    lines = [Line(head, "good" if ok else "warn", strong=True)]
    lines += [_test_line(t) for t in tests.results]
    for n in tests.notice.splitlines():
        lines.append(Line(n, "muted", indent=1))
    if tests.stdout.strip():
        out = tests.stdout.rstrip("\n").splitlines()
        more = tests.stdout_truncated or len(out) > 10
        lines.append(Line("printed output" + (" (truncated):" if more else ":"), "muted",
                          indent=1))
        lines += [Line(o[:200], "muted", indent=2) for o in out[:10]]
    return lines


def _test_line(t: TestResult) -> Line:
    """``test 3``: the runner's 1-based index, the same in every medium."""
    mark, status = TEST_MARKS.get(t.status, ("?", "bad"))
    name = t.name or f"test {t.index}"
    if t.hidden:
        return Line(f"{name} (hidden): {t.status}", status, mark=mark, indent=1)
    text = name + (f" ({t.args})" if t.args else "")
    if t.status == "failed":
        text += f" — expected {t.expected}, got {t.got}"
    elif t.status != "passed":
        text += f" — {t.status}" + (f": {t.error}" if t.error else "")
    return Line(text, status, mark=mark, indent=1)


def tests_section(tests: TestSummary) -> Section:
    return Section("Tests", tuple(test_lines(tests)), "tests")


def followups_section(followups: Sequence[FollowUp]) -> Section:
    lines: list[Line] = []
    for f in followups:
        lines.append(Line(f"{f.criterion_label}: {f.prompt}", strong=True))
        if f.answer is None:
            lines.append(Line("skipped", "muted", indent=1))
        else:
            gain = (f" (+{f.earned_back:.0f} points)" if f.earned_back >= 0.5
                    else " (no points back)")
            lines.append(Line(f"you said {_quote(f.answer, 80)}{gain}",
                              "good" if f.earned_back >= 0.5 else "muted", indent=1))
    return Section("Follow-ups", tuple(lines), "followups")


def delivery_line(report: ScoreReport) -> Line:
    d = report.delivery
    parts = [plural(d.word_count, "word"), plural(d.sentence_count, "sentence")]
    if d.filler_count:
        fillers = ", ".join(f"{k} ×{v}" for k, v in d.fillers.items())
        parts.append(f"{plural(d.filler_count, 'filler')} ({fillers})")
    else:
        parts.append("no fillers")
    text = " · ".join(parts)
    if d.top_words:
        text += "; most repeated: " + ", ".join(f"{w} ×{n}" for w, n in d.top_words[:5])
    return Line(text)


def report_model(report: ScoreReport, answer: str = "", *,
                 followups: Sequence[FollowUp] = (), show_answer: bool = True,
                 show_summary: bool = False) -> ReportModel:
    """Everything a report says, section by section. The score appears once (headline)."""
    sections: list[Section] = []
    if show_summary and report.summary:
        sections.append(Section("", (Line(report.summary),), "summary"))
    sections.append(criteria_section(report))
    if show_answer and answer.strip():
        sections.append(answer_section(answer, report))
    if report.red_flags:
        sections.append(Section("Red flags", tuple(
            Line(f"{_quote(f.text)} −{f.penalty:g}" + (f" {f.note}" if f.note else ""), "bad",
                 mark="⚑") for f in report.red_flags), "red-flags"))
    missed = [m for m in report.missed if m.probe] or report.missed
    if missed:
        sections.append(Section("What was missed — questions to practise", tuple(
            Line(m.label + (f" — {m.probe}" if m.probe else ""), mark="•") for m in missed),
            "probes"))
    if followups:
        sections.append(followups_section(followups))
    if report.tests is not None:
        sections.append(tests_section(report.tests))
    sections.append(Section("Delivery", (delivery_line(report),), "delivery"))
    if report.notices:
        sections.append(Section("Notes", tuple(Line(n, "muted") for n in report.notices),
                                "notices"))
    return ReportModel(headline(report), tuple(sections))


def duration(seconds: float) -> str:
    """A duration (time used, time allowed): the one clock format."""
    return clock(seconds)

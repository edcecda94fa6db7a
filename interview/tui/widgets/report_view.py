"""A score report explained: score and band, criteria checklist, highlighted answer, red flags,
probes for what was missed, delivery stats and test results.

One widget, used by the Feedback screen, the History replay and the rubric lab.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.widgets import Label, Static

if TYPE_CHECKING:
    from ...engine.types import FollowUp
    from ...scoring.report import ScoreReport, TestSummary

STATUS_ICONS = {"hit": "✔", "partial": "◐", "missed": "✘"}
STATUS_STYLES = {"hit": "$success", "partial": "$warning", "missed": "$error"}
SPAN_STYLES = {
    "hit": "bold $success on $success-muted",
    "partial": "bold $warning on $warning-muted",
    "red-flag": "bold $error on $error-muted",
    "negated": "strike $text-muted",
}


def highlight_answer(answer: str, report: ScoreReport) -> Content:
    """The answer with each matched phrase highlighted by the report's character spans."""
    content = Content(answer)
    size = len(answer)

    def mark(style: str, start: int, end: int) -> None:
        nonlocal content
        start, end = max(0, start), min(size, end)
        if start < end:
            content = content.stylize(style, start, end)

    for crit in report.criteria:
        if crit.source != "answer":
            continue
        for m in crit.negated:
            mark(SPAN_STYLES["negated"], m.start, m.end)
        style = SPAN_STYLES["hit" if crit.status == "hit" else "partial"]
        for m in crit.matches:
            mark(style, m.start, m.end)
    for flag in report.red_flags:
        mark(SPAN_STYLES["red-flag"], flag.start, flag.end)
    return content


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return "“" + escape(text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def criteria_lines(report: ScoreReport) -> list[str]:
    lines = []
    for c in report.criteria:
        style = STATUS_STYLES.get(c.status, "")
        icon = STATUS_ICONS.get(c.status, "?")
        req = " [b]required[/b]" if c.required else ""
        head = (f"[{style}]{icon}[/] [b]{escape(c.label)}[/b] "
                f"[$text-muted]{c.earned:.1f}/{c.weight:g}{req}[/]")
        if c.source == "follow-up":
            head += " [$accent](earned in the follow-up)[/]"
        lines.append(head)
        if c.matches:
            lines.append("    matched " + ", ".join(_quote(m.text) for m in c.matches[:4]))
        if c.negated:
            lines.append("    [$text-muted]negated, so no credit: "
                         + ", ".join(_quote(m.text) for m in c.negated[:3]) + "[/]")
        if c.explanation and not c.matches:
            lines.append(f"    [$text-muted]{escape(c.explanation)}[/]")
    return lines


def test_lines(tests: TestSummary) -> list[str]:
    style = "$success" if tests.passed == tests.total else "$warning"
    lines = [f"[{style}]{tests.passed}/{tests.total} tests passed[/]"]
    for t in tests.results:
        icon = "✔" if t.status == "passed" else "✘"
        colour = "$success" if t.status == "passed" else "$error"
        name = escape(t.name or f"test {t.index + 1}")
        if t.hidden:
            lines.append(f"  [{colour}]{icon}[/] {name} [$text-muted](hidden)[/] {t.status}")
            continue
        line = f"  [{colour}]{icon}[/] {name}"
        if t.args:
            line += f" [$text-muted]({escape(t.args)})[/]"
        if t.status != "passed":
            detail = t.error or f"expected {t.expected}, got {t.got}"
            line += f" — {t.status}: {escape(detail)}"
        lines.append(line)
    if tests.notice:
        lines.append(f"  [$text-muted]{escape(tests.notice)}[/]")
    return lines


class ReportView(Vertical):
    """Everything a report says, section by section."""

    DEFAULT_CSS = """
    ReportView { height: auto; }
    ReportView > .section { margin-top: 1; text-style: bold; color: $accent; }
    ReportView > .score { text-style: bold; }
    ReportView > .answer { border: round $panel; padding: 0 1; }
    ReportView > Static { height: auto; }
    """

    def __init__(self, report: ScoreReport, answer: str, *,
                 followups: Sequence[FollowUp] = (), show_answer: bool = True,
                 show_summary: bool = True, score_line: str | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.report = report
        self.answer = answer
        self.followups = tuple(followups)
        self.show_answer = show_answer
        self.show_summary = show_summary
        self.score_line = score_line

    def compose(self) -> ComposeResult:
        r = self.report
        band_style = {"strong": "$success", "pass": "$success", "weak": "$warning"}.get(
            r.band, "$error")
        line = self.score_line or f"{r.score:.0f} / 100"
        extras = []
        if r.hint_penalty:
            extras.append(f"hints −{r.hint_penalty:g}")
        if r.capped:
            extras.append("capped: a required point was missed")
        if r.rubric_source == "auto":
            extras.append("auto-rubric from the model answer")
        extra = f"  [$text-muted]{escape(' · '.join(extras))}[/]" if extras else ""
        yield Static(f"Score [b]{escape(line)}[/b]  [{band_style} reverse] {r.band.upper()} [/]"
                     f"{extra}", classes="score")
        if r.summary and self.show_summary:
            yield Static(escape(r.summary), classes="summary")
        yield Label("Criteria", classes="section")
        yield Static("\n".join(criteria_lines(r)) or "no criteria", classes="criteria")
        if self.show_answer and self.answer.strip():
            yield Label("Your answer, with what matched", classes="section")
            yield Static(highlight_answer(self.answer, r), classes="answer")
        if r.red_flags:
            yield Label("Red flags", classes="section")
            yield Static("\n".join(
                f"[$error]⚑[/] {_quote(f.text)} [$text-muted]−{f.penalty:g}[/] "
                f"{escape(f.note)}" for f in r.red_flags), classes="red-flags")
        missed = [m for m in r.missed if m.probe] or r.missed
        if missed:
            yield Label("What was missed — questions to practise", classes="section")
            yield Static("\n".join(
                f"• [b]{escape(m.label)}[/b]" + (f" — {escape(m.probe)}" if m.probe else "")
                for m in missed), classes="probes")
        if self.followups:
            yield Label("Follow-ups", classes="section")
            yield Static("\n".join(self._followup_lines()), classes="followups")
        if r.tests is not None:
            yield Label("Tests", classes="section")
            yield Static("\n".join(test_lines(r.tests)), classes="tests")
        yield Label("Delivery", classes="section")
        yield Static(self._delivery(), classes="delivery")
        if r.notices:
            yield Static("\n".join(f"[$text-muted]note: {escape(n)}[/]" for n in r.notices),
                         classes="notices")

    def _followup_lines(self) -> list[str]:
        lines = []
        for f in self.followups:
            lines.append(f"[b]{escape(f.criterion_label)}[/b]: {escape(f.prompt)}")
            if f.answer is None:
                lines.append("    [$text-muted]skipped[/]")
            else:
                gain = (f" [$success]+{f.earned_back:.0f} points[/]" if f.earned_back
                        else " [$text-muted]no points back[/]")
                lines.append(f"    you said {_quote(f.answer, 80)}{gain}")
        return lines

    def _delivery(self) -> str:
        d = self.report.delivery
        parts = [f"{d.word_count} words", f"{d.sentence_count} sentences"]
        if d.filler_count:
            fillers = ", ".join(f"{escape(k)} ×{v}" for k, v in d.fillers.items())
            parts.append(f"fillers {d.filler_count} ({fillers})")
        else:
            parts.append("no fillers")
        text = " · ".join(parts)
        if d.top_words:
            text += "\nmost repeated: " + ", ".join(
                f"{escape(w)} ×{n}" for w, n in d.top_words[:5])
        return text

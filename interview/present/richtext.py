"""The report model as one Rich renderable: what the CLI prints and the TUI shows."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from .model import Line, ReportModel, Section, Status

STYLES: dict[Status, str] = {"good": "green", "warn": "yellow", "bad": "red", "muted": "dim",
                             "accent": "cyan", "plain": ""}
SPAN_STYLES: dict[Status, str] = {"good": "bold green", "warn": "bold yellow",
                                  "bad": "bold red underline", "muted": "dim strike",
                                  "accent": "bold cyan", "plain": ""}


def line_text(line: Line) -> Text:
    text = Text("  " * line.indent)
    if line.mark:
        text.append(line.mark + " ", style=STYLES[line.status])
    body = Text(line.text, style="bold" if line.strong and line.mark else (
        STYLES[line.status] + (" bold" if line.strong else "")).strip())
    for span in line.spans:
        body.stylize(SPAN_STYLES[span.status], span.start, span.end)
    text.append_text(body)
    return text


def quoted(line: Line) -> Text:
    """A quoted block (the answer): each line behind a dim bar, spans kept."""
    out = Text()
    for i, part in enumerate(line_text(line).split("\n", allow_blank=True)):
        if i:
            out.append("\n")
        out.append("│ ", style="dim")
        out.append_text(part)
    return out


def section_renderable(section: Section) -> RenderableType:
    body: RenderableType = Group(*(line_text(line) for line in section.lines))
    if section.kind == "answer":
        body = Group(*(quoted(line) for line in section.lines))
    if not section.title:
        return body
    return Group(Text(section.title, style="bold cyan"), body)


def report_renderable(model: ReportModel) -> RenderableType:
    parts: list[RenderableType] = [line_text(model.headline)]
    for section in model.sections:
        parts += [Text(""), section_renderable(section)]
    return Group(*parts)


def plain_text(renderable: RenderableType, width: int = 100) -> str:
    """The renderable as plain text (tests, logs)."""
    import io

    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()

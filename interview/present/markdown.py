"""The report model as Markdown (exports a mentor can read)."""

from __future__ import annotations

from .model import Line, ReportModel, Section

_MARKS = {"good": "✔", "warn": "◐", "bad": "✘", "muted": "·", "accent": "›", "plain": ""}


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def line_markdown(line: Line) -> str:
    mark = line.mark or ""
    text = _md(line.text)
    if line.strong:
        text = f"**{text}**"
    if line.indent:
        return "  " * (line.indent - 1) + f"- {mark + ' ' if mark else ''}{text}"
    return f"- {mark} {text}" if mark else text


def section_markdown(section: Section, level: int = 4) -> list[str]:
    out = [f"{'#' * level} {section.title}", ""] if section.title else []
    if section.kind == "answer":
        out += ["> " + row for row in section.lines[0].text.strip().splitlines()]
    else:
        out += [line_markdown(line) for line in section.lines]
    return [*out, ""]


def report_markdown(model: ReportModel, level: int = 4) -> str:
    out = [f"**{_md(model.headline.text)}**", ""]
    for section in model.sections:
        out += section_markdown(section, level)
    return "\n".join(out).rstrip() + "\n"

"""Presentation: one model of a report (``model``), rendered once per medium.

- ``present.richtext``: a Rich renderable the CLI prints and the TUI shows;
- ``present.markdown``: Markdown for export.

Shared formatters (``clock``, ``score_text``, ``plural``, ``bands_help``) live in ``model``.
"""

from .model import (
    BAND_STATUS,
    Line,
    ReportModel,
    Section,
    Span,
    Status,
    band_status,
    bands_help,
    clock,
    duration,
    plural,
    report_model,
    score_text,
    tests_section,
)

__all__ = [
    "BAND_STATUS", "Line", "ReportModel", "Section", "Span", "Status", "band_status",
    "bands_help", "clock", "duration", "plural", "report_model", "score_text", "tests_section",
]

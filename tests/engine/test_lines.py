from __future__ import annotations

import itertools
import string
from pathlib import Path

import pytest

from interview.engine.lines import LINES_FILE, REQUIRED_SECTIONS, Lines, load_lines

PLACEHOLDERS = {"round_title", "a_round", "questions", "n", "index", "total", "label", "score",
                "limit", "ago", "band", "missed", "ids"}


def test_every_section_has_several_variants_with_known_placeholders() -> None:
    lines = load_lines()
    for section in REQUIRED_SECTIONS:
        assert len(lines[section]) >= 2, section
        for text in lines[section]:
            names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            assert names <= PLACEHOLDERS, (section, text)


def test_lines_vary_and_are_reproducible_with_a_seed() -> None:
    def said(seed: int) -> list[str]:
        lines = Lines(seed=seed)
        return [lines.say("transition", index=2, total=5) for _ in range(8)]

    assert said(3) == said(3)
    run = said(3)
    assert all(x != y for x, y in itertools.pairwise(run))  # never the same line twice in a row
    assert len(set(run)) >= 3
    assert all("2 of 5" in s for s in run)


def test_missing_placeholders_are_left_blank_not_errors() -> None:
    assert "{" not in Lines(seed=0).say("greeting")


def test_a_broken_lines_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "lines.yaml"
    bad.write_text("greeting: []\n")
    with pytest.raises(ValueError, match=str(bad)):
        load_lines(bad)
    assert LINES_FILE.name == "lines.yaml"

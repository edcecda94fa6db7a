"""Every validation error class: the exact one-line message and the line/column it points at."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from interview.banks import load_catalog


def _diags(tmp_path: Path, text: str, name: str = "bank.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    cat = load_catalog([path])
    return [f"{d.line}:{d.col}: {'warning: ' if not d.is_error else ''}{d.message}"
            for d in cat.diagnostics]


MINIMAL = """\
bank: demo
round: ml-theory
questions:
  - id: q1
    prompt: What is overfitting?
    model_answer: The model fits noise in the training data and generalizes poorly to unseen data.
"""


def test_minimal_bank_from_the_issue_validates(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    cat = load_catalog([path])
    assert cat.errors == []
    assert list(cat.questions) == ["q1"]
    # Only the "no examples" warning.
    assert [d.code for d in cat.warnings] == ["no-examples"]


CASES = {
    "yaml-syntax": (
        """
        bank: x
        round: ml-theory
        questions:
          - id: a
            prompt: [unclosed
        """,
        "6:1: YAML syntax error: did not find expected ',' or ']'",
    ),
    "wrong-type-int": (
        """
        bank: t
        round: ml-theory
        questions:
          - id: a
            prompt: Q?
            model_answer: A.
            time_limit: soon
        """,
        "7:17: 'time_limit' must be a whole number, got text ('soon')",
    ),
    "wrong-type-list": (
        """
        bank: t
        round: ml-theory
        questions:
          - id: a
            prompt: Q?
            model_answer: A.
            tags: oops
        """,
        "7:11: 'tags' must be a list, got text ('oops')",
    ),
    "unknown-field-did-you-mean": (
        """
        bank: u
        round: ml-theory
        questions:
          - id: a
            promt: Q?
            model_answer: A.
        """,
        "5:5: unknown field 'promt' in question (did you mean 'prompt'?)",
    ),
    "unknown-field-in-criterion": (
        """
        bank: u
        round: ml-theory
        questions:
          - id: a
            prompt: Q?
            rubric:
              criteria:
                - id: c
                  keywords: [alpha]
                  wieght: 2
        """,
        "10:11: unknown field 'wieght' in criterion (did you mean 'weight'?)",
    ),
    "bad-round": (
        """
        bank: r
        round: nonsense
        questions: []
        """,
        "2:8: 'round' must be one of 'coding-screen', 'ml-theory', 'system-design', "
        "'behavioral' or 'portfolio', got text ('nonsense')",
    ),
    "duplicate-id-in-file": (
        """
        bank: dup
        round: behavioral
        questions:
          - id: d1
            prompt: Q?
            model_answer: A.
          - id: d1
            prompt: Q2?
            model_answer: B.
        """,
        "7:9: duplicate question id 'd1' (already used earlier in this file at line 4)",
    ),
    "weight-not-positive": (
        """
        bank: w
        round: ml-theory
        questions:
          - id: w1
            prompt: Q?
            rubric:
              criteria:
                - id: c1
                  weight: 0
                  keywords: [alpha]
        """,
        "9:19: weight must be > 0, got 0",
    ),
    "empty-keywords": (
        """
        bank: k
        round: ml-theory
        questions:
          - id: k1
            prompt: Q?
            rubric:
              criteria:
                - id: c1
                  keywords: []
        """,
        "9:21: keywords must list at least one phrase",
    ),
    "expect-min-over-max": (
        """
        bank: e
        round: ml-theory
        questions:
          - id: e1
            prompt: Q?
            model_answer: A.
            examples:
              - answer: hi
                expect: {min: 80, max: 20}
        """,
        "9:17: expect.min (80) is greater than expect.max (20)",
    ),
    "unknown-extends": (
        """
        bank: x
        round: behavioral
        questions:
          - id: x1
            prompt: Tell me about a failure.
            rubric:
              extends: stra
        """,
        "7:16: unknown rubric 'stra' in extends (did you mean 'star'?)",
    ),
    "nothing-to-score": (
        """
        bank: n
        round: ml-theory
        questions:
          - id: n1
            prompt: Q?
        """,
        "4:5: a question needs a rubric or a model_answer to be scored",
    ),
    "duplicate-key": (
        """
        bank: dk
        round: ml-theory
        round: behavioral
        """,
        "3:1: duplicate key 'round'",
    ),
    "python-tag": (
        """
        bank: t
        round: ml-theory
        questions:
          - id: t1
            prompt: !!python/object/apply:os.system [ls]
        """,
        "5:13: YAML tag '!!python/object/apply:os.system' is not allowed (plain values only)",
    ),
    "not-a-bank": (
        """
        - just
        - a list
        """,
        "1:1: not a bank or rubric file: expected a mapping with a 'bank:' (question bank) "
        "or 'rubric:' (shared rubric) key, got a list",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_error_message_and_position(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    # Unknown-extends needs the shipped rubrics on the path.
    path = tmp_path / "bank.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    from interview.paths import shipped_dir

    cat = load_catalog([shipped_dir("rubrics"), path])
    errors = [f"{d.line}:{d.col}: {d.message}" for d in cat.errors if d.path == path]
    assert expected in errors, errors
    assert not cat.questions.keys() & {"a", "d1", "w1", "k1", "e1", "x1", "n1", "t1"} or case == "duplicate-id-in-file"


def test_duplicate_ids_across_banks(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL.replace("bank: demo", "bank: other"), encoding="utf-8")
    cat = load_catalog([tmp_path])
    errors = [str(d) for d in cat.errors]
    assert errors == [f"{tmp_path / 'b.yaml'}:4:9: duplicate question id 'q1' "
                      f"(already used in {tmp_path / 'a.yaml'} at line 4)"]
    # The first bank still loads; the second is listed as broken.
    assert [f.path.name for f in cat.banks] == ["a.yaml"]
    assert [f.path.name for f in cat.broken] == ["b.yaml"]


def test_duplicate_bank_ids(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL.replace("id: q1", "id: q2"), encoding="utf-8")
    cat = load_catalog([tmp_path])
    assert [f"{d.line}:{d.col}: {d.message}" for d in cat.errors] == [
        f"1:7: duplicate bank id 'demo' (already used at {tmp_path / 'a.yaml'}:1)"]


def test_broken_bank_does_not_stop_others(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("bank: [oops\n", encoding="utf-8")
    cat = load_catalog([tmp_path])
    assert "q1" in cat.questions
    assert [f.path.name for f in cat.broken] == ["bad.yaml"]
    assert cat.broken[0].errors[0].message.startswith("YAML syntax error")


WARN = """
bank: warn
round: ml-theory
questions:
  - id: w
    prompt: Explain gradient descent.
    rubric:
      criteria:
        - id: a
          keywords: [gradient descent, learning rate]
        - id: b
          keywords: [learning rate, convergence, "x)", o(n)]
"""


def test_warnings(tmp_path: Path) -> None:
    assert _diags(tmp_path, WARN) == [
        "9:22: warning: keyword 'gradient descent' appears in the question's prompt; "
        "echoing the question would score",
        "11:22: warning: keyword 'learning rate' is in two criteria ('a' and 'b'); "
        "one answer phrase would earn both",
        "11:50: warning: keyword 'x)' is shorter than 3 characters: it would match almost "
        "any answer",
        "4:9: warning: question 'w' has no examples; add a few graded answers so "
        "'interview bank test' can check its rubric",
    ]


class TestHostileFiles:
    def _one(self, path: Path) -> str:
        start = time.perf_counter()
        cat = load_catalog([path])
        elapsed = time.perf_counter() - start
        assert elapsed < 2.0  # refused quickly, not after expanding the bomb
        assert len(cat.errors) == 1
        d = cat.errors[0]
        return f"{d.line}:{d.col}: {d.message}"

    def test_alias_bomb(self, tmp_path: Path) -> None:
        lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        for i in range(1, 12):
            prev, cur = chr(96 + i), chr(97 + i)
            lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
        path = tmp_path / "bomb.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert "alias bomb" in self._one(path)

    def test_size_cap(self, tmp_path: Path) -> None:
        path = tmp_path / "big.yaml"
        path.write_text("# " + "x" * 3_000_000, encoding="utf-8")
        assert self._one(path) == "1:1: file is 2.9 MB, over the 2 MB cap"

    def test_non_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin.yaml"
        path.write_bytes(b"bank: x\ntitle: caf\xe9\n")
        assert self._one(path) == "2:11: not UTF-8 text (byte 0xe9); save the file as UTF-8"

    def test_absurd_flow_nesting(self, tmp_path: Path) -> None:
        path = tmp_path / "deep.yaml"
        path.write_text("bank: " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
        assert self._one(path) == "1:47: nesting deeper than 40 levels; refusing the file"

    def test_absurd_block_nesting(self, tmp_path: Path) -> None:
        text = "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "end: 1\n"
        path = tmp_path / "deepblock.yaml"
        path.write_text(text, encoding="utf-8")
        assert "nesting deeper than 40 levels" in self._one(path)

    def test_empty_file(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.yaml"
        path.write_text("", encoding="utf-8")
        assert "got an empty file" in self._one(path)
